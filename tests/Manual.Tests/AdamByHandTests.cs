using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchLab.Manual.Tests.TorchArrays;

namespace TorchLab.Manual.Tests;

/// <summary>
/// Adam by hand against TorchSharp's <c>optim.Adam</c>: the same parameters and the same gradients for
/// several steps, then every parameter and both moments compared after each step.
/// </summary>
public class AdamByHandTests
{
    // Both sides do the same float32 operations in the same order; libtorch may fuse a multiply-add
    // (one rounding instead of two), so a few float roundings of the values' scale, not zero.
    private const double Tolerance = 1e-6;

    // Parameters of several shapes, and per step gradients of mixed scale: some of size 1, some
    // far below ε = 1e-3 (where ε's place decides the step) and some exactly zero (v = 0 at first).
    private static List<float[]> Gradients(Random random, int[] sizes) =>
        [.. sizes.Select((size, k) => RandomArrays.Make(random, size).Data.Select((g, i) =>
            k == 1 ? g * 1e-5f : k == 2 && i % 3 == 0 ? 0f : g).ToArray())];

    [Theory]
    [InlineData(1e-3, 0.9, 0.999, 1e-8)]   // torch's defaults
    [InlineData(3e-3, 0.8, 0.99, 1e-3)]    // a large ε: putting it inside the square root shows
    [InlineData(0.1, 0.5, 0.9, 1e-8)]      // a large step: a wrong bias correction shows
    public void Adam_by_hand_follows_optim_Adam_over_ten_steps(double lr, double beta1, double beta2, double eps)
    {
        using var scope = NewDisposeScope();
        var random = new Random(401);
        int[] sizes = [7, 12, 30];
        var initial = sizes.Select(size => RandomArrays.Make(random, size).Data).ToList();
        var parameters = initial.Select(p => new Parameter(tensor(p))).ToList();
        var optimizer = optim.Adam(parameters, lr, beta1, beta2, eps);
        var byHand = new AdamByHand([.. initial.Select(p => p.ToArray())], lr, beta1, beta2, eps);
        var what = $"lr={lr} betas=({beta1}, {beta2}) eps={eps}";
        var moved = 0.0;
        for (var step = 1; step <= 10; step++)
        {
            var gradients = Gradients(random, sizes);
            for (var k = 0; k < sizes.Length; k++) parameters[k].grad = tensor(gradients[k]);
            optimizer.step();
            byHand.Step(gradients);
            Assert.Equal(step, byHand.Steps);
            var states = optimizer.state_dict().State.Cast<Adam.State>().ToList();
            var comparisons = new List<GradientComparison>();
            for (var k = 0; k < sizes.Length; k++)
            {
                var at = $"step {step}, parameter {k} ({sizes[k]} values), {what}";
                comparisons.Add(GradientComparison.Of("θ, " + at, ByHand(byHand, k), Values(parameters[k]),
                    Tolerance));
                comparisons.Add(GradientComparison.Of("m, " + at, byHand.FirstMoments[k], Values(states[k].exp_avg),
                    Tolerance));
                comparisons.Add(GradientComparison.Of("v, " + at, byHand.SecondMoments[k],
                    Values(states[k].exp_avg_sq), Tolerance));
                Assert.Equal(step, states[k].step);
            }
            GradientComparison.AssertAllPassed(comparisons);
            moved = Math.Max(moved, RandomArrays.MaxDifference(ByHand(byHand, 0), initial[0]));
        }
        // Adam's first step moves each value by lr: a comparison that saw no steps would fail here.
        Assert.True(moved > 0.5 * lr, $"the parameters moved only {moved:E2} at lr {lr}");
    }

    // The training runs create their optimizer as optim.Adam(parameters, lr): AdamByHand's defaults
    // must be the ones that call gets (an older TorchSharp's factory had β2 = 0.99).
    [Fact]
    public void AdamByHands_defaults_are_those_optim_Adam_gives_the_training_runs()
    {
        using var parameter = new Parameter(zeros(3));
        using var optimizer = optim.Adam([parameter], 1e-3);
        var options = ((Adam.ParamGroup)optimizer.ParamGroups.Single()).Options;
        var byHand = new AdamByHand([new float[3]]);
        Assert.Equal((byHand.Beta1, byHand.Beta2, byHand.Epsilon), (options.beta1!.Value, options.beta2!.Value,
            options.eps!.Value));
    }

    private static float[] ByHand(AdamByHand adam, int k) => adam.Parameters[k];

    private static float[] Values(Tensor t) => t.detach().contiguous().data<float>().ToArray();
}
