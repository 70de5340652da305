namespace TorchLab.Manual;

/// <summary>
/// <c>nn.MultiheadAttention</c>'s parameters under its state-dict names: <c>in_proj_weight</c>
/// (3E, E) stacks the query, key and value projections' rows in that order, <c>in_proj_bias</c>
/// (3E) their biases; <c>out_proj.weight</c> (E, E) and <c>out_proj.bias</c> (E). A null bias is
/// a module built with <c>bias: false</c>. Gradients come back in the same record, shape for shape.
/// </summary>
public sealed record AttentionProjections(NdArray InProjectionWeight, float[]? InProjectionBias,
    NdArray OutProjectionWeight, float[]? OutProjectionBias);

/// <summary>
/// Multi-head attention as <c>nn.MultiheadAttention</c> computes it (without its
/// <c>add_bias_kv</c>/<c>add_zero_attn</c> options): project query, key and value, split E
/// into H heads of E/H, run <see cref="ScaledDotProductAttention"/> in each head, concatenate
/// the heads and project the result.
/// </summary>
public static partial class MultiHeadAttentionByHand
{
    /// <summary>
    /// Batch first: query (N, L, E), key and value (N, S, E); self-attention passes the same array
    /// three times. <paramref name="attentionMask"/> is torch's float <c>attn_mask</c> (L, S),
    /// added to every head's scores; <see cref="AttentionMask.FromBlocked"/> converts PyTorch's
    /// boolean one (true = blocked). Give TorchSharp's module the float mask too: libtorch 2.10's
    /// C++ <c>MultiheadAttention</c> adds a boolean <c>attn_mask</c> to the scores as 0 and 1
    /// instead of blocking (a test pins this). <paramref name="keyPaddingMask"/> (N, S) is true
    /// where a key is padding and ignored, in both. <paramref name="dropout"/> (N·H, L, S) is the
    /// dropout mask torch drew for the attention weights in training (0 or 1/(1 − p)); null is
    /// eval mode. Returns the output (N, L, E) and each head's weights (N, H, L, S), not averaged
    /// over heads as torch's <c>need_weights</c> is by default. A query left with no key by the
    /// masks is refused with an <see cref="ArgumentException"/> naming it.
    /// </summary>
    public static AttentionOutput Forward(NdArray query, NdArray key, NdArray value, AttentionProjections projections,
        int heads, NdArray? attentionMask = null, bool[,]? keyPaddingMask = null, NdArray? dropout = null)
    {
        var (batch, length, sourceLength, width) =
            Check(query, key, value, projections, heads, attentionMask, keyPaddingMask);
        var headWidth = width / heads;
        var q = Project(query, projections, 0, heads);                                   // (N·H, L, E/H)
        var k = Project(key, projections, 1, heads);                                     // (N·H, S, E/H)
        var v = Project(value, projections, 2, heads);                                   // (N·H, S, E/H)
        var mask = HeadMask(batch, heads, length, sourceLength, attentionMask, keyPaddingMask);   // (N·H, L, S)
        var (mixed, weights) = ScaledDotProductAttention.Forward(q, k, v, mask, dropout);   // (N·H, L, E/H)
        var concatenated = MergeHeads(mixed, batch, heads);                              // (N·L, E)
        var output = LinearLayer.Forward(concatenated, projections.OutProjectionWeight,
            projections.OutProjectionBias);                                              // (N·L, E)
        return new AttentionOutput(output.Reshape(batch, length, width),
            weights.Reshape(batch, heads, length, sourceLength));
    }

    // Rows part·E … (part+1)·E of in_proj (0 query, 1 key, 2 value) applied to x (N, T, E), then
    // each head's columns moved into a batch entry of their own: (N, T, E) → (N·H, T, E/H).
    private static NdArray Project(NdArray x, AttentionProjections p, int part, int heads)
    {
        int batch = x.Shape[0], positions = x.Shape[1], width = x.Shape[2];
        var projected = LinearLayer.Forward(x.Reshape(batch * positions, width), PartWeight(p, part, width),
            PartBias(p, part, width));                                                   // (N·T, E)
        return projected.Reshape(batch, positions, heads, width / heads).Transpose(1, 2)
            .Reshape(batch * heads, positions, width / heads);
    }

    private static NdArray PartWeight(AttentionProjections p, int part, int width) =>
        new([width, width], p.InProjectionWeight.Data[(part * width * width)..((part + 1) * width * width)]);

    private static float[]? PartBias(AttentionProjections p, int part, int width) =>
        p.InProjectionBias?[(part * width)..((part + 1) * width)];

    // (N·H, T, E/H) → (N·T, E): each position's heads side by side again.
    private static NdArray MergeHeads(NdArray perHead, int batch, int heads)
    {
        int positions = perHead.Shape[1], headWidth = perHead.Shape[2];
        return perHead.Reshape(batch, heads, positions, headWidth).Transpose(1, 2)
            .Reshape(batch * positions, heads * headWidth);
    }

