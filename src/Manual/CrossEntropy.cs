namespace TorchLab.Manual;

/// <summary>
/// The classification loss of every model, torch's <c>F.cross_entropy(logits, targets)</c>: softmax
/// over each row of logits, the negative log of the target's probability, averaged over the batch.
/// </summary>
public static class CrossEntropy
{
    /// <summary>
    /// Logits z (N, classes) and target classes y (N) → L = (1/N) Σn [log Σk exp z[n, k] - z[n, y[n]]].
    /// The row maximum comes off before exp (log Σ exp is unchanged by a shift), and the sums run in
    /// double; torch's float32 loss agrees with it to float precision.
    /// </summary>
    public static double Forward(NdArray logits, int[] targets)
    {
        var (batch, classes) = Check(logits, targets);
        var total = 0.0;
        for (var n = 0; n < batch; n++)
        {
            var row = logits.Data.AsSpan(n * classes, classes);
            total += LogSumExp(row) - row[targets[n]];
        }
        return total / batch;
    }

    /// <summary>
    /// dL/dz[n, k] = (softmax(z[n])[k] - [k = y[n]]) / N: each row's probabilities, minus one at the
    /// target, divided by the batch size because the loss is a mean. Shape (N, classes), like the logits.
    /// </summary>
    public static NdArray Backward(NdArray logits, int[] targets)
    {
        var (batch, classes) = Check(logits, targets);
        var gradient = NdArray.Zeros(batch, classes);
        for (var n = 0; n < batch; n++)
        {
            var row = logits.Data.AsSpan(n * classes, classes);
            var logSum = LogSumExp(row);
            for (var k = 0; k < classes; k++)
            {
                var probability = Math.Exp(row[k] - logSum);
                var oneHot = k == targets[n] ? 1.0 : 0.0;
                gradient.Data[n * classes + k] = (float)((probability - oneHot) / batch);
            }
        }
        return gradient;
    }

    private static double LogSumExp(ReadOnlySpan<float> row)
    {
        double max = float.NegativeInfinity;
        foreach (var z in row) max = Math.Max(max, z);
        var sum = 0.0;
        foreach (var z in row) sum += Math.Exp(z - max);
        return max + Math.Log(sum);
    }

    private static (int Batch, int Classes) Check(NdArray logits, int[] targets)
    {
        LayerPlan.RequireRank(logits, 2, "logits", "(N, classes)");
        int batch = logits.Shape[0], classes = logits.Shape[1];
        if (targets.Length != batch)
            throw new ArgumentException($"{targets.Length} targets for logits {logits.ShapeText}", nameof(targets));
        if (batch == 0) throw new ArgumentException("an empty batch has no mean loss", nameof(logits));
        for (var n = 0; n < batch; n++)
            if ((uint)targets[n] >= (uint)classes)
                throw new ArgumentException($"target {targets[n]} of example {n} is not one of {classes} classes",
                    nameof(targets));
        return (batch, classes);
    }
}
