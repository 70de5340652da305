namespace TorchLab.Manual;

/// <summary>What attention returns: the output and the softmax weights that mixed the values.</summary>
public sealed record AttentionOutput(NdArray Output, NdArray Weights);

/// <summary>
/// Scaled dot-product attention written as its formula (Vaswani et al. 2017),
/// softmax(Q Kᵀ / √d + mask) V, as torch's <c>scaled_dot_product_attention</c> computes it
/// (its dropout given as the mask torch drew), and its backward. Each query's scores, softmax and
/// weighted sum are kept in double; the softmax subtracts the row's largest score first, so that
/// exp never overflows however large the scores.
/// </summary>
public static partial class ScaledDotProductAttention
{
    /// <summary>
    /// Query (B, Lq, d), key (B, Lk, d), value (B, Lk, dv) → output (B, Lq, dv) and weights
    /// (B, Lq, Lk), each weight row summing to 1. <paramref name="mask"/> is added to the scaled
    /// scores: (Lq, Lk) for every batch entry or (B, Lq, Lk), 0 to keep and −∞ to block
    /// (<see cref="AttentionMask"/> builds it from torch's boolean conventions). A query whose
    /// every key is blocked is refused with an <see cref="ArgumentException"/> naming it: its
    /// softmax is 0/0, and torch has no one answer for it (libtorch 2.10's
    /// <c>scaled_dot_product_attention</c> returns a row of zeros, its <c>nn.MultiheadAttention</c>
    /// a row of NaN, PyTorch 1.13 NaN in both). <paramref name="dropout"/> (B, Lq, Lk), when given,
    /// multiplies the weights before they mix the values: torch's dropout on the attention weights
    /// in training, as the mask it drew, 0 where dropped and 1/(1 − p) where kept. The weights
    /// returned are those before it.
    /// </summary>
    public static AttentionOutput Forward(NdArray query, NdArray key, NdArray value, NdArray? mask = null,
        NdArray? dropout = null)
    {
        var (batch, queries, keys, width, valueWidth) = Check(query, key, value, mask, dropout);
        var output = NdArray.Zeros(batch, queries, valueWidth);
        var weights = NdArray.Zeros(batch, queries, keys);
        var row = new double[keys];
        var mixed = new double[valueWidth];
        var v = value.Data;
        for (var b = 0; b < batch; b++)
        for (var i = 0; i < queries; i++)
        {
            Weights(query, key, mask, b, i, row);
            Array.Clear(mixed);
            for (var j = 0; j < keys; j++)
            {
                weights.Data[(b * queries + i) * keys + j] = (float)row[j];
                var weight = row[j] * (dropout?.Data[(b * queries + i) * keys + j] ?? 1f);
                var valueRow = (b * keys + j) * valueWidth;
                for (var c = 0; c < valueWidth; c++) mixed[c] += weight * v[valueRow + c];
            }
            for (var c = 0; c < valueWidth; c++) output.Data[(b * queries + i) * valueWidth + c] = (float)mixed[c];
        }
        return new AttentionOutput(output, weights);
    }

    // Query i of batch entry b: its softmax(q kⱼ / √d + mask) over the keys j, into row.
    // Rows of the flat row-major data: the same sums as query[b, i, c] · key[b, j, c], without
    // checking three indices per product (the lab's by-hand check runs 140 million of them).
    private static void Weights(NdArray query, NdArray key, NdArray? mask, int b, int i, double[] row)
    {
        int queries = query.Shape[1], width = query.Shape[2], keys = key.Shape[1];
        var scale = 1 / Math.Sqrt(width);
        var (q, k) = (query.Data, key.Data);
        var queryRow = (b * queries + i) * width;
        for (var j = 0; j < keys; j++)
        {
            var keyRow = (b * keys + j) * width;
            double dot = 0;
            for (var c = 0; c < width; c++) dot += (double)q[queryRow + c] * k[keyRow + c];
            row[j] = dot * scale + (mask is null ? 0 : MaskAt(mask, b, i, j));
        }
        if (!SoftmaxByHand.RowForward(row))
            throw new ArgumentException(
                $"query {i} of batch entry {b} may attend to no key: the mask blocks all {keys} keys, " +
                "and softmax over nothing is undefined", nameof(mask));
    }

    private static float MaskAt(NdArray mask, int b, int i, int j) =>
        mask.Rank == 2 ? mask[i, j] : mask[mask.Shape[0] == 1 ? 0 : b, i, j];

    private static (int batch, int queries, int keys, int width, int valueWidth) Check(NdArray query, NdArray key,
        NdArray value, NdArray? mask, NdArray? dropout)
    {
        LayerPlan.RequireRank(query, 3, "query", "(B, Lq, d)");
        LayerPlan.RequireRank(key, 3, "key", "(B, Lk, d)");
        LayerPlan.RequireRank(value, 3, "value", "(B, Lk, dv)");
        int batch = query.Shape[0], queries = query.Shape[1], width = query.Shape[2], keys = key.Shape[1];
        if (key.Shape[0] != batch || key.Shape[2] != width)
            throw new ArgumentException(
                $"key {key.ShapeText} must be (B, Lk, d) with B = {batch} and d = {width} of query {query.ShapeText}",
                nameof(key));
        if (value.Shape[0] != batch || value.Shape[1] != keys)
            throw new ArgumentException(
                $"value {value.ShapeText} must be (B, Lk, dv) with B = {batch} and Lk = {keys} of key {key.ShapeText}",
                nameof(value));
        if (width == 0)
            throw new ArgumentException(
                $"query {query.ShapeText} and key {key.ShapeText} have width d = 0: the scale 1/√d is undefined",
                nameof(query));
        if (keys == 0)
            throw new ArgumentException($"key {key.ShapeText} has no positions: there is nothing to attend to",
                nameof(key));
        if (mask is not null)
        {
            var fits = mask.Rank == 2 ? mask.Shape[0] == queries && mask.Shape[1] == keys
                : mask.Rank == 3 && (mask.Shape[0] == batch || mask.Shape[0] == 1)
                    && mask.Shape[1] == queries && mask.Shape[2] == keys;
            if (!fits)
                throw new ArgumentException(
                    $"mask {mask.ShapeText} must be (Lq, Lk) = ({queries}, {keys}) or (B, Lq, Lk) = " +
                    $"({batch}, {queries}, {keys}) for query {query.ShapeText} and key {key.ShapeText}", nameof(mask));
        }
        if (dropout is not null && !dropout.Shape.SequenceEqual([batch, queries, keys]))
            throw new ArgumentException(
                $"dropout mask {dropout.ShapeText} must be the weights' shape (B, Lq, Lk) = " +
                $"({batch}, {queries}, {keys})",
                nameof(dropout));
        return (batch, queries, keys, width, value.Shape[2]);
    }
}
