namespace TorchLab.Manual;

public static partial class GruLayer
{
    /// <summary>
    /// Backpropagation through time: given dL/d output (the forward's shape), the gradients of
    /// the input, of h₀ (when given) and of every weight and bias. Each direction is run forward
    /// once more to record its gates, then walked back from its last step to its first, carrying
    /// dL/dh from step to step. At one step, with g the gradient reaching h' (the output's share
    /// plus what the next step sent back), the chain rule through h' = (1 − z) n + z h gives
    /// <code>
    /// dn = g (1 − z)             da_n = dn (1 − n²)                  (a_n: n's pre-activation)
    /// dz = g (h − n)             da_z = dz z (1 − z)
    /// dr = da_n ⊙ (W_hn h + b_hn) da_r = dr r (1 − r)
    /// </code>
    /// and the gates' pre-activations are affine in x and in h, so with
    /// gᵢ = (da_r, da_z, da_n) and gₕ = (da_r, da_z, r ⊙ da_n) (r multiplies only W_hn h + b_hn):
    /// dW_ih += gᵢ xᵀ, db_ih += gᵢ, dx = W_ihᵀ gᵢ, dW_hh += gₕ hᵀ, db_hh += gₕ, and
    /// dh = g z + W_hhᵀ gₕ goes on to the step before. What is left after the first step is dL/dh₀.
    /// </summary>
    public static GruGradients Backward(NdArray input, NdArray outputGradient, GruWeights forward,
        GruWeights? backward = null, NdArray? initialState = null)
    {
        var (batch, length, hidden) = Check(input, forward, backward, initialState);
        var width = backward is null ? hidden : 2 * hidden;
        if (!outputGradient.Shape.SequenceEqual([batch, length, width]))
            throw new ArgumentException(
                $"output gradient {outputGradient.ShapeText} must have the output's shape ({batch}, {length}, {width})",
                nameof(outputGradient));
        var inputGradient = new double[input.Data.Length];
        var stateGradient = new double[(backward is null ? 1 : 2) * batch * hidden];
        var forwardSums = new Sums(forward);
        var backwardSums = backward is null ? null : new Sums(backward);
        var scratch = NdArray.Zeros(batch, length, width);   // the rerun's outputs, not needed again
        var tape = new double[length * 5 * hidden];
        for (var n = 0; n < batch; n++)
        {
            Run(input, n, forward, reverse: false, Start(initialState, 0, n, hidden), scratch, 0, tape);
            Walk(input, n, forward, reverse: false, tape, outputGradient, 0, forwardSums, inputGradient,
                stateGradient.AsSpan(n * hidden, hidden));
            if (backward is null) continue;
            Run(input, n, backward, reverse: true, Start(initialState, 1, n, hidden), scratch, hidden, tape);
            Walk(input, n, backward, reverse: true, tape, outputGradient, hidden, backwardSums!, inputGradient,
                stateGradient.AsSpan((batch + n) * hidden, hidden));
        }
        return new GruGradients(
            new NdArray(input.Shape, ToFloat(inputGradient)),
            initialState is null ? null : new NdArray(initialState.Shape, ToFloat(stateGradient)),
            forwardSums.ToWeights(forward), backwardSums?.ToWeights(backward!));
    }

    // One direction of example n, walked from the step it read last back to its first.
    private static void Walk(NdArray input, int n, GruWeights w, bool reverse, double[] tape, NdArray outputGradient,
        int column, Sums sums, double[] inputGradient, Span<double> stateGradient)
    {
        int length = input.Shape[1], features = input.Shape[2], hidden = w.HiddenSize;
        int width = outputGradient.Shape[2], gates = 3 * hidden;
        var carried = new double[hidden];          // dL/dh' from the steps after this one
        var previous = new double[hidden];         // dL/dh, built for the step before
        var inputGates = new double[gates];        // gᵢ = (da_r, da_z, da_n)
        var hiddenGates = new double[gates];       // gₕ = (da_r, da_z, r ⊙ da_n)
        for (var step = length - 1; step >= 0; step--)
        {
            var t = reverse ? length - 1 - step : step;
            var row = step * 5 * hidden;
            for (var j = 0; j < hidden; j++)
            {
                var g = carried[j] + outputGradient.Data[(n * length + t) * width + column + j];
                double h = tape[row + j], r = tape[row + hidden + j], z = tape[row + 2 * hidden + j];
                double candidate = tape[row + 3 * hidden + j], hiddenPart = tape[row + 4 * hidden + j];
                var candidateGate = g * (1 - z) * (1 - candidate * candidate);
                var updateGate = g * (h - candidate) * z * (1 - z);
                var resetGate = candidateGate * hiddenPart * r * (1 - r);
                inputGates[j] = hiddenGates[j] = resetGate;
                inputGates[hidden + j] = hiddenGates[hidden + j] = updateGate;
                inputGates[2 * hidden + j] = candidateGate;
                hiddenGates[2 * hidden + j] = r * candidateGate;
                previous[j] = g * z;
            }
            var x = (n * length + t) * features;
            for (var gate = 0; gate < gates; gate++)
            {
                sums.InputBias[gate] += inputGates[gate];
                sums.HiddenBias[gate] += hiddenGates[gate];
                for (var i = 0; i < features; i++)
                {
                    sums.InputWeights[gate * features + i] += inputGates[gate] * input.Data[x + i];
                    inputGradient[x + i] += w.InputWeights.Data[gate * features + i] * inputGates[gate];
                }
                for (var k = 0; k < hidden; k++)
                {
                    sums.HiddenWeights[gate * hidden + k] += hiddenGates[gate] * tape[row + k];
                    previous[k] += w.HiddenWeights.Data[gate * hidden + k] * hiddenGates[gate];
                }
            }
            (carried, previous) = (previous, carried);
        }
        carried.CopyTo(stateGradient);
    }

    // One direction's parameter gradients, summed over examples and steps in double.
    private sealed class Sums(GruWeights w)
    {
        public double[] InputWeights { get; } = new double[w.InputWeights.Data.Length];
        public double[] HiddenWeights { get; } = new double[w.HiddenWeights.Data.Length];
        public double[] InputBias { get; } = new double[w.InputBias.Length];
        public double[] HiddenBias { get; } = new double[w.HiddenBias.Length];

        public GruWeights ToWeights(GruWeights shapes) => new(
            new NdArray(shapes.InputWeights.Shape, ToFloat(InputWeights)),
            new NdArray(shapes.HiddenWeights.Shape, ToFloat(HiddenWeights)),
            ToFloat(InputBias), ToFloat(HiddenBias));
    }

    private static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);
}
