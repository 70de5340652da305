namespace TorchLab.Manual;

/// <summary>
/// The Adam optimizer written out (Kingma and Ba, 2015), step for step as <c>torch.optim.Adam</c> without
/// weight decay or amsgrad. For each parameter value θ with gradient g, at step t = 1, 2, ...:
/// <code>
/// m = β1·m + (1 - β1)·g              first moment: a running mean of the gradient
/// v = β2·v + (1 - β2)·g²             second moment: a running mean of its square
/// θ = θ - lr/(1 - β1ᵗ) · m / (√v / √(1 - β2ᵗ) + ε)
/// </code>
/// m and v start at 0, so early on they are too small by the factors 1 - β1ᵗ and 1 - β2ᵗ; the bias
/// corrections divide those out. ε is added after the square root and after the correction of v,
/// outside both: it only keeps the step finite where v is 0. The step is then about lr in size
/// whatever the gradient's scale, since m/√v is.
/// The arithmetic is float32 in torch's order (the constants rounded to float, the corrections
/// computed in double). Measured against TorchSharp's <c>optim.Adam</c> on the CPU: m and v equal
/// torch's bit for bit; θ differs by at most a float rounding now and then, because libtorch's float
/// square root is not always correctly rounded (one value in a few comes out one unit in the last place off).
/// </summary>
public sealed class AdamByHand
{
    private readonly float[][] parameters;
    private readonly float[][] firstMoments;
    private readonly float[][] secondMoments;

    /// <summary>Adam over <paramref name="parameters"/>, which <see cref="Step"/> updates in place.</summary>
    public AdamByHand(IReadOnlyList<float[]> parameters, double learningRate = 1e-3, double beta1 = 0.9,
        double beta2 = 0.999, double epsilon = 1e-8)
    {
        if (learningRate < 0) throw new ArgumentException($"learning rate must not be negative, got {learningRate}",
            nameof(learningRate));
        if (beta1 is < 0 or >= 1) throw new ArgumentException($"beta1 must lie in [0, 1), got {beta1}", nameof(beta1));
        if (beta2 is < 0 or >= 1) throw new ArgumentException($"beta2 must lie in [0, 1), got {beta2}", nameof(beta2));
        if (epsilon < 0) throw new ArgumentException($"epsilon must not be negative, got {epsilon}", nameof(epsilon));
        this.parameters = [.. parameters];
        firstMoments = [.. parameters.Select(p => new float[p.Length])];
        secondMoments = [.. parameters.Select(p => new float[p.Length])];
        (LearningRate, Beta1, Beta2, Epsilon) = (learningRate, beta1, beta2, epsilon);
    }

    /// <summary>The parameters, which each step updates in place, in the order they were given.</summary>
    public IReadOnlyList<float[]> Parameters => parameters;

    public double LearningRate { get; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }

    /// <summary>How many steps have been taken: the t of the bias corrections.</summary>
    public int Steps { get; private set; }

    /// <summary>m of each parameter, in the order the parameters were given (torch's <c>exp_avg</c>).</summary>
    public IReadOnlyList<float[]> FirstMoments => firstMoments;

    /// <summary>v of each parameter (torch's <c>exp_avg_sq</c>).</summary>
    public IReadOnlyList<float[]> SecondMoments => secondMoments;

    /// <summary>One update of every parameter, with <paramref name="gradients"/> in the parameters' order.</summary>
    public void Step(IReadOnlyList<float[]> gradients)
    {
        if (gradients.Count != parameters.Length)
            throw new ArgumentException($"{gradients.Count} gradients for {parameters.Length} parameters",
                nameof(gradients));
        for (var k = 0; k < parameters.Length; k++)
            if (gradients[k].Length != parameters[k].Length)
                throw new ArgumentException(
                    $"gradient {k} has {gradients[k].Length} values for a parameter of {parameters[k].Length}",
                    nameof(gradients));
        Steps++;
        var correction1 = 1 - Math.Pow(Beta1, Steps);
        var correction2 = 1 - Math.Pow(Beta2, Steps);
        // torch rounds these double scalars to float before it multiplies float tensors by them.
        float beta1 = (float)Beta1, keep1 = (float)(1 - Beta1), beta2 = (float)Beta2, keep2 = (float)(1 - Beta2);
        var rootCorrection2 = (float)Math.Sqrt(correction2);
        var stepSize = (float)(LearningRate / correction1);
        var epsilon = (float)Epsilon;
        for (var k = 0; k < parameters.Length; k++)
        {
            float[] theta = parameters[k], g = gradients[k], m = firstMoments[k], v = secondMoments[k];
            for (var i = 0; i < theta.Length; i++)
            {
                // libtorch's add and addcmul fuse the last multiply-add (one rounding); so do these.
                m[i] = MathF.FusedMultiplyAdd(keep1, g[i], m[i] * beta1);
                v[i] = MathF.FusedMultiplyAdd(keep2 * g[i], g[i], v[i] * beta2);
                var denominator = MathF.Sqrt(v[i]) / rootCorrection2 + epsilon;
                theta[i] += -stepSize * m[i] / denominator;
            }
        }
    }
}
