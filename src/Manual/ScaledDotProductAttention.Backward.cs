namespace TorchLab.Manual;

/// <summary>dL/d query, dL/d key and dL/d value, each of its input's shape.</summary>
public sealed record AttentionGradients(NdArray Query, NdArray Key, NdArray Value);

public static partial class ScaledDotProductAttention
{
    /// <summary>
    /// The gradients of query, key and value from dL/d output (B, Lq, dv), with the forward's
    /// inputs and masks. Row by row, with P the weights (after dropout, P̃ = P ⊙ M):
    /// <code>
    /// dV   = P̃ᵀ dO                             each key's value gets the output gradients it mixed into
    /// dP   = (dO Vᵀ) ⊙ M                       how the loss moves with each weight
    /// dS   = P ⊙ (dP − rowsum(P ⊙ dP))         the softmax's backward (<see cref="SoftmaxByHand"/>)
    /// dQ   = dS K / √d,   dK = dSᵀ Q / √d      the scores S = Q Kᵀ / √d are bilinear
    /// </code>
    /// An additive mask only shifts the scores, so it passes the gradient unchanged, and a blocked
    /// key (weight 0) gets none through its score.
    /// </summary>
    public static AttentionGradients Backward(NdArray query, NdArray key, NdArray value, NdArray outputGradient,
        NdArray? mask = null, NdArray? dropout = null)
    {
        var (batch, queries, keys, width, valueWidth) = Check(query, key, value, mask, dropout);
        if (!outputGradient.Shape.SequenceEqual([batch, queries, valueWidth]))
            throw new ArgumentException(
                $"output gradient {outputGradient.ShapeText} must be (B, Lq, dv) = ({batch}, {queries}, {valueWidth})",
                nameof(outputGradient));
        var scale = 1 / Math.Sqrt(width);
        var (q, k, v, dO) = (query.Data, key.Data, value.Data, outputGradient.Data);
        var queryGradient = new float[q.Length];
        var keyGradient = new double[k.Length];
        var valueGradient = new double[v.Length];
        var weights = new double[keys];
        var gradient = new double[keys];
        var sum = new double[width];
        for (var b = 0; b < batch; b++)
        for (var i = 0; i < queries; i++)
        {
            Weights(query, key, mask, b, i, weights);
            var outputRow = (b * queries + i) * valueWidth;
            for (var j = 0; j < keys; j++)
            {
                var kept = dropout?.Data[(b * queries + i) * keys + j] ?? 1f;
                var valueRow = (b * keys + j) * valueWidth;
                double dot = 0;
                for (var c = 0; c < valueWidth; c++)
                {
                    dot += (double)dO[outputRow + c] * v[valueRow + c];
                    valueGradient[valueRow + c] += weights[j] * kept * dO[outputRow + c];
                }
                gradient[j] = dot * kept;
            }
            SoftmaxByHand.RowBackward(weights, gradient);   // dP → dS
            Array.Clear(sum);
            var queryRow = (b * queries + i) * width;
            for (var j = 0; j < keys; j++)
            {
                var keyRow = (b * keys + j) * width;
                var dScore = gradient[j] * scale;
                for (var c = 0; c < width; c++)
                {
                    sum[c] += dScore * k[keyRow + c];
                    keyGradient[keyRow + c] += dScore * q[queryRow + c];
                }
            }
            for (var c = 0; c < width; c++) queryGradient[queryRow + c] = (float)sum[c];
        }
        return new AttentionGradients(new NdArray(query.Shape, queryGradient),
            new NdArray(key.Shape, Array.ConvertAll(keyGradient, g => (float)g)),
            new NdArray(value.Shape, Array.ConvertAll(valueGradient, g => (float)g)));
    }
}
