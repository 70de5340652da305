namespace TorchLab.Manual;

/// <summary>
/// One direction's GRU parameters in PyTorch's layout: <c>weight_ih</c> (3H, in) and
/// <c>weight_hh</c> (3H, H) stack the reset, update and candidate gates' rows in that order
/// (r, z, n), and so do the biases (3H each).
/// </summary>
public sealed record GruWeights(NdArray InputWeights, NdArray HiddenWeights, float[] InputBias, float[] HiddenBias)
{
    public int HiddenSize => HiddenWeights.Rank == 2 ? HiddenWeights.Shape[1] : -1;
}

/// <summary>
/// What <see cref="GruLayer.Backward"/> returns: dL/d input (N, L, in), dL/d h₀ (D, N, H) when an
/// initial state was given, and each direction's parameter gradients in the parameters' own layout.
/// </summary>
public sealed record GruGradients(NdArray Input, NdArray? InitialState, GruWeights Forward, GruWeights? Backward);

/// <summary>
/// A one-layer GRU written as its equations (PyTorch's, Cho et al. 2014), from h₀ (zeros unless
/// given), for each position t:
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
/// The reset gate scales W_hn h <em>after</em> the product (PyTorch's form, not the paper's r ⊙ h
/// before it). Sums and the hidden state are kept in double so sixty steps add no drift.
/// </summary>
public static partial class GruLayer
{
    /// <summary>
    /// Input (N, L, in), batch first. With <paramref name="backward"/> the layer is bidirectional:
    /// a second GRU reads positions L−1 … 0 and each position's output is forward ‖ backward,
    /// (N, L, 2H) as torch concatenates them; without it (N, L, H). <paramref name="initialState"/>
    /// is torch's h₀, (D, N, H) with D = 1 or 2 directions; null starts from zeros.
    /// </summary>
    public static NdArray Forward(NdArray input, GruWeights forward, GruWeights? backward = null,
        NdArray? initialState = null)
    {
        var (batch, length, hidden) = Check(input, forward, backward, initialState);
        var width = backward is null ? hidden : 2 * hidden;
        var output = NdArray.Zeros(batch, length, width);
        for (var n = 0; n < batch; n++)
        {
            Run(input, n, forward, reverse: false, Start(initialState, 0, n, hidden), output, column: 0, tape: null);
            if (backward is not null)
                Run(input, n, backward, reverse: true, Start(initialState, 1, n, hidden), output, column: hidden, null);
        }
        return output;
    }

    // h₀ of direction d for example n, in double.
    private static double[] Start(NdArray? initialState, int direction, int n, int hidden)
    {
        var h = new double[hidden];
        if (initialState is null) return h;
        var offset = (direction * initialState.Shape[1] + n) * hidden;
        for (var j = 0; j < hidden; j++) h[j] = initialState.Data[offset + j];
        return h;
    }

    // Example n through one direction from h, writing h_t into output[n, t, column .. column + H).
    // With a tape, each step's h_{t-1}, r, z, n and W_hn h + b_hn are kept for backpropagation,
    // as tape[step, 5H] in the order the direction read the positions.
    private static void Run(NdArray input, int n, GruWeights w, bool reverse, double[] h, NdArray output,
        int column, double[]? tape)
    {
        int length = input.Shape[1], features = input.Shape[2], hidden = w.HiddenSize, width = output.Shape[2];
        var next = new double[hidden];
        var x = new double[features];
        for (var step = 0; step < length; step++)
        {
            var t = reverse ? length - 1 - step : step;
            for (var i = 0; i < features; i++) x[i] = input.Data[(n * length + t) * features + i];
            for (var j = 0; j < hidden; j++)
            {
                var r = Sigmoid(Affine(w.InputWeights, w.InputBias, j, x)
                    + Affine(w.HiddenWeights, w.HiddenBias, j, h));
                var z = Sigmoid(Affine(w.InputWeights, w.InputBias, hidden + j, x)
                    + Affine(w.HiddenWeights, w.HiddenBias, hidden + j, h));
                var hiddenPart = Affine(w.HiddenWeights, w.HiddenBias, 2 * hidden + j, h);
                var candidate = Math.Tanh(Affine(w.InputWeights, w.InputBias, 2 * hidden + j, x) + r * hiddenPart);
                next[j] = (1 - z) * candidate + z * h[j];
                if (tape is null) continue;
                var row = step * 5 * hidden;
                tape[row + j] = h[j];
                tape[row + hidden + j] = r;
                tape[row + 2 * hidden + j] = z;
                tape[row + 3 * hidden + j] = candidate;
                tape[row + 4 * hidden + j] = hiddenPart;
            }
            (h, next) = (next, h);   // every gate above read the previous h
            for (var j = 0; j < hidden; j++) output.Data[(n * length + t) * width + column + j] = (float)h[j];
        }
    }

    // b[row] + W[row, :] · v
    private static double Affine(NdArray weights, float[] bias, int row, double[] v)
    {
        double sum = bias[row];
        var offset = row * v.Length;
        for (var k = 0; k < v.Length; k++) sum += weights.Data[offset + k] * v[k];
        return sum;
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static (int batch, int length, int hidden) Check(NdArray input, GruWeights forward, GruWeights? backward,
        NdArray? initialState)
    {
        LayerPlan.RequireRank(input, 3, "input", "(N, L, in)");
        int batch = input.Shape[0], length = input.Shape[1], features = input.Shape[2];
        var hidden = Check(forward, features, "forward");
        if (backward is not null && Check(backward, features, "backward") != hidden)
            throw new ArgumentException(
                $"the backward direction has {backward.HiddenSize} hidden units, the forward one {hidden}",
                nameof(backward));
        var directions = backward is null ? 1 : 2;
        if (initialState is not null && !initialState.Shape.SequenceEqual([directions, batch, hidden]))
            throw new ArgumentException(
                $"initial state h_0 {initialState.ShapeText} must be (D, N, H) = ({directions}, {batch}, {hidden})",
                nameof(initialState));
        return (batch, length, hidden);
    }

    private static int Check(GruWeights w, int features, string direction)
    {
        LayerPlan.RequireRank(w.HiddenWeights, 2, "weight_hh", "(3H, H)");
        LayerPlan.RequireRank(w.InputWeights, 2, "weight_ih", "(3H, in)");
        var hidden = w.HiddenSize;
        if (w.HiddenWeights.Shape[0] != 3 * hidden)
            throw new ArgumentException(
                $"{direction} weight_hh {w.HiddenWeights.ShapeText} must be (3H, H) = ({3 * hidden}, {hidden})",
                "weight_hh");
        if (w.InputWeights.Shape[0] != 3 * hidden || w.InputWeights.Shape[1] != features)
            throw new ArgumentException(
                $"{direction} weight_ih {w.InputWeights.ShapeText} must be (3H, in) = ({3 * hidden}, {features}) " +
                $"for input features {features}", "weight_ih");
        if (w.InputBias.Length != 3 * hidden || w.HiddenBias.Length != 3 * hidden)
            throw new ArgumentException(
                $"{direction} biases have {w.InputBias.Length} and {w.HiddenBias.Length} values, " +
                $"expected 3H = {3 * hidden} each", "bias");
        return hidden;
    }
}
