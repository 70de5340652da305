using static TorchLab.Torch.torch;
using F = TorchLab.Torch.torch.nn.functional;

namespace TorchLab.Torch.Tests;

/// <summary>backward() against central finite differences, in float64, for conv2d, linear and GRU.</summary>
public class GradientCheckTests
{
    private const double Step = 1e-6, Tolerance = 1e-6;

    /// <summary>
    /// Checks d loss / d leaf for every element of <paramref name="leaf"/> (a float64 tensor that
    /// requires grad), perturbing it in place between evaluations of <paramref name="loss"/>.
    /// </summary>
    private static void AssertGradientMatches(Tensor leaf, Func<Tensor> loss, string what)
    {
        using var scope = NewDisposeScope();
        leaf.grad = null;
        loss().backward();
        var analytic = leaf.grad!.data<double>();
        var values = leaf.detach().data<double>();
        var worst = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            double Probe(double delta)
            {
                using var inner = NewDisposeScope();
                using var noGrad = no_grad();
                var shifted = (double[])values.Clone();
                shifted[i] += delta;
                leaf.copy_(tensor(shifted, leaf.shape));
                return loss().item<double>();
            }
            var numeric = (Probe(Step) - Probe(-Step)) / (2 * Step);
            worst = Math.Max(worst, Math.Abs(numeric - analytic[i]));
        }
        using (no_grad()) leaf.copy_(tensor(values, leaf.shape));
        Assert.True(worst < Tolerance, $"{what}: max |numeric - analytic| = {worst:E2}");
    }

    private static Tensor Leaf(long[] shape, int offset) => PyTorchReference.Input(shape, offset).to(float64).requires_grad_();

    [Fact]
    public void Conv2d_input_and_weight_gradients()
    {
        using var scope = NewDisposeScope();
        var x = Leaf([1, 2, 5, 5], 0);
        var w = Leaf([3, 2, 3, 3], 3);
        var probe = PyTorchReference.Input([1, 3, 3, 3], 7).to(float64);
        Tensor Loss() => (F.conv2d(x, w, strides: [2], padding: [1]) * probe).sum();
        AssertGradientMatches(x, Loss, "conv2d wrt input");
        AssertGradientMatches(w, Loss, "conv2d wrt weight");
    }

    [Fact]
    public void Linear_gradients()
    {
        using var scope = NewDisposeScope();
        var x = Leaf([4, 5], 0);
        var w = Leaf([3, 5], 3);
        var b = Leaf([3], 9);
        Tensor Loss() => F.tanh(F.linear(x, w, b)).sum();
        AssertGradientMatches(x, Loss, "linear wrt input");
        AssertGradientMatches(w, Loss, "linear wrt weight");
        AssertGradientMatches(b, Loss, "linear wrt bias");
    }

    [Fact]
    public void Gru_gradients_through_libtorchs_kernel()
    {
        using var gru = nn.GRU(3, 4, batchFirst: true, bidirectional: true);
        gru.to(float64);
        using var scope = NewDisposeScope();
        var x = Leaf([2, 5, 3], 0);
        Tensor Loss() => gru.call(x).output.pow(2).sum();
        AssertGradientMatches(x, Loss, "GRU wrt input");
        foreach (var name in new[] { "weight_ih_l0", "weight_hh_l0_reverse", "bias_hh_l0" })
            AssertGradientMatches(gru.named_parameters().First(p => p.name == name).parameter, Loss, $"GRU wrt {name}");
    }
}
