using static TorchSharp.torch;

namespace TorchLab.Manual.Tests;

/// <summary>
/// The third witness: central differences (L(p + h) − L(p − h)) / 2h of a loss libtorch evaluates
/// in float64, one element of one tensor at a time, with no autograd involved. In double, h = 1e-6
/// leaves a truncation error of order h² and a rounding error of order 1e-16 / h, both near 1e-10
/// of the scale, far below the float32 rounding (about 1e-7) of the by-hand gradients it judges;
/// through float32 arrays the rounding term alone would be 1e-7 / h.
/// </summary>
internal static class FiniteDifference
{
    public const double Step = 1e-6;

    /// <summary>dL/d parameter by central differences; <paramref name="parameter"/> (float64) is restored.</summary>
    public static double[] Of(Func<double> loss, Tensor parameter)
    {
        using var guard = no_grad();
        var flat = parameter.view(-1);
        var gradient = new double[flat.shape[0]];
        for (var i = 0; i < gradient.Length; i++)
        {
            var original = flat[i].item<double>();
            flat[i].fill_(original + Step);
            var plus = loss();
            flat[i].fill_(original - Step);
            var minus = loss();
            flat[i].fill_(original);
            gradient[i] = (plus - minus) / (2 * Step);
        }
        return gradient;
    }
}
