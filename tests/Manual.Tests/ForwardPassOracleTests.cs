using TorchSharp;
using static TorchSharp.torch;
using static TorchLab.Manual.Tests.TorchArrays;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Manual.Tests;

/// <summary>
/// The rest of a forward pass (ReLU, linear, flatten, transpose, global average pooling, dropout
/// at test time, the GRU) against libtorch on random inputs, each with its tolerance.
/// </summary>
public class ForwardPassOracleTests
{
    private static void AssertClose(NdArray manual, Tensor expected, double tolerance, string what)
    {
        Assert.Equal(expected.shape, manual.Shape.Select(d => (long)d).ToArray());
        var difference = RandomArrays.MaxDifference(manual.Data, expected.contiguous().data<float>().ToArray());
        Assert.True(difference <= tolerance, $"{what}: max |manual - libtorch| = {difference:E2} > {tolerance:E0}");
    }

    [Fact]
    public void Relu_and_dropout_at_test_time_equal_libtorch_exactly()
    {
        var random = new Random(11);
        using var scope = NewDisposeScope();
        var x = RandomArrays.Make(random, 3, 5, 7);
        AssertClose(Elementwise.Relu(x), F.relu(ToTorch(x)), 0, "relu");
        AssertClose(Elementwise.DropoutAtTest(x), F.dropout(ToTorch(x), 0.3, training: false), 0, "dropout (eval)");
        Assert.Contains(0f, Elementwise.Relu(x).Data);   // some negatives were cut, so the test saw both branches
    }

    [Fact]
    public void Add_broadcasts_over_leading_dimensions_as_libtorch_does()
    {
        var random = new Random(14);
        using var scope = NewDisposeScope();
        var x = RandomArrays.Make(random, 3, 6, 5);
        foreach (var y in new[] { RandomArrays.Make(random, 3, 6, 5), RandomArrays.Make(random, 6, 5), RandomArrays.Make(random, 5) })
            AssertClose(Elementwise.Add(x, y), ToTorch(x) + ToTorch(y), 0, $"{x.ShapeText} + {y.ShapeText}");
        var error = Assert.Throws<ArgumentException>(() => Elementwise.Add(x, RandomArrays.Make(random, 6, 4)));
        Assert.Contains("cannot add [6, 4] to [3, 6, 5]", error.Message);
    }

    [Fact]
    public void Linear_layer_matches_libtorch_for_random_sizes()
    {
        var random = new Random(12);
        foreach (var (batch, inputs, outputs) in new[] { (1, 1, 1), (4, 8, 3), (7, 480, 3), (3, 3840, 3), (5, 17, 10) })
        {
            using var scope = NewDisposeScope();
            var x = RandomArrays.Make(random, batch, inputs);
            var w = RandomArrays.Make(random, outputs, inputs);
            var b = RandomArrays.Make(random, outputs).Data;
            // float32 libtorch rounds a sum of `inputs` products of size ≤ 1; ours sums in double.
            var tolerance = 1e-6 * Math.Sqrt(inputs) * 4;
            AssertClose(LinearLayer.Forward(x, w, b), F.linear(ToTorch(x), ToTorch(w), tensor(b)), tolerance, $"linear {batch}x{inputs} -> {outputs}");
            AssertClose(LinearLayer.Forward(x, w), F.linear(ToTorch(x), ToTorch(w)), tolerance, $"linear without bias {batch}x{inputs} -> {outputs}");
        }
    }

    [Fact]
    public void Flatten_and_transpose_match_libtorch_exactly()
    {
        var random = new Random(13);
        using var scope = NewDisposeScope();
        var x = RandomArrays.Make(random, 2, 3, 4, 5);
        AssertClose(x.Flatten(), ToTorch(x).flatten(1), 0, "flatten(1)");
        for (var a = 0; a < 4; a++)
        for (var b = 0; b < 4; b++)
            AssertClose(x.Transpose(a, b), ToTorch(x).transpose(a, b), 0, $"transpose({a}, {b})");
        var s = RandomArrays.Make(random, 3, 4, 60);
        AssertClose(s.Transpose(1, 2), ToTorch(s).transpose(1, 2), 0, "transpose(1, 2) of (N, C, L)");
    }

    [Fact]
    public void Global_average_pooling_matches_adaptive_avg_pool1d()
    {
        var random = new Random(14);
        foreach (var length in new[] { 1, 5, 60, 257 })
        {
            using var scope = NewDisposeScope();
            var x = RandomArrays.Make(random, 3, 8, length);
            AssertClose(Pooling.GlobalAvgPool1d(x), F.adaptive_avg_pool1d(ToTorch(x), 1), 1e-6, $"global average pooling over {length}");
        }
    }

    [Theory]
    [InlineData(false, 4, 8, 1)]
    [InlineData(true, 4, 32, 60)]
    [InlineData(true, 3, 5, 9)]
    public void Gru_by_its_equations_matches_libtorch(bool bidirectional, int features, int hidden, int length)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(21);
        using var gru = nn.GRU(features, hidden, batchFirst: true, bidirectional: bidirectional);
        using (no_grad())
            foreach (var p in gru.parameters()) p.uniform_(-0.5, 0.5, generator);   // larger than the default init, so the gates saturate somewhere
        var weights = gru.state_dict().ToDictionary(kv => kv.Key, kv => FromTorch(kv.Value));
        GruWeights Direction(string suffix) => new(weights["weight_ih_l0" + suffix], weights["weight_hh_l0" + suffix],
            weights["bias_ih_l0" + suffix].Data, weights["bias_hh_l0" + suffix].Data);

        var x = RandomArrays.Make(new Random(length), 3, length, features);
        Tensor expected;
        using (no_grad()) expected = gru.call(ToTorch(x)).Item1;
        var manual = GruLayer.Forward(x, Direction(""), bidirectional ? Direction("_reverse") : null);
        // Outputs lie in (-1, 1); float32 libtorch rounds each of `length` steps.
        AssertClose(manual, expected, 1e-5, $"GRU {(bidirectional ? "bidirectional" : "forward")} in={features} H={hidden} L={length}");
    }

    [Fact]
    public void Gru_refuses_weights_of_another_size()
    {
        var w = new GruWeights(NdArray.Zeros(24, 4), NdArray.Zeros(24, 8), new float[24], new float[24]);
        var error = Assert.Throws<ArgumentException>(() => GruLayer.Forward(NdArray.Zeros(1, 5, 3), w));
        Assert.Contains("weight_ih [24, 4] must be (3H, in) = (24, 3)", error.Message);
    }
}
