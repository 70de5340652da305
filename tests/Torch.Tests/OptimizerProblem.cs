using TorchLab.Torch.Modules;
using TorchLab.Torch.Optim;
using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Tests;

/// <summary>
/// The fixed problem of pytorch/optim_reference.py: loss = mean((x·w + b − y)²) with a third
/// parameter that takes no part in the loss (so it never has a gradient).
/// </summary>
internal sealed class OptimizerProblem : IDisposable
{
    private readonly Tensor x = tensor(new[] { 1f, 2, -1, 0.5f, -1.5f, 2, -2, 0.25f, 1, 1.5f, 1, 0.5f }, new long[] { 4, 3 });
    private readonly Tensor y = tensor(new[] { 1f, -1, 0.5f, 2, -1.5f, 0, 2, 1 }, new long[] { 4, 2 });

    public OptimizerProblem()
    {
        using var w = tensor(new[] { 0.5f, -1, 1.5f, 2, -0.5f, 0.25f }, new long[] { 3, 2 });
        using var b = tensor(new[] { 0.1f, -0.2f });
        using var unused = ones(2);
        (W, B, Unused) = (nn.Parameter(w), nn.Parameter(b), nn.Parameter(unused));
    }

    public Parameter W { get; }
    public Parameter B { get; }
    public Parameter Unused { get; }
    public Parameter[] Parameters => new[] { W, B, Unused };

    public void Train(Optimizer optimizer, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = (x.matmul(W) + B - y).pow(2).mean();
            loss.backward();
            optimizer.step();
        }
    }

    /// <summary>w then b, flattened, as the script prints them.</summary>
    public double[] Values() => W.data<float>().Concat(B.data<float>()).Select(v => (double)v).ToArray();

    public void Dispose()
    {
        foreach (var t in new Tensor[] { x, y, W, B, Unused }) t.Dispose();
    }
}
