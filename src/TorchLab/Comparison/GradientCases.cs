using TorchLab.Manual;
using TorchSharp;
using static TorchSharp.torch;
using static TorchLab.Comparison.HandVsTorch;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Comparison;

/// <summary>
/// compare's gradient cases: a backward pass of src/Manual against TorchSharp's autograd on the same inputs
/// and the same loss, one row per gradient. The toy image's loss is L = ½ Σ out², so dL/dout is its edge
/// map itself; every other case's is L = Σ out · G with G drawn from libtorch's seeded generator, so
/// dL/dout = G. The by-hand backward is a parameter, so a test can hand in a wrong one and see the row fail.
/// </summary>
public static class GradientCases
{
    /// <summary>
    /// The toy image through the 3x3 edge filter as a one-channel layer: dL/dK and dL/dX by
    /// <see cref="ConvLayer.Conv2dBackward"/> (or <paramref name="byHand"/>) and by autograd, for L = ½ Σ out².
    /// </summary>
    public static (CaseResults kernel, CaseResults input) EdgeFilter(
        float[,] image,
        Func<NdArray, NdArray, NdArray, ConvOptions?, ConvGradients>? byHand = null)
    {
        byHand ??= ConvLayer.Conv2dBackward;
        using var scope = NewDisposeScope();
        var (height, width) = (image.GetLength(0), image.GetLength(1));
        var x = NdArray.From(image).Reshape(1, 1, height, width);
        var kernel = NdArray.From(Kernels.Edge3x3).Reshape(1, 1, 3, 3);
        var edges = NdArray.From(SingleChannel.Conv2d(image, Kernels.Edge3x3));   // dL/dout = out
        var manual = byHand(x, kernel, edges.Reshape(1, 1, height - 2, width - 2), null);

        var torchX = ToTorch(x).requires_grad_();
        var torchK = ToTorch(kernel).requires_grad_();
        (F.conv2d(torchX, torchK).square().sum() / 2).backward();
        const string loss = "L = ½Σout²";
        return (
            new CaseResults($"toy square, edge filter, dL/dK, {loss}", x, manual.Weights, FromTorch(torchK.grad!)),
            new CaseResults($"toy square, edge filter, dL/dX, {loss}", x, manual.Input, FromTorch(torchX.grad!)));
    }

    /// <summary>
    /// A seeded nn.Conv2d(3, 4, 3, stride 2, padding 1) on a seeded (2, 3, 9, 9) input: dL/dX, dL/dK and
    /// dL/du for L = Σ out · G, by <see cref="ConvLayer.Conv2dBackward"/> (or <paramref name="byHand"/>) and
    /// by autograd.
    /// </summary>
    public static IReadOnlyList<CaseResults> StridedLayer(
        long seed,
        Func<NdArray, NdArray, NdArray, ConvOptions?, ConvGradients>? byHand = null)
    {
        byHand ??= ConvLayer.Conv2dBackward;
        using var scope = NewDisposeScope();
        manual_seed(seed);
        using var conv = nn.Conv2d(3, 4, 3, stride: 2, padding: 1);
        var torchX = randn(2, 3, 9, 9).requires_grad_();
        var output = conv.call(torchX);                                     // (2, 4, 5, 5)
        var g = randn(output.shape);
        (output * g).sum().backward();

        var x = FromTorch(torchX.detach());
        var manual = byHand(x, FromTorch(conv.weight.detach()), FromTorch(g), new ConvOptions(Stride: 2, Padding: 1));
        const string name = "Conv2d 3→4, 3x3, stride 2, pad 1";
        var bias = manual.Bias;
        return
        [
            new CaseResults($"{name}, dL/dX", x, manual.Input, FromTorch(torchX.grad!)),
            new CaseResults($"{name}, dL/dK", x, manual.Weights, FromTorch(conv.weight.grad!)),
            new CaseResults($"{name}, dL/du", x, new NdArray([bias.Length], bias), FromTorch(conv.bias!.grad!)),
        ];
    }

