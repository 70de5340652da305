using TorchSharp;
using static TorchSharp.torch;
using static TorchLab.Manual.Tests.TorchArrays;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Manual.Tests;

/// <summary>
/// The convolution layer's three gradients by hand against libtorch's autograd, 1-D and 2-D, over
/// seeded random strides, paddings ("same" included), dilations and groups; and the same check
/// failing when the input gradient forgets to flip the kernel.
/// </summary>
public class ConvBackwardOracleTests
{
    // Both sides sum up to a few hundred float products of values in [-1, 1], so the terms are of size
    // up to 1 (the scale's floor). Autograd runs in float64: on AVX-512 CPUs oneDNN's float32 input gradient of
    // small convolutions is wrong by up to its own size (docs/explain.md, "Conv2d"), float64 takes another kernel.
    private const double Tolerance = 1e-5;

    private delegate ConvGradients Backward(NdArray input, NdArray weights, NdArray outputGradient, ConvOptions o);

    // One random layer: x, K, u and an output gradient G; the gradients by hand and those autograd gives
    // for the loss Σ G·conv(x), so that dL/dout = G.
    private static GradientComparison[] Compare(LayerCase c, bool twoDimensional, Random random, Backward byHand)
    {
        using var scope = NewDisposeScope();
        var o = c.Options;
        int[] kernel = twoDimensional ? [c.Kernel, c.Kernel] : [c.Kernel];
        int[] size = twoDimensional ? [c.Length + 1, c.Length] : [c.Length];
        var x = RandomArrays.Make(random, [c.Batch, c.Channels, .. size]);
        var w = RandomArrays.Make(random, [c.OutChannels, c.Channels / c.Groups, .. kernel]);
        var bias = RandomArrays.Make(random, c.OutChannels);
        var (tx, tw, tb) = (Double(x).requires_grad_(), Double(w).requires_grad_(), Double(bias).requires_grad_());
        var output = twoDimensional
            ? o.Same
                ? F.conv2d(SamePad(tx, c.Kernel, o.Dilation, 2), tw, tb, [1], [0], [o.Dilation], o.Groups)
                : F.conv2d(tx, tw, tb, [o.Stride], [o.Padding], [o.Dilation], o.Groups)
            : o.Same
                ? F.conv1d(SamePad(tx, c.Kernel, o.Dilation, 1), tw, tb, 1, 0, o.Dilation, o.Groups)
                : F.conv1d(tx, tw, tb, o.Stride, o.Padding, o.Dilation, o.Groups);
        var g = RandomArrays.Make(random, output.shape.Select(d => (int)d).ToArray());
        var expected = torch.autograd.grad([output], [tx, tw, tb], [Double(g)]);
        var manual = byHand(x, w, g, o);
        var what = $"conv{(twoDimensional ? 2 : 1)}d ({c})";
        Assert.Equal(x.Shape, manual.Input.Shape);
        Assert.Equal(w.Shape, manual.Weights.Shape);
        return
        [
            GradientComparison.Of($"dL/dX, {what}", manual.Input.Data, Values(expected[0]), Tolerance, 1),
            GradientComparison.Of($"dL/dK, {what}", manual.Weights.Data, Values(expected[1]), Tolerance, 1),
            GradientComparison.Of($"dL/du, {what}", manual.Bias, Values(expected[2]), Tolerance, 1),
        ];
    }

    private static float[] Values(Tensor t) => t.to_type(ScalarType.Float32).contiguous().data<float>().ToArray();

    private static Tensor Double(NdArray a) => ToTorch(a).to_type(ScalarType.Float64);

    // PyTorch's padding="same" for stride 1, as LibTorchOracleTests pads it.
    private static Tensor SamePad(Tensor x, int kernel, int dilation, int dims)
    {
        var total = dilation * (kernel - 1);
        long before = total / 2, after = total - total / 2;
        return F.pad(x, dims == 2 ? [before, after, before, after] : [before, after]);
    }

    private static ConvGradients ByHand(NdArray x, NdArray w, NdArray g, ConvOptions o) =>
        x.Rank == 4 ? ConvLayer.Conv2dBackward(x, w, g, o) : ConvLayer.Conv1dBackward(x, w, g, o);

