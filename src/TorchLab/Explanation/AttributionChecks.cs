using TorchLab.Attribution;
using TorchLab.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Explanation;

/// <summary>
/// The checks an attribution passes, each against a second witness (docs/explain.md has the
/// tolerances and the measured numbers): the gradient against finite differences, integrated
/// gradients' completeness as the steps grow, mutagenesis against input × gradient, and the model
/// randomisation check.
/// </summary>
public static class AttributionChecks
{
    /// <summary>The finite differences' step in float64: the truncation error (step²) and the rounding error
    /// (1e-16 · |logit| / step) both stay near 1e-10 of a gradient of order 1.</summary>
    public const double FiniteDifferenceStep = 1e-6;

    /// <summary>The finite-difference tolerance, relative to an input's largest gradient.</summary>
    public const double FiniteDifferenceTolerance = 1e-6;

    /// <summary>Above this mean rank correlation a method's map "barely changes" when the model is
    /// randomised.</summary>
    public const double RandomisationThreshold = 0.5;

    /// <summary>Integrated gradients' steps the completeness check tries.</summary>
    public static readonly IReadOnlyList<int> CompletenessSteps = [4, 8, 16, 32, 64, 128];

    /// <summary>
    /// ∂logit/∂x by autograd (<see cref="Saliency"/>) against central finite differences
    /// (f(x + h·e) − f(x − h·e)) / 2h for every element e of each input, both in float64: the model is
    /// converted to float64 for the check and back to float32 after it (float32 → float64 → float32
    /// is exact).
    /// </summary>
    public static FiniteDifferenceCheck FiniteDifference(nn.Module<Tensor, Tensor> model, Tensor inputs,
        Tensor target, double step = FiniteDifferenceStep, double tolerance = FiniteDifferenceTolerance)
    {
        model.to(ScalarType.Float64);
        try
        {
            using var scope = NewDisposeScope();
            var x = inputs.to_type(ScalarType.Float64);                       // (N, ...)
            var gradient = Saliency.Attribute(model, x, target).flatten(1);   // (N, E)
            var elements = gradient.shape[1];
            var steps = eye(elements, dtype: ScalarType.Float64) * step;      // (E, E)
            var worst = 0.0;
            using var noGrad = no_grad();
            for (long i = 0; i < x.shape[0]; i++)
            {
                var flat = x[i].flatten().unsqueeze(0);                        // (1, E)
                var shifted = cat([flat + steps, flat - steps]).view([2 * elements, .. x.shape[1..]]);  // (2E, ...)
                var logits = model.call(shifted).select(1, target[i].item<long>());                  // (2E)
                var numeric = (logits.narrow(0, 0, elements) - logits.narrow(0, elements, elements)) / (2 * step);
                var scale = gradient[i].abs().max().item<double>();
                var error = (numeric - gradient[i]).abs().max().item<double>() / Math.Max(scale, 1e-30);
                worst = Math.Max(worst, error);
            }
            return new FiniteDifferenceCheck(worst, tolerance, step, (int)x.shape[0]);
        }
        finally
        {
            model.to(ScalarType.Float32);
        }
    }

    /// <summary>
    /// Integrated gradients' completeness error for each number of <paramref name="steps"/> (default
    /// <see cref="CompletenessSteps"/>): the largest |Delta| / |f(x) − f(b)| over the inputs, from the
    /// blank baseline.
    /// </summary>
    public static IReadOnlyList<CompletenessCheck> Completeness(nn.Module<Tensor, Tensor> model, Tensor inputs,
        Tensor target, IReadOnlyList<int>? steps = null)
    {
        using var scope = NewDisposeScope();
        var baseline = Attributions.Baseline(inputs);
        Tensor difference;
        using (no_grad())
        {
            var picked = model.call(inputs).gather(1, target.view(-1, 1)).view(-1);
            var atBaseline = model.call(baseline.expand_as(inputs)).gather(1, target.view(-1, 1)).view(-1);
            difference = (picked - atBaseline).abs().clamp_min(1e-12);       // (N)
        }
        return (steps ?? CompletenessSteps).Select(m =>
        {
            // Images (N, C, H, W) are the digits: explained in float64, as Attributions.Integrated says why.
            var data = inputs.dim() == 4 ? LabData.Digits : LabData.Splice;
            var (_, delta) = Attributions.Integrated(model, inputs, target, data, m);
            return new CompletenessCheck(m, (delta.abs() / difference).max().item<float>());
        }).ToList();
    }

    /// <summary>
    /// For one-hot sequences: per input, Spearman's ρ over positions between <see cref="Mutagenesis"/>'s
    /// mean drop (logit(x) − logit(mutant), averaged over the other letters) and
    /// <see cref="InputXGradient"/> summed over letters (the letter present's gradient).
    /// </summary>
    public static MutagenesisAgreementCheck MutagenesisAgreement(nn.Module<Tensor, Tensor> model, Tensor inputs,
        Tensor target)
    {
        using var scope = NewDisposeScope();
        var letters = inputs.shape[1];
        var meanDrop = -Mutagenesis.Attribute(model, inputs, target).sum(1) / (letters - 1);   // (N, L)
        var inputXGradient = InputXGradient.Attribute(model, inputs, target).sum(1);          // (N, L)
        var correlations = new List<double>();
        for (long i = 0; i < inputs.shape[0]; i++)
            correlations.Add(RankCorrelation.Spearman(Values(meanDrop[i]), Values(inputXGradient[i])));
        return new MutagenesisAgreementCheck(correlations);
    }

    /// <summary>
    /// <paramref name="method"/> on the <paramref name="trained"/> model and on the same architecture
    /// <paramref name="randomised"/> (re-initialised with another seed), both in eval mode, for the
    /// same targets: the mean over inputs of Spearman's ρ of the two maps' |attribution| summed over channels.
    /// </summary>
    public static RandomisationCheck Randomisation(AttributionMethod method, nn.Module<Tensor, Tensor> trained,
        nn.Module<Tensor, Tensor> randomised, Tensor inputs, Tensor target, LabData data,
        int steps = Attributions.DefaultSteps, double threshold = RandomisationThreshold)
    {
        using var scope = NewDisposeScope();
        // (N, S): S positions or pixels
        var before = Attributions.Of(method, trained, inputs, target, data, steps).abs().sum(1).flatten(1);
        var after = Attributions.Of(method, randomised, inputs, target, data, steps).abs().sum(1).flatten(1);
        var correlations = Enumerable.Range(0, (int)inputs.shape[0])
            .Select(i => RankCorrelation.Spearman(Values(before[i]), Values(after[i])))
            .Where(double.IsFinite).DefaultIfEmpty(double.NaN);
        return new RandomisationCheck(method, correlations.Average(), threshold);
    }

    private static double[] Values(Tensor row) => row.to_type(ScalarType.Float64).data<double>().ToArray();
}
