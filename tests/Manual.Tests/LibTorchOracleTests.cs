using TorchSharp;
using static TorchSharp.torch;
using static TorchLab.Manual.Tests.TorchArrays;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Manual.Tests;

/// <summary>The hand-written layers against libtorch's conv1d/conv2d and pooling, over hundreds of random configurations.</summary>
public class LibTorchOracleTests
{
    // PyTorch's padding="same" for stride 1: dilation·(kernel-1) zeros in all, the odd one on the
    // right/bottom. TorchSharp's functional conv takes numbers only, so pad first.
    private static Tensor SamePad(Tensor x, int kernel, int dilation, int dims)
    {
        var total = dilation * (kernel - 1);
        long before = total / 2, after = total - total / 2;
        return F.pad(x, dims == 2 ? [before, after, before, after] : [before, after]);
    }

    [Fact]
    public void Conv2d_and_conv1d_match_libtorch_for_400_random_layers()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 400; trial++)
        {
            using var scope = NewDisposeScope();
            var c = LayerCase.Draw(random);
            var o = c.Options;
            var bias = random.Next(2) == 0 ? null : Enumerable.Range(0, c.OutChannels).Select(_ => (float)random.NextDouble()).ToArray();
            var torchBias = bias is null ? null : tensor(bias);
            if (trial % 2 == 0)
            {
                var x = RandomArrays.Make(random, c.Batch, c.Channels, c.Length + 1, c.Length);
                var w = RandomArrays.Make(random, c.OutChannels, c.Channels / c.Groups, c.Kernel, c.Kernel);
                var expected = o.Same
                    ? F.conv2d(SamePad(ToTorch(x), c.Kernel, o.Dilation, 2), ToTorch(w), torchBias, [1], [0], [o.Dilation], o.Groups)
                    : F.conv2d(ToTorch(x), ToTorch(w), torchBias, [o.Stride], [o.Padding], [o.Dilation], o.Groups);
                AssertCloseToScale(ConvLayer.Conv2d(x, w, bias, o), expected, $"conv2d trial {trial} ({c})");
            }
            else
            {
                var x = RandomArrays.Make(random, c.Batch, c.Channels, c.Length);
                var w = RandomArrays.Make(random, c.OutChannels, c.Channels / c.Groups, c.Kernel);
                var expected = o.Same
                    ? F.conv1d(SamePad(ToTorch(x), c.Kernel, o.Dilation, 1), ToTorch(w), torchBias, 1, 0, o.Dilation, o.Groups)
                    : F.conv1d(ToTorch(x), ToTorch(w), torchBias, o.Stride, o.Padding, o.Dilation, o.Groups);
                AssertCloseToScale(ConvLayer.Conv1d(x, w, bias, o), expected, $"conv1d trial {trial} ({c})");
            }
        }
    }

    [Fact]
    public void Pooling_matches_libtorch_for_random_windows()
    {
        var random = new Random(9);
        for (var trial = 0; trial < 100; trial++)
        {
            using var scope = NewDisposeScope();
            var kernel = random.Next(1, 5);
            var stride = random.Next(1, 4);
            var padding = random.Next(0, kernel / 2 + 1);
            var size = kernel + random.Next(0, 8);
            var x = RandomArrays.Make(random, 2, 3, size, size + 2);
            var what = $"trial {trial}: kernel {kernel} stride {stride} padding {padding} size {size}";
            AssertCloseToScale(Pooling.MaxPool2d(x, kernel, stride, padding), F.max_pool2d(ToTorch(x), [kernel], [stride], [padding]), "max_pool2d " + what);
            AssertCloseToScale(Pooling.AvgPool2d(x, kernel, stride, padding), F.avg_pool2d(ToTorch(x), [kernel], [stride], [padding]), "avg_pool2d " + what);
            var s = RandomArrays.Make(random, 2, 3, size);
            AssertCloseToScale(Pooling.MaxPool1d(s, kernel, stride, padding), F.max_pool1d(ToTorch(s), kernel, stride, padding), "max_pool1d " + what);
            AssertCloseToScale(Pooling.AvgPool1d(s, kernel, stride, padding), F.avg_pool1d(ToTorch(s), kernel, stride, padding), "avg_pool1d " + what);
        }
    }
}