    // attn_mask and key_padding_mask merged into one additive mask per batch entry and head, as
    // torch merges them; a query with no key left is refused here, where the example is known.
    private static NdArray? HeadMask(int batch, int heads, int length, int sourceLength, NdArray? attentionMask,
        bool[,]? keyPaddingMask)
    {
        if (attentionMask is null && keyPaddingMask is null) return null;
        var mask = NdArray.Zeros(batch * heads, length, sourceLength);
        for (var n = 0; n < batch; n++)
        for (var i = 0; i < length; i++)
        {
            var open = 0;
            for (var j = 0; j < sourceLength; j++)
            {
                var added = keyPaddingMask?[n, j] == true ? float.NegativeInfinity : attentionMask?[i, j] ?? 0f;
                if (!float.IsNegativeInfinity(added)) open++;
                for (var h = 0; h < heads; h++) mask[n * heads + h, i, j] = added;
            }
            if (open == 0)
                throw new ArgumentException(
                    $"query {i} of example {n} may attend to no key: attn_mask and key_padding_mask together " +
                    $"block all {sourceLength}, and softmax over nothing is undefined",
                    keyPaddingMask is null ? nameof(attentionMask) : nameof(keyPaddingMask));
        }
        return mask;
    }

    private static (int batch, int length, int sourceLength, int width) Check(NdArray query, NdArray key,
        NdArray value, AttentionProjections p, int heads, NdArray? attentionMask, bool[,]? keyPaddingMask)
    {
        LayerPlan.RequireRank(query, 3, "query", "(N, L, E)");
        LayerPlan.RequireRank(key, 3, "key", "(N, S, E)");
        LayerPlan.RequireRank(value, 3, "value", "(N, S, E)");
        int batch = query.Shape[0], length = query.Shape[1], width = query.Shape[2], sourceLength = key.Shape[1];
        if (key.Shape[0] != batch || key.Shape[2] != width)
            throw new ArgumentException(
                $"key {key.ShapeText} must be (N, S, E) with N = {batch} and E = {width} of query {query.ShapeText}",
                nameof(key));
        if (!value.Shape.SequenceEqual(key.Shape))
            throw new ArgumentException($"value {value.ShapeText} must have key's shape {key.ShapeText}",
                nameof(value));
        if (heads <= 0 || width % heads != 0)
            throw new ArgumentException(
                $"embedding width E = {width} of query {query.ShapeText} is not divisible by {heads} heads",
                nameof(heads));
        LayerPlan.RequireRank(p.InProjectionWeight, 2, "in_proj_weight", "(3E, E)");
        LayerPlan.RequireRank(p.OutProjectionWeight, 2, "out_proj.weight", "(E, E)");
        if (p.InProjectionWeight.Shape[0] != 3 * width || p.InProjectionWeight.Shape[1] != width)
            throw new ArgumentException(
                $"in_proj_weight {p.InProjectionWeight.ShapeText} must be (3E, E) = ({3 * width}, {width}) " +
                $"for query {query.ShapeText}", "in_proj_weight");
        if (p.InProjectionBias is not null && p.InProjectionBias.Length != 3 * width)
            throw new ArgumentException(
                $"in_proj_bias has {p.InProjectionBias.Length} values, expected 3E = {3 * width}", "in_proj_bias");
        if (p.OutProjectionWeight.Shape[0] != width || p.OutProjectionWeight.Shape[1] != width)
            throw new ArgumentException(
                $"out_proj.weight {p.OutProjectionWeight.ShapeText} must be (E, E) = ({width}, {width}) " +
                $"for query {query.ShapeText}", "out_proj.weight");
        if (p.OutProjectionBias is not null && p.OutProjectionBias.Length != width)
            throw new ArgumentException(
                $"out_proj.bias has {p.OutProjectionBias.Length} values, expected E = {width}", "out_proj.bias");
        if (attentionMask is not null
            && (attentionMask.Rank != 2 || attentionMask.Shape[0] != length || attentionMask.Shape[1] != sourceLength))
            throw new ArgumentException(
                $"attn_mask {attentionMask.ShapeText} must be (L, S) = ({length}, {sourceLength}) " +
                $"for query {query.ShapeText} and key {key.ShapeText}", nameof(attentionMask));
        if (keyPaddingMask is not null
            && (keyPaddingMask.GetLength(0) != batch || keyPaddingMask.GetLength(1) != sourceLength))
            throw new ArgumentException(
                $"key_padding_mask [{keyPaddingMask.GetLength(0)}, {keyPaddingMask.GetLength(1)}] must be (N, S) = " +
                $"({batch}, {sourceLength}) for key {key.ShapeText}", nameof(keyPaddingMask));
        return (batch, length, sourceLength, width);
    }
}
