using TorchLab.Manual;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Comparison;

/// <summary>
/// Each case of the comparison computed twice, by hand (src/Manual) and by libtorch; every case
/// returns both outputs so the caller can check and draw them.
/// </summary>
public static class HandVsTorch
{
    /// <summary>
    /// The course's toy image: its bright square plus Gaussian noise (sd 0.1) from libtorch's seeded generator.
    /// </summary>
    public static float[,] ToyImage(long seed)
    {
        manual_seed(seed);
        using var noise = randn(16, 16);
        var values = noise.data<float>();
        var image = CourseInputs.BrightSquare();
        for (var r = 0; r < 16; r++)
        for (var c = 0; c < 16; c++)
            image[r, c] += 0.1f * values[r * 16 + c];
        return image;
    }

    /// <summary>A single-channel image through the 3x3 edge filter, by the course's loop and by conv2d.</summary>
    public static CaseResults EdgeFilter(string name, float[,] image)
    {
        using var scope = NewDisposeScope();
        var manual = NdArray.From(SingleChannel.Conv2d(image, Kernels.Edge3x3));
        var input = NdArray.From(image);
        var torchOut = F.conv2d(
            ToTorch(input.Reshape(1, 1, input.Shape[0], input.Shape[1])),
            tensor(Kernels.Edge3x3).reshape(1, 1, 3, 3));
        return new CaseResults(name, input, manual, FromTorch(torchOut[0, 0]));
    }

    /// <summary>The step sequence through [-1, 1], by the loop and by conv1d.</summary>
    public static CaseResults StepFilter()
    {
        using var scope = NewDisposeScope();
        var sequence = CourseInputs.StepSequence();
        var manual = SingleChannel.Conv1d(sequence, Kernels.Step);
        var torchOut = F.conv1d(tensor(sequence).reshape(1, 1, -1), tensor(Kernels.Step).reshape(1, 1, 2));
        return new CaseResults("step sequence, [-1, 1] filter", new NdArray([sequence.Length], sequence),
            new NdArray([manual.Length], manual), FromTorch(torchOut.flatten()));
    }

    /// <summary>
    /// A multi-channel layer (weights and bias from nn.Conv2d's seeded initialisation) on a
    /// (C, H, W) image, by the direct loops or im2col, and by conv2d.
    /// </summary>
    public static (CaseResults outputs, NdArray weights, float[] bias) Layer(
        string name,
        NdArray image,
        int outChannels,
        int kernel,
        long seed,
        bool im2col = false)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        using var conv = nn.Conv2d(image.Shape[0], outChannels, kernel);
        var weights = FromTorch(conv.weight.detach());
        var bias = conv.bias!.detach().data<float>().ToArray();
        var input = image.Reshape(1, image.Shape[0], image.Shape[1], image.Shape[2]);
        var manual = im2col ? Im2Col.Conv2d(input, weights, bias) : ConvLayer.Conv2d(input, weights, bias);
        var torchOut = F.conv2d(ToTorch(input), conv.weight, conv.bias);
        return (new CaseResults(name, image, manual, FromTorch(torchOut)), weights, bias);
    }

    /// <summary>A one-hot DNA window through a seeded 4 → 8 channel Conv1d with "same" padding.</summary>
    public static CaseResults SequenceLayer(NdArray oneHot, long seed)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        using var conv = nn.Conv1d(4, 8, 5, Padding.Same);
        var input = oneHot.Reshape(1, 4, oneHot.Shape[1]);
        var manual = ConvLayer.Conv1d(
            input,
            FromTorch(conv.weight.detach()),
            conv.bias!.detach().data<float>().ToArray(),
            ConvOptions.SamePadding());
        return new CaseResults(
            "DNA one-hot, Conv1d 4→8, k=5, 'same'",
            oneHot,
            manual,
            FromTorch(conv.call(ToTorch(input))));
    }

    /// <summary>2x2 max pooling of a feature map, by hand and by max_pool2d.</summary>
    public static CaseResults MaxPool(string name, NdArray map)
    {
        using var scope = NewDisposeScope();
        var input = map.Reshape(1, 1, map.Shape[0], map.Shape[1]);
        return new CaseResults(name, map, Pooling.MaxPool2d(input, 2), FromTorch(F.max_pool2d(ToTorch(input), [2])));
    }

    /// <summary>
    /// Random Q, K and V (2, 8, 16) from libtorch's seeded generator through causal attention, by
    /// <see cref="ScaledDotProductAttention"/> and by <c>scaled_dot_product_attention(is_causal)</c>.
    /// </summary>
    public static CaseResults CausalAttention(long seed)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        var (q, k, v) = (randn(2, 8, 16), randn(2, 8, 16), randn(2, 8, 16));
        var manual = ScaledDotProductAttention.Forward(
            FromTorch(q),
            FromTorch(k),
            FromTorch(v),
            AttentionMask.Causal(8, 8));
        return new CaseResults("scaled dot-product attention, causal mask", FromTorch(q), manual.Output,
            FromTorch(F.scaled_dot_product_attention(q, k, v, is_casual: true)));
    }

    /// <summary>
    /// A one-hot DNA window (4, L) through a seeded Linear(4, 32) embedding and a seeded 4-head
    /// nn.MultiheadAttention, as self-attention, by hand and by TorchSharp; also returns the
    /// manual per-head weights (1, 4, L, L).
    /// </summary>
    public static (CaseResults outputs, NdArray weights) SequenceAttention(NdArray oneHot, long seed)
    {
        const int width = 32, heads = 4;
        using var scope = NewDisposeScope();
        var length = oneHot.Shape[1];
        manual_seed(seed);
        using var embedding = nn.Linear(4, width);
        using var attention = nn.MultiheadAttention(width, heads);
        var state = attention.state_dict().ToDictionary(kv => kv.Key, kv => FromTorch(kv.Value));
        var projections = new AttentionProjections(
            state["in_proj_weight"],
            state["in_proj_bias"].Data,
            state["out_proj.weight"],
            state["out_proj.bias"].Data);

        var letters = oneHot.Transpose(0, 1);                                            // (L, 4)
        var x = LinearLayer.Forward(
            letters,
            FromTorch(embedding.weight.detach()),
            embedding.bias!.detach().data<float>().ToArray());                          // (L, E)
        var manual = MultiHeadAttentionByHand.Forward(
            x.Reshape(1, length, width),
            x.Reshape(1, length, width),
            x.Reshape(1, length, width),
            projections,
            heads);

        using var _ = no_grad();
        // libtorch's module is sequence first
        var embedded = embedding.call(ToTorch(letters)).unsqueeze(1);                    // (L, 1, E)
        var torchOut = attention
            .call(embedded, embedded, embedded, need_weights: false)
            .Item1
            .transpose(0, 1);                                                            // (1, L, E)
        var outputs = new CaseResults(
            $"DNA one-hot, Linear 4→{width}, {heads}-head attention",
            oneHot,
            manual.Output,
            FromTorch(torchOut));
        return (outputs, manual.Weights);
    }

    internal static Tensor ToTorch(NdArray a) => tensor(a.Data, Longs(a.Shape));

    internal static NdArray FromTorch(Tensor t) =>
        new(t.shape.Select(d => (int)d).ToArray(), t.contiguous().data<float>().ToArray());

    private static long[] Longs(int[] shape) => shape.Select(d => (long)d).ToArray();
}
