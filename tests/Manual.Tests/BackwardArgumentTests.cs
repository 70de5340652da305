namespace TorchLab.Manual.Tests;

/// <summary>
/// The sequence models' backward passes refuse a gradient, state, index or mask of the wrong shape
/// with the argument named and the shapes in the message, instead of reading past an array.
/// </summary>
public class BackwardArgumentTests
{
    private static void AssertRefused(Action call, string parameter, params string[] fragments)
    {
        var error = Assert.Throws<ArgumentException>(call);
        Assert.Equal(parameter, error.ParamName);
        foreach (var fragment in fragments) Assert.Contains(fragment, error.Message);
    }

    private static readonly GruWeights Gru =
        new(NdArray.Zeros(12, 3), NdArray.Zeros(12, 4), new float[12], new float[12]);

    [Fact]
    public void Gru_output_gradient_of_another_shape() =>
        AssertRefused(() => GruLayer.Backward(NdArray.Zeros(2, 5, 3), NdArray.Zeros(2, 5, 8), Gru),
            "outputGradient", "output gradient [2, 5, 8] must have the output's shape (2, 5, 4)");

    [Fact]
    public void Gru_initial_state_for_the_wrong_number_of_directions() =>
        AssertRefused(() => GruLayer.Forward(NdArray.Zeros(2, 5, 3), Gru, Gru, NdArray.Zeros(1, 2, 4)),
            "initialState", "initial state h_0 [1, 2, 4] must be (D, N, H) = (2, 2, 4)");

    [Fact]
    public void Attention_output_gradient_of_another_shape() =>
        AssertRefused(() => ScaledDotProductAttention.Backward(NdArray.Zeros(1, 2, 4), NdArray.Zeros(1, 3, 4),
                NdArray.Zeros(1, 3, 5), NdArray.Zeros(1, 2, 4)),
            "outputGradient", "output gradient [1, 2, 4] must be (B, Lq, dv) = (1, 2, 5)");

    [Fact]
    public void Attention_dropout_mask_of_another_shape() =>
        AssertRefused(() => ScaledDotProductAttention.Forward(NdArray.Zeros(1, 2, 4), NdArray.Zeros(1, 3, 4),
                NdArray.Zeros(1, 3, 5), dropout: NdArray.Zeros(1, 3, 2)),
            "dropout", "dropout mask [1, 3, 2] must be the weights' shape (B, Lq, Lk) = (1, 2, 3)");

    [Fact]
    public void Multi_head_attention_output_gradient_of_another_shape()
    {
        var projections = new AttentionProjections(NdArray.Zeros(12, 4), null, NdArray.Zeros(4, 4), null);
        var x = NdArray.Zeros(2, 3, 4);
        AssertRefused(() => MultiHeadAttentionByHand.Backward(x, x, x, projections, 2, NdArray.Zeros(2, 3, 5)),
            "outputGradient", "output gradient [2, 3, 5] must have the output's shape [2, 3, 4]");
    }

    [Fact]
    public void Layer_norm_and_softmax_gradients_of_another_shape()
    {
        AssertRefused(() => LayerNormalization.Backward(NdArray.Zeros(2, 4), NdArray.Zeros(4, 2)),
            "outputGradient", "output gradient [4, 2] must have the input's shape [2, 4]");
        AssertRefused(() => SoftmaxByHand.Backward(NdArray.Zeros(2, 4), NdArray.Zeros(8)),
            "outputGradient", "output gradient [8] must have the output's shape [2, 4]");
    }

    [Fact]
    public void Embedding_index_outside_the_table() =>
        AssertRefused(() => EmbeddingLookup.Backward(NdArray.Zeros(5, 2), [0, 5], NdArray.Zeros(2, 2)),
            "indices", "index 5 at position 1 is outside the embedding's 5 rows");

    [Fact]
    public void Repeated_term_whose_shape_is_not_the_end_of_the_sum() =>
        AssertRefused(() => AddGradient.OfRepeated(NdArray.Zeros(3, 6, 5), [6, 4]),
            "shape", "shape [6, 4] must be the end of the gradient's shape [3, 6, 5]");

    [Fact]
    public void Encoder_dropout_mask_of_another_shape()
    {
        var x = NdArray.Zeros(1, 2, 4);
        var weights = new EncoderLayerWeights(
            new AttentionProjections(NdArray.Zeros(12, 4), new float[12], NdArray.Zeros(4, 4), new float[4]),
            NdArray.Zeros(8, 4), new float[8], NdArray.Zeros(4, 8), new float[4],
            [1, 1, 1, 1], new float[4], [1, 1, 1, 1], new float[4]);
        var masks = new EncoderDropoutMasks(null, NdArray.Zeros(1, 2, 3), null, null);
        AssertRefused(() => TransformerEncoderLayerByHand.Backward(x, weights, 2, x, masks),
            "mask", "mask has shape [1, 2, 3], but the input has [1, 2, 4]");
    }
}
