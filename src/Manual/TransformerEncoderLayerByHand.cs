namespace TorchLab.Manual;

/// <summary>
/// <c>nn.TransformerEncoderLayer</c>'s parameters; <see cref="FromStateDict"/> and
/// <see cref="ToStateDict"/> use its state-dict names (<c>self_attn.in_proj_weight</c>,
/// <c>linear1.weight</c>, <c>norm2.bias</c>, …). Gradients come back in the same record.
/// </summary>
public sealed record EncoderLayerWeights(AttentionProjections SelfAttention,
    NdArray Linear1Weight, float[] Linear1Bias, NdArray Linear2Weight, float[] Linear2Bias,
    float[] Norm1Weight, float[] Norm1Bias, float[] Norm2Weight, float[] Norm2Bias)
{
    /// <summary>The layer's twelve tensors from a state dict, each key <paramref name="prefix"/> + its name.</summary>
    public static EncoderLayerWeights FromStateDict(IReadOnlyDictionary<string, NdArray> state, string prefix = "")
    {
        NdArray Get(string name) => state.TryGetValue(prefix + name, out var value) ? value
            : throw new ArgumentException($"the state dict has no '{prefix + name}'", nameof(state));
        return new EncoderLayerWeights(
            new AttentionProjections(Get("self_attn.in_proj_weight"), Get("self_attn.in_proj_bias").Data,
                Get("self_attn.out_proj.weight"), Get("self_attn.out_proj.bias").Data),
            Get("linear1.weight"), Get("linear1.bias").Data, Get("linear2.weight"), Get("linear2.bias").Data,
            Get("norm1.weight").Data, Get("norm1.bias").Data, Get("norm2.weight").Data, Get("norm2.bias").Data);
    }

    /// <summary>The twelve tensors under their state-dict names, keys <paramref name="prefix"/> + name.</summary>
    public Dictionary<string, NdArray> ToStateDict(string prefix = "")
    {
        static NdArray Vector(float[]? values) => new([values!.Length], values);
        return new Dictionary<string, NdArray>
        {
            [prefix + "self_attn.in_proj_weight"] = SelfAttention.InProjectionWeight,
            [prefix + "self_attn.in_proj_bias"] = Vector(SelfAttention.InProjectionBias),
            [prefix + "self_attn.out_proj.weight"] = SelfAttention.OutProjectionWeight,
            [prefix + "self_attn.out_proj.bias"] = Vector(SelfAttention.OutProjectionBias),
            [prefix + "linear1.weight"] = Linear1Weight, [prefix + "linear1.bias"] = Vector(Linear1Bias),
            [prefix + "linear2.weight"] = Linear2Weight, [prefix + "linear2.bias"] = Vector(Linear2Bias),
            [prefix + "norm1.weight"] = Vector(Norm1Weight), [prefix + "norm1.bias"] = Vector(Norm1Bias),
            [prefix + "norm2.weight"] = Vector(Norm2Weight), [prefix + "norm2.bias"] = Vector(Norm2Bias),
        };
    }
}

/// <summary>
/// The dropout masks torch drew inside the layer in training, each 0 where dropped and 1/(1 − p)
/// where kept, named for the layer's dropout modules: the attention weights' (N·H, L, L) inside
/// <c>self_attn</c>, <c>dropout1</c> (N, L, E) on the attention's output, <c>dropout</c> (N, L, F)
/// after the ReLU, <c>dropout2</c> (N, L, E) on the feed-forward's output. A null one is off.
/// </summary>
public sealed record EncoderDropoutMasks(NdArray? AttentionWeights, NdArray? Dropout1, NdArray? Dropout,
    NdArray? Dropout2);

/// <summary>dL/d input (N, L, E) and every parameter's gradient.</summary>
public sealed record EncoderLayerGradients(NdArray Input, EncoderLayerWeights Weights);

/// <summary>
/// PyTorch's post-norm <c>TransformerEncoderLayer</c> (ReLU, eps 1e-5), batch first, as two
/// residual sums each followed by a layer norm:
/// <code>
/// y₁ = norm1(x + dropout1(self_attn(x, x, x)))
/// y  = norm2(y₁ + dropout2(linear2(dropout(relu(linear1(y₁))))))
/// </code>
/// </summary>
public static class TransformerEncoderLayerByHand
{
    /// <summary>Input (N, L, E) → (N, L, E); null masks is eval mode.</summary>
    public static NdArray Forward(NdArray input, EncoderLayerWeights w, int heads, EncoderDropoutMasks? masks = null) =>
        Run(input, w, heads, masks).Output;

