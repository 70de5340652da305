namespace TorchLab.Manual;

/// <summary>
/// What <see cref="MultiHeadAttentionByHand.Backward"/> returns: dL/d query (N, L, E), key and
/// value (N, S, E), and the parameters' gradients under their own names and shapes. For
/// self-attention, where one x is query, key and value, dL/dx is the sum of the three.
/// </summary>
public sealed record MultiHeadAttentionGradients(NdArray Query, NdArray Key, NdArray Value,
    AttentionProjections Projections);

public static partial class MultiHeadAttentionByHand
{
    /// <summary>
    /// The forward pass read backwards, from dL/d output (N, L, E), with the forward's inputs,
    /// parameters and masks:
    /// <code>
    /// out = concat Wₒᵀ + bₒ        dWₒ = d outᵀ concat, dbₒ = Σ d out, d concat = d out Wₒ
    /// concat = heads side by side  d mixed = d concat split into heads again
    /// mixed = attention(q, k, v)   dq, dk, dv from <see cref="ScaledDotProductAttention.Backward"/>
    /// q = query W_qᵀ + b_q, …      dW_q = dqᵀ query, db_q = Σ dq, d query = dq W_q (and k, v alike)
    /// </code>
    /// The three projections' gradients are stacked into in_proj's (3E, E) rows in the order
    /// query, key, value, as the weights themselves are.
    /// </summary>
    public static MultiHeadAttentionGradients Backward(NdArray query, NdArray key, NdArray value,
        AttentionProjections projections, int heads, NdArray outputGradient, NdArray? attentionMask = null,
        bool[,]? keyPaddingMask = null, NdArray? dropout = null)
    {
        var (batch, length, sourceLength, width) =
            Check(query, key, value, projections, heads, attentionMask, keyPaddingMask);
        if (!outputGradient.Shape.SequenceEqual(query.Shape))
            throw new ArgumentException(
                $"output gradient {outputGradient.ShapeText} must have the output's shape {query.ShapeText}",
                nameof(outputGradient));
        var q = Project(query, projections, 0, heads);                                   // (N·H, L, E/H)
        var k = Project(key, projections, 1, heads);                                     // (N·H, S, E/H)
        var v = Project(value, projections, 2, heads);                                   // (N·H, S, E/H)
        var mask = HeadMask(batch, heads, length, sourceLength, attentionMask, keyPaddingMask);
        var mixed = ScaledDotProductAttention.Forward(q, k, v, mask, dropout).Output;     // (N·H, L, E/H)
        var concatenated = MergeHeads(mixed, batch, heads);                              // (N·L, E)

        var (concatenatedGradient, outWeight, outBias) = LinearLayer.Backward(concatenated,
            projections.OutProjectionWeight, outputGradient.Reshape(batch * length, width));   // (N·L, E)
        var mixedGradient = concatenatedGradient.Reshape(batch, length, heads, width / heads).Transpose(1, 2)
            .Reshape(batch * heads, length, width / heads);                              // (N·H, L, E/H)
        var perHead = ScaledDotProductAttention.Backward(q, k, v, mixedGradient, mask, dropout);

        var inWeight = new float[3 * width * width];
        var inBias = new float[3 * width];
        NdArray InputGradient(NdArray x, NdArray headGradient, int part)
        {
            var positions = x.Shape[1];
            var (dx, dw, db) = LinearLayer.Backward(x.Reshape(batch * positions, width),
                PartWeight(projections, part, width), MergeHeads(headGradient, batch, heads));   // (N·T, E)
            dw.Data.CopyTo(inWeight, part * width * width);
            db.CopyTo(inBias, part * width);
            return dx.Reshape(batch, positions, width);
        }
        var queryGradient = InputGradient(query, perHead.Query, 0);
        var keyGradient = InputGradient(key, perHead.Key, 1);
        var valueGradient = InputGradient(value, perHead.Value, 2);
        return new MultiHeadAttentionGradients(queryGradient, keyGradient, valueGradient, new AttentionProjections(
            new NdArray(projections.InProjectionWeight.Shape, inWeight),
            projections.InProjectionBias is null ? null : inBias,
            outWeight, projections.OutProjectionBias is null ? null : outBias));
    }
}
