using TorchSharp;
using static TorchSharp.torch;
using static TorchLab.Manual.Tests.TorchArrays;

namespace TorchLab.Manual.Tests;

/// <summary>
/// Backpropagation through time by hand against autograd through libtorch's <c>nn.GRU</c>: the
/// gradients of the input, of h₀ and of both directions' weights and biases, over seeded random
/// sizes, lengths and batches; and against central differences in float64 on a tiny GRU.
/// </summary>
public class GruBackwardTests
{
    // float32 libtorch (up to 60 steps) against double sums here: measured worst 6e-6 of the scale (a one-feature dx).
    private const double Tolerance = 2e-5;

    private static readonly string[] Names = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"];

    private static TorchSharp.Modules.GRU MakeGru(int features, int hidden, bool bidirectional,
        long seed)
    {
        var gru = nn.GRU(features, hidden, batchFirst: true, bidirectional: bidirectional);
        var generator = new Generator((ulong)seed);
        using (no_grad())
            foreach (var p in gru.parameters()) p.uniform_(-0.6, 0.6, generator);   // saturates some gates
        return gru;
    }

    private static GruWeights Direction(IReadOnlyDictionary<string, NdArray> w, string suffix) =>
        new(w["weight_ih_l0" + suffix], w["weight_hh_l0" + suffix], w["bias_ih_l0" + suffix].Data,
            w["bias_hh_l0" + suffix].Data);

    private static IEnumerable<(string Name, float[] Gradient)> ByName(GruGradients g)
    {
        foreach (var (suffix, w) in new[] { ("", g.Forward), ("_reverse", g.Backward) })
        {
            if (w is null) continue;
            yield return ("weight_ih_l0" + suffix, w.InputWeights.Data);
            yield return ("weight_hh_l0" + suffix, w.HiddenWeights.Data);
            yield return ("bias_ih_l0" + suffix, w.InputBias);
            yield return ("bias_hh_l0" + suffix, w.HiddenBias);
        }
    }

    [Fact]
    public void Gru_gradients_match_autograd_for_24_random_configurations()
    {
        var random = new Random(41);
        for (var trial = 0; trial < 24; trial++)
        {
            using var scope = NewDisposeScope();
            var bidirectional = trial % 2 == 1;
            var withState = trial % 3 == 0;
            int batch = random.Next(1, 4), length = trial == 5 ? 60 : random.Next(1, 12);
            int features = random.Next(1, 6), hidden = random.Next(1, 9);
            var directions = bidirectional ? 2 : 1;
            var what = $"trial {trial}: N={batch} L={length} in={features} H={hidden} " +
                $"{(bidirectional ? "bidirectional" : "forward")}{(withState ? " with h0" : "")}";
            using var gru = MakeGru(features, hidden, bidirectional, trial);
            var weights = gru.state_dict().ToDictionary(kv => kv.Key, kv => FromTorch(kv.Value));
            var x = RandomArrays.Make(random, batch, length, features);
            var h0 = withState ? RandomArrays.Make(random, directions, batch, hidden) : null;
            var upstream = GradientCheck.Upstream(random, batch, length, directions * hidden);

            var torchX = ToTorch(x).requires_grad_();
            var torchH0 = h0 is null ? null : ToTorch(h0).requires_grad_();
            var output = gru.call(torchX, torchH0).Item1;
            GradientCheck.AssertClose(GruLayer.Forward(x, Direction(weights, ""),
                bidirectional ? Direction(weights, "_reverse") : null, h0), output, 1e-5, "output, " + what);
            GradientCheck.Loss(output, upstream).backward();
            var manual = GruLayer.Backward(x, upstream, Direction(weights, ""),
                bidirectional ? Direction(weights, "_reverse") : null, h0);

            GradientCheck.AssertClose(manual.Input, torchX.grad!, Tolerance, "dL/dx, " + what);
            if (torchH0 is not null)
                GradientCheck.AssertClose(manual.InitialState!, torchH0.grad!, Tolerance, "dL/dh0, " + what);
            else Assert.Null(manual.InitialState);
            var parameters = gru.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            foreach (var (name, gradient) in ByName(manual))
                GradientCheck.AssertClose(gradient, parameters[name].grad!, Tolerance, $"dL/d{name}, " + what);
            Assert.Equal(4 * directions, ByName(manual).Count());
        }
    }

    [Fact]
    public void Gru_gradients_match_central_differences_in_float64()
    {
        using var scope = NewDisposeScope();
        var random = new Random(42);
        using var gru = MakeGru(2, 3, bidirectional: true, seed: 42);
        var weights = gru.state_dict().ToDictionary(kv => kv.Key, kv => FromTorch(kv.Value));
        var x = RandomArrays.Make(random, 2, 4, 2);
        var h0 = RandomArrays.Make(random, 2, 2, 3);
        var upstream = GradientCheck.Upstream(random, 2, 4, 6);
        var manual = GruLayer.Backward(x, upstream, Direction(weights, ""), Direction(weights, "_reverse"), h0);

        gru.to(ScalarType.Float64);
        var (torchX, torchH0) = (ToTorch(x).to_type(ScalarType.Float64), ToTorch(h0).to_type(ScalarType.Float64));
        double Loss() => GradientCheck.Loss(gru.call(torchX, torchH0).Item1, upstream).item<double>();
        // float32 by-hand gradients against float64 differences: their rounding (measured 4e-8 of the scale)
        // is the gap.
        GradientCheck.AssertClose(manual.Input.Data, FiniteDifference.Of(Loss, torchX), 1e-6, "dL/dx");
        GradientCheck.AssertClose(manual.InitialState!.Data, FiniteDifference.Of(Loss, torchH0), 1e-6, "dL/dh0");
        var parameters = gru.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, gradient) in ByName(manual))
            GradientCheck.AssertClose(gradient, FiniteDifference.Of(Loss, parameters[name]), 1e-6, $"dL/d{name}");
    }
}