    /// <summary>
    /// The noise-free bright square's edge map after ReLU (14, 14), as a CNN's pooling layer sees it after conv
    /// and ReLU: most of its 2x2 windows are ties (all zero, or two equal rim values), so pooling it checks
    /// libtorch's tie rule.
    /// </summary>
    public static NdArray SquareEdgesAfterRelu() =>
        Elementwise.Relu(NdArray.From(SingleChannel.Conv2d(CourseInputs.BrightSquare(), Kernels.Edge3x3)));

    /// <summary>
    /// A map (H, W) through 2x2 max pooling: dL/dX by <see cref="Pooling.MaxPool2dBackward"/> (or
    /// <paramref name="byHand"/>) and by autograd, for L = Σ out · G. The name ends with how many windows tie.
    /// </summary>
    public static CaseResults MaxPool(
        string name,
        NdArray map,
        long seed,
        Func<NdArray, NdArray, NdArray>? byHand = null)
    {
        byHand ??= (input, outputGradient) => Pooling.MaxPool2dBackward(input, outputGradient, 2);
        using var scope = NewDisposeScope();
        var x = map.Reshape(1, 1, map.Shape[0], map.Shape[1]);
        manual_seed(seed);
        var g = randn(1, 1, map.Shape[0] / 2, map.Shape[1] / 2);
        var torchX = ToTorch(x).requires_grad_();
        (F.max_pool2d(torchX, [2]) * g).sum().backward();
        var manual = byHand(x, FromTorch(g));
        return new CaseResults($"{name}, dL/dX, {TiedWindows(map)} ties", x, manual, FromTorch(torchX.grad!));
    }

    /// <summary>
    /// One attention head: seeded Q, K, V and G (1, 8, 16) through causal scaled dot-product attention,
    /// dL/dQ, dL/dK and dL/dV by <see cref="ScaledDotProductAttention.Backward"/> (or <paramref name="byHand"/>,
    /// given q, k, v, G and the mask) and by autograd, for L = Σ out · G.
    /// </summary>
    public static IReadOnlyList<CaseResults> AttentionHead(
        long seed,
        Func<NdArray, NdArray, NdArray, NdArray, NdArray, AttentionGradients>? byHand = null)
    {
        byHand ??= (q, k, v, g, mask) => ScaledDotProductAttention.Backward(q, k, v, g, mask);
        using var scope = NewDisposeScope();
        manual_seed(seed);
        var (torchQ, torchK, torchV) = (randn(1, 8, 16), randn(1, 8, 16), randn(1, 8, 16));
        var g = randn(1, 8, 16);
        foreach (var t in new[] { torchQ, torchK, torchV }) t.requires_grad_();
        (F.scaled_dot_product_attention(torchQ, torchK, torchV, is_casual: true) * g).sum().backward();

        var q = FromTorch(torchQ.detach());
        var manual = byHand(q, FromTorch(torchK.detach()), FromTorch(torchV.detach()), FromTorch(g),
            AttentionMask.Causal(8, 8));
        const string name = "attention head, causal, d = 16";
        return
        [
            new CaseResults($"{name}, dL/dQ", q, manual.Query, FromTorch(torchQ.grad!)),
            new CaseResults($"{name}, dL/dK", q, manual.Key, FromTorch(torchK.grad!)),
            new CaseResults($"{name}, dL/dV", q, manual.Value, FromTorch(torchV.grad!)),
        ];
    }

    // 2x2 windows, stride 2, whose maximum is held by more than one input.
    private static int TiedWindows(NdArray map)
    {
        var tied = 0;
        for (var i = 0; i + 1 < map.Shape[0]; i += 2)
        for (var j = 0; j + 1 < map.Shape[1]; j += 2)
        {
            float[] window = [map[i, j], map[i, j + 1], map[i + 1, j], map[i + 1, j + 1]];
            if (window.Count(v => v == window.Max()) > 1) tied++;
        }
        return tied;
    }
}
