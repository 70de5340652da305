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
    /// <paramref name="target"/> (N), float32 shaped like the inputs; the model in eval mode.
    /// </summary>
    public static Tensor Of(AttributionMethod method, nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor target,
        LabData data, int steps = DefaultSteps)
    {
        if (method == AttributionMethod.Mutagenesis && data != LabData.Splice)
            throw new ArgumentException("mutagenesis changes letters of DNA sequences; the digit models have none",
                nameof(method));
        using var scope = NewDisposeScope();
        using var baseline = Baseline(inputs);
        var map = method switch
        {
            AttributionMethod.Gradient => Saliency.Attribute(model, inputs, target),
            AttributionMethod.InputXGradient => InputXGradient.Attribute(model, inputs, target),
            AttributionMethod.IntegratedGradients =>
                IntegratedGradients.Attribute(model, inputs, target, baseline, steps).Attributions,
            AttributionMethod.Occlusion => Occlusion.Attribute(model, inputs, target, baseline, Window(data)),
            AttributionMethod.Mutagenesis => Mutagenesis.Attribute(model, inputs, target),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };
        return map.to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }
}