    /// <summary>
    /// The forward read backwards from dL/d output. A residual sum s = a + b sends ds to both
    /// terms; the layer norms, attention and linear layers have their own backward; ReLU passes
    /// the gradient where its input was positive; a dropout mask multiplies the gradient as it
    /// multiplied the values. x feeds the skip and the attention's query, key and value, so
    /// dx = ds₁ + d query + d key + d value.
    /// </summary>
    public static EncoderLayerGradients Backward(NdArray input, EncoderLayerWeights w, int heads,
        NdArray outputGradient, EncoderDropoutMasks? masks = null)
    {
        if (!outputGradient.Shape.SequenceEqual(input.Shape))
            throw new ArgumentException(
                $"output gradient {outputGradient.ShapeText} must have the input's shape {input.ShapeText}",
                nameof(outputGradient));
        int batch = input.Shape[0], length = input.Shape[1], width = input.Shape[2];
        var trace = Run(input, w, heads, masks);
        var rows = batch * length;

        var norm2 = LayerNormalization.Backward(trace.Sum2, outputGradient, w.Norm2Weight);
        var feedForwardGradient = DropoutBackward(norm2.Input, masks?.Dropout2).Reshape(rows, width); // (N·L, E)
        var (hiddenGradient, linear2Weight, linear2Bias) =
            LinearLayer.Backward(trace.Hidden, w.Linear2Weight, feedForwardGradient);         // (N·L, F)
        hiddenGradient = DropoutBackward(hiddenGradient, masks?.Dropout?.Reshape(hiddenGradient.Shape));
        hiddenGradient = Elementwise.ReluBackward(trace.PreActivation, hiddenGradient);
        var (normedGradient, linear1Weight, linear1Bias) =
            LinearLayer.Backward(trace.Normed1.Reshape(rows, width), w.Linear1Weight, hiddenGradient);
        var sum1Gradient = Elementwise.Add(norm2.Input, normedGradient.Reshape(input.Shape));   // y₁: skip and FF

        var norm1 = LayerNormalization.Backward(trace.Sum1, sum1Gradient, w.Norm1Weight);
        var attentionGradient = DropoutBackward(norm1.Input, masks?.Dropout1);
        var attention = MultiHeadAttentionByHand.Backward(input, input, input, w.SelfAttention, heads,
            attentionGradient, dropout: masks?.AttentionWeights);
        var inputGradient = Elementwise.Add(Elementwise.Add(norm1.Input, attention.Query),
            Elementwise.Add(attention.Key, attention.Value));
        return new EncoderLayerGradients(inputGradient, new EncoderLayerWeights(attention.Projections,
            linear1Weight, linear1Bias, linear2Weight, linear2Bias,
            norm1.Weight, norm1.Bias, norm2.Weight, norm2.Bias));
    }

    // The forward's intermediate values, which the backward needs.
    private sealed record Trace(NdArray Sum1, NdArray Normed1, NdArray PreActivation, NdArray Hidden, NdArray Sum2,
        NdArray Output);

    private static Trace Run(NdArray x, EncoderLayerWeights w, int heads, EncoderDropoutMasks? masks)
    {
        LayerPlan.RequireRank(x, 3, "input", "(N, L, E)");
        int batch = x.Shape[0], length = x.Shape[1], width = x.Shape[2], rows = batch * length;
        var attention = MultiHeadAttentionByHand.Forward(x, x, x, w.SelfAttention, heads,
            dropout: masks?.AttentionWeights).Output;                                    // (N, L, E)
        var sum1 = Elementwise.Add(x, Dropout(attention, masks?.Dropout1));
        var normed1 = LayerNormalization.Forward(sum1, w.Norm1Weight, w.Norm1Bias);       // (N, L, E)
        var preActivation = LinearLayer.Forward(normed1.Reshape(rows, width), w.Linear1Weight, w.Linear1Bias);
        var activated = Elementwise.Relu(preActivation);
        var hidden = Dropout(activated, masks?.Dropout?.Reshape(preActivation.Shape));   // (N·L, F)
        var feedForward = LinearLayer.Forward(hidden, w.Linear2Weight, w.Linear2Bias).Reshape(x.Shape);
        var sum2 = Elementwise.Add(normed1, Dropout(feedForward, masks?.Dropout2));
        var output = LayerNormalization.Forward(sum2, w.Norm2Weight, w.Norm2Bias);        // (N, L, E)
        return new Trace(sum1, normed1, preActivation, hidden, sum2, output);
    }

    // a ⊙ mask, or a itself without one.
    // A null mask is dropout switched off (eval mode, or p = 0).
    private static NdArray Dropout(NdArray x, NdArray? mask) =>
        mask is null ? x : Elementwise.DropoutInTraining(x, mask);

    private static NdArray DropoutBackward(NdArray gradient, NdArray? mask) =>
        mask is null ? gradient : Elementwise.DropoutBackward(mask, gradient);
}
