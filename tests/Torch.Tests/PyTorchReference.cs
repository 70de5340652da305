using System.Text.Json;
using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Tests;

/// <summary>
/// Expected tensors recorded from PyTorch 1.13 by the scripts in tests/Torch.Tests/pytorch,
/// and the fixed-formula inputs those scripts use.
/// </summary>
internal sealed class PyTorchReference
{
    private readonly Dictionary<string, Case> cases;

    private PyTorchReference(Dictionary<string, Case> cases) => this.cases = cases;

    public static PyTorchReference Load(string fixture)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", fixture);
        var cases = JsonSerializer.Deserialize<Dictionary<string, Case>>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path}: empty fixture");
        return new PyTorchReference(cases);
    }

    /// <summary>The scripts' input: element i of the flattened tensor is ((i*37) mod 101)/50 - 1.</summary>
    public static Tensor Input(long[] shape, int offset = 0)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var values = new float[count];
        for (long i = 0; i < count; i++)
            values[i] = (float)(((i + offset) * 37 % 101) / 50.0 - 1.0);
        return tensor(values, shape);
    }

    /// <summary>Asserts <paramref name="actual"/> has the recorded shape and values within |Δ| ≤ atol + rtol·|expected|.</summary>
    public void AssertMatches(string name, Tensor actual, double rtol = 1e-5, double atol = 1e-6)
    {
        var expected = cases[name];
        Assert.True(expected.shape.SequenceEqual(actual.shape),
            $"{name}: shape [{string.Join(", ", actual.shape)}], PyTorch gave [{string.Join(", ", expected.shape)}]");
        using var asFloat = actual.to(float32);
        var values = asFloat.data<float>();
        var worst = 0.0;
        var worstIndex = -1;
        for (var i = 0; i < values.Length; i++)
        {
            var excess = Math.Abs(values[i] - expected.values[i]) - (atol + rtol * Math.Abs(expected.values[i]));
            if (excess > worst) (worst, worstIndex) = (excess, i);
        }
        Assert.True(worstIndex < 0,
            $"{name}: element {worstIndex} is {(worstIndex < 0 ? 0 : values[worstIndex])}, PyTorch gave {(worstIndex < 0 ? 0 : expected.values[worstIndex])}");
    }

    private sealed record Case(long[] shape, double[] values);
}
