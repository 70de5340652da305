using TorchLab.Manual;
using TorchLab.Runs;
using TorchLab.Training.Data;
using static TorchSharp.torch;

namespace TorchLab.ByHand;

/// <summary>
/// The lab's five architectures (src/Models) recomputed with src/Manual alone: the same layers in
/// the same order, reading the weights from the model's state_dict by the keys PyTorch gives them.
/// The convolutions are <see cref="Im2Col"/>'s: the same sums as <see cref="ConvLayer"/>'s direct
/// loops (both checked against libtorch by <c>compare</c>), but about five times faster, so the
/// 1,186 test sequences of seq-cnn take seconds.
/// </summary>
public static class ByHandForward
{
    /// <summary>
    /// Every tensor of <paramref name="model"/>'s state_dict copied into an <see cref="NdArray"/>, by key.
    /// </summary>
    public static Dictionary<string, NdArray> Weights(nn.Module<Tensor, Tensor> model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => Array(kv.Value));

    /// <summary>The examples of <paramref name="data"/> as one (N, ...) array.</summary>
    public static NdArray Inputs(LabeledData data) =>
        new([data.Count, .. data.ExampleShape.Select(d => (int)d)], data.Features);

    /// <summary>
    /// The logits (N, classes) of <paramref name="recipe"/>'s model with <paramref name="weights"/>
    /// on <paramref name="inputs"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">A weight the architecture needs is missing.</exception>
    public static NdArray Logits(
        ModelRecipe recipe,
        IReadOnlyDictionary<string, NdArray> weights,
        NdArray inputs) => recipe.Name switch
    {
        "tiny-cnn" => TinyCnnByHand.Forward(weights, inputs).Logits,
        "seq-sketch" => SeqSketchByHand.Forward(weights, inputs).Logits,
        "seq-cnn" => SeqCnnByHand.Forward(weights, inputs).Logits,
        "seq-gru" => SeqGruByHand.Forward(weights, inputs).Logits,
        "seq-attn" => SeqAttn(weights, inputs).Logits,
        _ => throw new ArgumentException($"no by-hand forward pass for model '{recipe.Name}'", nameof(recipe)),
    };

    /// <summary>
    /// The heads of seq-attn's encoder layer: SeqAttn's default, which the state dict does not
    /// record (the four heads share one in_proj_weight).
    /// </summary>
    public const int AttentionHeads = 4;

    /// <summary>
    /// seq-attn by hand: its logits (N, 3), and each head's attention weights (N, H, L, L), the
    /// softmax(QKᵀ/√d) of its encoder layer, which TorchSharp's native layer does not hand out.
    /// The layer is PyTorch's post-norm one:
    /// x = norm1(x + attention(x)), x = norm2(x + linear2(relu(linear1(x)))).
    /// </summary>
    public static (NdArray Logits, NdArray Attention) SeqAttn(
        IReadOnlyDictionary<string, NdArray> w,
        NdArray x)                                                                                     // (N, 4, 60)
    {
        int batch = x.Shape[0], length = x.Shape[2];
        NdArray Linear(NdArray v, string name) => LinearLayer
            .Forward(v.Reshape(batch * length, v.Shape[2]), Get(w, name + ".weight"), Bias(w, name + ".bias"))
            .Reshape(batch, length, Get(w, name + ".weight").Shape[0]);                                // (N, L, out)
        var projections = new AttentionProjections(
            Get(w, "encoder.self_attn.in_proj_weight"),
            Bias(w, "encoder.self_attn.in_proj_bias"),
            Get(w, "encoder.self_attn.out_proj.weight"),
            Bias(w, "encoder.self_attn.out_proj.bias"));
        x = Linear(x.Transpose(1, 2), "embed");                                                        // (N, 60, 32)
        x = Elementwise.Add(x, Get(w, "position.weight"));                                             // + (60, 32)
        // attention.Output is (N, 60, 32), attention.Weights (N, 4, 60, 60)
        var attention = MultiHeadAttentionByHand.Forward(x, x, x, projections, AttentionHeads);
        x = Elementwise.Add(x, attention.Output);
        x = LayerNormalization.Forward(x, Bias(w, "encoder.norm1.weight"), Bias(w, "encoder.norm1.bias"));
        // linear1 widens to (N, 60, 64), linear2 brings it back to (N, 60, 32)
        var feedForward = Linear(Elementwise.Relu(Linear(x, "encoder.linear1")), "encoder.linear2");
        x = Elementwise.Add(x, feedForward);
        x = LayerNormalization.Forward(x, Bias(w, "encoder.norm2.weight"), Bias(w, "encoder.norm2.bias"));
        x = x.Flatten();                                                                               // (N, 1920)
        x = Elementwise.DropoutAtTest(x);
        return (LinearLayer.Forward(x, Get(w, "fc.weight"), Bias(w, "fc.bias")), attention.Weights);  // (N, 3)
    }

    internal static NdArray Get(IReadOnlyDictionary<string, NdArray> weights, string key) =>
        weights.TryGetValue(key, out var value)
            ? value
            : throw new InvalidDataException(
                $"the weights have no '{key}' (they hold {string.Join(", ", weights.Keys)})");

    internal static float[] Bias(IReadOnlyDictionary<string, NdArray> weights, string key) => Get(weights, key).Data;

    private static NdArray Array(Tensor t)
    {
        using var values = t.detach().cpu().to(float32).contiguous();
        return new NdArray(t.shape.Select(d => (int)d).ToArray(), values.data<float>().ToArray());
    }
}
