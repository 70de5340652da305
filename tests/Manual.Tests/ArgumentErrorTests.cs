namespace TorchLab.Manual.Tests;

/// <summary>Bad layer arguments are refused with the argument named and the numbers in the message.</summary>
public class ArgumentErrorTests
{
    private static readonly NdArray Input = NdArray.Zeros(1, 4, 4, 4);

    private static void AssertRefused(Action call, string parameter, params string[] fragments)
    {
        var error = Assert.Throws<ArgumentException>(call);
        Assert.Equal(parameter, error.ParamName);
        foreach (var fragment in fragments) Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void Kernel_larger_than_the_padded_input() =>
        AssertRefused(() => ConvLayer.Conv2d(Input, NdArray.Zeros(1, 4, 5, 5)), "kernel", "kernel height 5 (dilated 5)", "padded input height 4 (4 + 2*0)");

    [Fact]
    public void Dilation_counts_towards_the_kernel_span() =>
        AssertRefused(() => ConvLayer.Conv2d(Input, NdArray.Zeros(1, 4, 3, 3), options: new ConvOptions(Dilation: 2)), "kernel", "dilated 5");

    [Fact]
    public void Channels_not_divisible_by_groups() =>
        AssertRefused(() => ConvLayer.Conv2d(Input, NdArray.Zeros(3, 1, 1, 1), options: new ConvOptions(Groups: 3)), "groups",
            "input channels 4 are not divisible by groups 3");

    [Fact]
    public void Weights_with_the_wrong_channel_count() =>
        AssertRefused(() => ConvLayer.Conv2d(Input, NdArray.Zeros(2, 3, 1, 1)), "weights", "expect 3 input channels per group", "has 4");

    [Fact]
    public void A_square_that_does_not_fit_the_image() =>
        AssertRefused(() => CourseInputs.BrightSquare(16, top: 12, left: 4, side: 6), "side", "a 6x6 square at (12, 4) does not fit a 16x16 image");

    [Fact]
    public void Non_positive_stride_and_dilation_and_negative_padding()
    {
        var w = NdArray.Zeros(1, 4, 1, 1);
        AssertRefused(() => ConvLayer.Conv2d(Input, w, options: new ConvOptions(Stride: 0)), "stride", "got 0");
        AssertRefused(() => Im2Col.Conv2d(Input, w, options: new ConvOptions(Dilation: -1)), "dilation", "got -1");
        AssertRefused(() => ConvLayer.Conv2d(Input, w, options: new ConvOptions(Padding: -2)), "padding", "got -2");
        AssertRefused(() => ConvLayer.Conv2d(Input, w, options: new ConvOptions(Stride: 2, Same: true)), "padding", "stride 2");
    }

    [Fact]
    public void Bias_length_and_ranks()
    {
        AssertRefused(() => ConvLayer.Conv2d(Input, NdArray.Zeros(2, 4, 1, 1), [1f]), "bias", "1 values for 2 output channels");
        AssertRefused(() => ConvLayer.Conv1d(Input, NdArray.Zeros(1, 4, 1)), "input", "3 dimensions", "[1, 4, 4, 4]");
        AssertRefused(() => Pooling.MaxPool2d(Input, 2, padding: 2), "padding", "at most half the kernel size 2");
        AssertRefused(() => SingleChannel.Conv2d(new float[2, 2], new float[3, 3]), "kernel", "3x3", "2x2");
    }

    [Fact]
    public void Attention_inputs_of_mismatched_shapes()
    {
        var q = NdArray.Zeros(2, 4, 8);
        AssertRefused(() => ScaledDotProductAttention.Forward(q, NdArray.Zeros(2, 5, 6), NdArray.Zeros(2, 5, 3)), "key",
            "key [2, 5, 6] must be (B, Lk, d) with B = 2 and d = 8 of query [2, 4, 8]");
        AssertRefused(() => ScaledDotProductAttention.Forward(q, NdArray.Zeros(2, 5, 8), NdArray.Zeros(2, 4, 3)), "value",
            "value [2, 4, 3] must be (B, Lk, dv) with B = 2 and Lk = 5 of key [2, 5, 8]");
        AssertRefused(() => ScaledDotProductAttention.Forward(q, NdArray.Zeros(2, 5, 8), NdArray.Zeros(2, 5, 3), NdArray.Zeros(5, 4)), "mask",
            "mask [5, 4] must be (Lq, Lk) = (4, 5) or (B, Lq, Lk) = (2, 4, 5)");
        AssertRefused(() => ScaledDotProductAttention.Forward(NdArray.Zeros(4, 8), q, q), "query", "3 dimensions (B, Lq, d)", "[4, 8]");
    }

    [Fact]
    public void Multi_head_attention_width_not_divisible_by_heads_and_wrong_projections()
    {
        var x = NdArray.Zeros(1, 3, 6);
        var projections = new AttentionProjections(NdArray.Zeros(18, 6), new float[18], NdArray.Zeros(6, 6), new float[6]);
        AssertRefused(() => MultiHeadAttentionByHand.Forward(x, x, x, projections, 4), "heads", "embedding width E = 6 of query [1, 3, 6] is not divisible by 4 heads");
        AssertRefused(() => MultiHeadAttentionByHand.Forward(x, x, x, projections with { InProjectionWeight = NdArray.Zeros(6, 6) }, 2), "in_proj_weight",
            "in_proj_weight [6, 6] must be (3E, E) = (18, 6)");
        AssertRefused(() => MultiHeadAttentionByHand.Forward(x, x, x, projections with { OutProjectionBias = new float[5] }, 2), "out_proj.bias", "5 values, expected E = 6");
        AssertRefused(() => MultiHeadAttentionByHand.Forward(x, NdArray.Zeros(1, 4, 6), NdArray.Zeros(1, 3, 6), projections, 2), "value",
            "value [1, 3, 6] must have key's shape [1, 4, 6]");
        AssertRefused(() => MultiHeadAttentionByHand.Forward(x, x, x, projections, 2, NdArray.Zeros(3, 4)), "attentionMask", "attn_mask [3, 4] must be (L, S) = (3, 3)");
        AssertRefused(() => MultiHeadAttentionByHand.Forward(x, x, x, projections, 2, keyPaddingMask: new bool[2, 3]), "keyPaddingMask",
            "key_padding_mask [2, 3] must be (N, S) = (1, 3)");
    }

    [Fact]
    public void Layer_normalization_parameters_of_another_width() =>
        AssertRefused(() => LayerNormalization.Forward(NdArray.Zeros(2, 3, 8), new float[7]), "weight", "weight has 7 values for the last dimension 8 of input [2, 3, 8]");
}
