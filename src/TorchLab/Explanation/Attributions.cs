using TorchLab.Attribution;
using TorchLab.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Explanation;

/// <summary>
/// The lab's one call for an attribution map: the method, with the baseline and occlusion window
/// chosen for the data. Both baselines are "nothing there": for DNA the zero vector (no letter, as
/// the shift test pads), for digits the blank image.
/// </summary>
public static class Attributions
{
    /// <summary>The default number of integrated-gradients intervals; docs/explain.md shows the completeness error
    /// falling with it and why 64.</summary>
    public const int DefaultSteps = 64;

    /// <summary>The most intervals <c>--steps</c> takes: past it the completeness error stops falling (float32) and
    /// the time only grows.</summary>
    public const int MaxSteps = 1024;

    /// <summary>Occlusion's window: 3 positions of DNA (a codon, or GT and a neighbour), 2x2 pixels of a digit
    /// (a quarter of a stroke's width at 8x8).</summary>
    public static int Window(LabData data) => data == LabData.Splice ? 3 : 2;

    /// <summary>The baseline for <paramref name="inputs"/>: zeros of one input's shape, (1, ...).</summary>
    public static Tensor Baseline(Tensor inputs) => zeros([1, .. inputs.shape[1..]], dtype: inputs.dtype);

    /// <summary>
    /// The attribution of each element of <paramref name="inputs"/> (N, ...) to the logit of class
    /// <paramref name="target"/> (N), float32 shaped like the inputs; the model in eval mode. Digits are explained
    /// in float64 (see <see cref="InFloat64"/>).
    /// </summary>
    public static Tensor Of(AttributionMethod method, nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor target,
        LabData data, int steps = DefaultSteps)
    {
        if (method == AttributionMethod.Mutagenesis && data != LabData.Splice)
            throw new ArgumentException("mutagenesis changes letters of DNA sequences; the digit models have none",
                nameof(method));
        return InPrecision(model, inputs, data, x =>
        {
            using var baseline = Baseline(x);
            var map = method switch
            {
                AttributionMethod.Gradient => Saliency.Attribute(model, x, target),
                AttributionMethod.InputXGradient => InputXGradient.Attribute(model, x, target),
                AttributionMethod.IntegratedGradients =>
                    IntegratedGradients.Attribute(model, x, target, baseline, steps).Attributions,
                AttributionMethod.Occlusion => Occlusion.Attribute(model, x, target, baseline, Window(data)),
                AttributionMethod.Mutagenesis => Mutagenesis.Attribute(model, x, target),
                _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
            };
            return [map];
        })[0];
    }

    /// <summary>
    /// Integrated gradients from the blank baseline as <see cref="Of"/> computes them, with Delta (N), the
    /// completeness error Σ attributions − (f(x) − f(b)); both float32.
    /// </summary>
    public static (Tensor Attributions, Tensor Delta) Integrated(nn.Module<Tensor, Tensor> model, Tensor inputs,
        Tensor target, LabData data, int steps = DefaultSteps)
    {
        var both = InPrecision(model, inputs, data, x =>
        {
            using var baseline = Baseline(x);
            var (map, delta) = IntegratedGradients.Attribute(model, x, target, baseline, steps);
            return [map, delta];
        });
        return (both[0], both[1]);
    }

    /// <summary>
    /// Whether the digit models are explained in float64. This libtorch build's float32 Conv2d input gradient
    /// (oneDNN's AVX-512 backward-data kernel) is wrong on some CPUs: off by 0.80 where the largest gradient is 1.50,
    /// and changing with the thread count, where PyTorch 1.13's float32 agrees with float64 to 3e-7
    /// (docs/explain.md). The forward pass is right, and float64 runs other kernels.
    /// </summary>
    public static bool InFloat64(LabData data) => data == LabData.Digits;

    // Runs compute on the inputs in the precision the data's models are explained in, the model converted for it and
    // back (float32 → float64 → float32 is exact: the weights come back bit for bit); the results as float32.
    private static Tensor[] InPrecision(nn.Module<Tensor, Tensor> model, Tensor inputs, LabData data,
        Func<Tensor, Tensor[]> compute)
    {
        using var scope = NewDisposeScope();
        var wide = InFloat64(data) && inputs.dtype == ScalarType.Float32;
        if (!wide) return [.. compute(inputs).Select(t => t.to_type(ScalarType.Float32).MoveToOuterDisposeScope())];
        model.to(ScalarType.Float64);
        try
        {
            return [.. compute(inputs.to_type(ScalarType.Float64))
                .Select(t => t.to_type(ScalarType.Float32).MoveToOuterDisposeScope())];
        }
        finally
        {
            model.to(ScalarType.Float32);
        }
    }
}
