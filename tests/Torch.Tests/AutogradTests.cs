using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Tests;

public class AutogradTests
{
    [Fact]
    public void Backward_gives_the_analytic_gradient()
    {
        // y = sum(x^2 * 3) => dy/dx = 6x
        using var x = tensor(new[] { 1f, -2f, 0.5f }, requires_grad: true);
        using var y = (x.pow(2) * 3.0).sum();
        y.backward();
        using var g = x.grad!;
        Assert.Equal(new[] { 6f, -12f, 3f }, g.data<float>());
    }

    [Fact]
    public void Gradients_accumulate_until_zeroed_or_cleared()
    {
        using var x = tensor(new[] { 2.0 }, requires_grad: true);
        Assert.Null(x.grad);
        for (var i = 0; i < 2; i++)
        {
            using var y = x * 5.0;
            y.backward();
        }
        using (var g = x.grad!) Assert.Equal(10.0, g.item<double>());
        using (var g = x.grad!) g.zero_();
        using (var g = x.grad!) Assert.Equal(0.0, g.item<double>());
        x.grad = null;
        Assert.Null(x.grad);
    }

    [Fact]
    public void Backward_with_explicit_gradient_for_non_scalar_output()
    {
        using var x = tensor(new[] { 1f, 2f }, requires_grad: true);
        using var y = x * 4.0;
        using var weights = tensor(new[] { 1f, 0.5f });
        y.backward(weights);
        using var g = x.grad!;
        Assert.Equal(new[] { 4f, 2f }, g.data<float>());
    }

    [Fact]
    public void Backward_on_non_scalar_without_gradient_is_a_torch_exception()
    {
        using var x = tensor(new[] { 1f, 2f }, requires_grad: true);
        using var y = x * 2.0;
        var error = Assert.Throws<TorchException>(() => y.backward());
        Assert.Contains("scalar outputs", error.Message);
    }

    [Fact]
    public void No_grad_and_inference_mode_stop_recording_and_restore_the_mode()
    {
        using var x = ones(new long[] { 2 }, requires_grad: true);
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            using var y = x * 2.0;
            Assert.False(y.requires_grad);
            using (enable_grad())
            {
                using var z = x * 2.0;
                Assert.True(z.requires_grad);
            }
            Assert.False(is_grad_enabled());
        }
        Assert.True(is_grad_enabled());
        using (inference_mode())
        {
            Assert.True(is_inference_mode_enabled());
            using var y = x * 2.0;
            Assert.False(y.requires_grad);
        }
        Assert.False(is_inference_mode_enabled());
    }

    [Fact]
    public void Detach_cuts_the_graph()
    {
        using var x = ones(new long[] { 2 }, requires_grad: true);
        using var y = x * 3.0;
        using var d = y.detach();
        Assert.True(y.requires_grad);
        Assert.False(d.requires_grad);
        Assert.False(y.is_leaf);
        Assert.True(x.is_leaf);
    }

    [Fact]
    public void Seeded_uniform_fill_matches_pytorch()
    {
        // torch.manual_seed(0); torch.empty(3).uniform_(-1, 1) in PyTorch 1.13.
        manual_seed(0);
        using var t = empty(3).uniform_(-1, 1);
        Assert.Equal(new[] { -0.0074869394f, 0.5364435f, -0.8230451f }, t.data<float>(), new FloatTolerance(1e-6f));
    }
}