    [Fact]
    public void Conv2d_and_conv1d_gradients_match_autograd_for_300_random_layers()
    {
        var random = new Random(281);
        var comparisons = new List<GradientComparison>();
        var seen = new HashSet<string>();
        for (var trial = 0; trial < 300; trial++)
        {
            var c = LayerCase.Draw(random);
            comparisons.AddRange(Compare(c, twoDimensional: trial % 2 == 0, random, ByHand));
            var o = c.Options;
            seen.UnionWith([$"stride {o.Stride}", $"dilation {o.Dilation}", $"groups {o.Groups}",
                o.Same ? "same" : $"padding {o.Padding}"]);
        }
        GradientComparison.AssertAllPassed(comparisons);
        // The draw covered every option, so no branch of the loops went untested.
        Assert.Superset(new HashSet<string> { "stride 3", "dilation 3", "groups 3", "padding 3", "same" }, seen);
    }

    [Fact]
    public void The_layers_of_the_models_get_autograds_gradients()
    {
        var random = new Random(282);
        GradientComparison.AssertAllPassed([
            // Shaped like tiny-cnn's conv1 and conv2, then seq-cnn's (60 positions, then 30).
            .. Compare(new LayerCase(4, 1, 8, 1, 3, 8, new ConvOptions(Padding: 1)), true, random, ByHand),
            .. Compare(new LayerCase(3, 8, 16, 1, 3, 4, new ConvOptions(Padding: 1)), true, random, ByHand),
            .. Compare(new LayerCase(3, 4, 32, 1, 7, 60, new ConvOptions(Padding: 3)), false, random, ByHand),
            .. Compare(new LayerCase(3, 32, 32, 1, 5, 30, new ConvOptions(Padding: 2)), false, random, ByHand),
        ]);
    }

    // The mutation check: an input gradient that correlates G with the kernel as it is, not flipped
    // (the same loops handed a flipped kernel, so that they flip it back), must fail wherever the
    // kernel has more than one tap, while the weight and bias gradients, which do not use it, still pass.
    [Fact]
    public void An_input_gradient_with_the_kernel_unflipped_fails_the_check()
    {
        var random = new Random(283);
        var mutated = 0;
        for (var trial = 0; trial < 60; trial++)
        {
            var c = LayerCase.Draw(random);
            var result = Compare(c, twoDimensional: trial % 2 == 0, random,
                (x, w, g, o) => ByHand(x, Flipped(w), g, o) with { Weights = ByHand(x, w, g, o).Weights });
            // A single tap is its own mirror image, and an input no tap reaches has a gradient of zeros.
            if (c.Kernel == 1 || result[0].Largest == 0) continue;
            Assert.False(result[0].Passed, $"trial {trial}, unflipped kernel passed: {result[0]}");
            Assert.True(result[1].Passed && result[2].Passed, $"trial {trial}: {result[1]}; {result[2]}");
            mutated++;
        }
        Assert.True(mutated >= 30, $"only {mutated} of 60 layers had a kernel to flip");
    }

    [Fact]
    public void The_im2col_gradients_equal_autograds_for_100_random_layers()
    {
        var random = new Random(284);
        var comparisons = new List<GradientComparison>();
        for (var trial = 0; trial < 100; trial++)
            comparisons.AddRange(Compare(LayerCase.Draw(random), twoDimensional: trial % 2 == 0, random,
                (x, w, g, o) => x.Rank == 4 ? Im2Col.Conv2dBackward(x, w, g, o) : Im2Col.Conv1dBackward(x, w, g, o)));
        GradientComparison.AssertAllPassed(comparisons);
    }

    // K[l, c, x, y] → K[l, c, kH-1-x, kW-1-y] (1-D: along the one axis).
    private static NdArray Flipped(NdArray w)
    {
        int planes = w.Shape[0] * w.Shape[1], rows = w.Rank == 4 ? w.Shape[2] : 1, columns = w.Shape[^1];
        var flipped = new float[w.Data.Length];
        for (var p = 0; p < planes; p++)
        for (var x = 0; x < rows; x++)
        for (var y = 0; y < columns; y++)
            flipped[(p * rows + x) * columns + y] = w.Data[(p * rows + rows - 1 - x) * columns + columns - 1 - y];
        return new NdArray(w.Shape, flipped);
    }
}
