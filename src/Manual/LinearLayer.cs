namespace TorchLab.Manual;

/// <summary>
/// The fully connected layer written as its formula, y[n, o] = b[o] + Σi x[n, i] · W[o, i]
/// (PyTorch's <c>x Wᵀ + b</c>: a weight row per output), summed in double so that thousands of
/// inputs (the GRU classifier has 3,840) lose no precision.
/// </summary>
public static class LinearLayer
{
    /// <summary>Input (N, in), weights (out, in), optional bias (out) → (N, out).</summary>
    public static NdArray Forward(NdArray input, NdArray weights, float[]? bias = null)
    {
        var (batch, inputs, outputs) = Check(input, weights);
        if (bias is not null && bias.Length != outputs)
            throw new ArgumentException($"bias has {bias.Length} values for {outputs} outputs", nameof(bias));
        var output = NdArray.Zeros(batch, outputs);
        for (var n = 0; n < batch; n++)
        for (var o = 0; o < outputs; o++)
        {
            double sum = bias?[o] ?? 0f;
            for (var i = 0; i < inputs; i++) sum += (double)input.Data[n * inputs + i] * weights.Data[o * inputs + i];
            output.Data[n * outputs + o] = (float)sum;
        }
        return output;
    }

    /// <summary>
    /// The three gradients of the layer, given dL/dy (N, out). Each y[n, o] = b[o] + Σi x[n, i]·W[o, i],
    /// so every product x·W sends the output's gradient back to each factor times the other:
    /// <list type="bullet">
    /// <item>dL/dx[n, i] = Σo dL/dy[n, o] · W[o, i] (the matrix product dy · W), shape (N, in);</item>
    /// <item>dL/dW[o, i] = Σn dL/dy[n, o] · x[n, i] (dyᵀ · x), shape (out, in): a sum over the batch;</item>
    /// <item>dL/db[o] = Σn dL/dy[n, o], shape (out).</item>
    /// </list>
    /// </summary>
    public static LinearGradients Backward(NdArray input, NdArray weights, NdArray outputGradient)
    {
        var (batch, inputs, outputs) = Check(input, weights);
        if (outputGradient.Rank != 2 || outputGradient.Shape[0] != batch || outputGradient.Shape[1] != outputs)
            throw new ArgumentException(
                $"output gradient {outputGradient.ShapeText} must be (N, out) = ({batch}, {outputs})",
                nameof(outputGradient));
        var (x, w, dy) = (input.Data, weights.Data, outputGradient.Data);
        // Loops ordered so the inner one runs along a row in memory; each sum still adds in index order.
        var inputGradient = NdArray.Zeros(batch, inputs);
        var row = new double[inputs];
        for (var n = 0; n < batch; n++)
        {
            Array.Clear(row);
            for (var o = 0; o < outputs; o++)
            {
                double g = dy[n * outputs + o];
                for (var i = 0; i < inputs; i++) row[i] += g * w[o * inputs + i];
            }
            for (var i = 0; i < inputs; i++) inputGradient.Data[n * inputs + i] = (float)row[i];
        }
        var weightGradient = NdArray.Zeros(outputs, inputs);
        var biasGradient = new float[outputs];
        for (var o = 0; o < outputs; o++)
        {
            Array.Clear(row);
            var biasSum = 0.0;
            for (var n = 0; n < batch; n++)
            {
                double g = dy[n * outputs + o];
                biasSum += g;
                for (var i = 0; i < inputs; i++) row[i] += g * x[n * inputs + i];
            }
            for (var i = 0; i < inputs; i++) weightGradient.Data[o * inputs + i] = (float)row[i];
            biasGradient[o] = (float)biasSum;
        }
        return new LinearGradients(inputGradient, weightGradient, biasGradient);
    }

    private static (int Batch, int Inputs, int Outputs) Check(NdArray input, NdArray weights)
    {
        LayerPlan.RequireRank(input, 2, "input", "(N, in)");
        LayerPlan.RequireRank(weights, 2, "weights", "(out, in)");
        int batch = input.Shape[0], inputs = input.Shape[1], outputs = weights.Shape[0];
        if (weights.Shape[1] != inputs)
            throw new ArgumentException(
                $"weights {weights.ShapeText} take {weights.Shape[1]} inputs, but input {input.ShapeText} has {inputs}",
                nameof(weights));
        return (batch, inputs, outputs);
    }
}

/// <summary>dL/dx (N, in), dL/dW (out, in) and dL/db (out) of a linear layer.</summary>
public sealed record LinearGradients(NdArray Input, NdArray Weights, float[] Bias);
