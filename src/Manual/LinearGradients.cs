namespace TorchLab.Manual;

/// <summary>
/// The fully connected layer's backward, y = x Wᵀ + b, for the attention and encoder layers'
/// projections: dx = dy W, dW = dyᵀ x, db = Σₙ dy. A private piece until <c>LinearLayer</c>
/// has its own backward; then this one should go, and its callers call that.
/// </summary>
internal static class LinearGradients
{
    /// <summary>Input (N, in), weights (out, in), dL/d output (N, out) → dL/d input, weights and bias.</summary>
    public static (NdArray Input, NdArray Weights, float[] Bias) Of(NdArray input, NdArray weights,
        NdArray outputGradient)
    {
        int batch = input.Shape[0], inputs = input.Shape[1], outputs = weights.Shape[0];
        var (x, w, dy) = (input.Data, weights.Data, outputGradient.Data);
        var inputGradient = new float[x.Length];
        var row = new double[inputs];
        for (var n = 0; n < batch; n++)
        {
            Array.Clear(row);
            for (var o = 0; o < outputs; o++)
            {
                double g = dy[n * outputs + o];
                for (var i = 0; i < inputs; i++) row[i] += g * w[o * inputs + i];
            }
            for (var i = 0; i < inputs; i++) inputGradient[n * inputs + i] = (float)row[i];
        }
        var weightGradient = new float[w.Length];
        var bias = new float[outputs];
        for (var o = 0; o < outputs; o++)
        {
            Array.Clear(row);
            double biasSum = 0;
            for (var n = 0; n < batch; n++)
            {
                double g = dy[n * outputs + o];
                biasSum += g;
                for (var i = 0; i < inputs; i++) row[i] += g * x[n * inputs + i];
            }
            for (var i = 0; i < inputs; i++) weightGradient[o * inputs + i] = (float)row[i];
            bias[o] = (float)biasSum;
        }
        return (new NdArray(input.Shape, inputGradient), new NdArray(weights.Shape, weightGradient), bias);
    }
}
