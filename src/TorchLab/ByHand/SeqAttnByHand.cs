using TorchLab.Manual;
using static TorchLab.ByHand.ByHandForward;

namespace TorchLab.ByHand;

/// <summary>
/// seq-attn's training step by hand: embed each letter, add the position vectors, the post-norm
/// encoder layer with the four masks libtorch drew inside it, flatten, dropout, linear; and back.
/// The position embedding looks up rows 0 … L−1 in order, so it is its weight added to every
/// example, and its gradient is the sum of the examples' gradients.
/// </summary>
public static class SeqAttnByHand
{
    /// <param name="masks">
    /// batch first, in the order torch draws them: the attention weights' (N·H, L, L), dropout1
    /// (N, L, E), the feed-forward's (N, L, F), dropout2 (N, L, E), and the classifier's (N, L·E).
    /// </param>
    public static ByHandStep Step(IReadOnlyDictionary<string, NdArray> w, NdArray x, int[] y,
        IReadOnlyList<NdArray> masks)
    {
        int batch = x.Shape[0], length = x.Shape[2];
        var letters = x.Transpose(1, 2).Reshape(batch * length, x.Shape[1]);                // (N·L, 4)
        var embedded = LinearLayer.Forward(letters, Get(w, "embed.weight"), Bias(w, "embed.bias"));
        var width = embedded.Shape[1];
        var placed = Elementwise.Add(embedded.Reshape(batch, length, width), Get(w, "position.weight"));
        var encoder = EncoderLayerWeights.FromStateDict(w, "encoder.");
        var encoderMasks = new EncoderDropoutMasks(masks[0], masks[1], masks[2], masks[3]);
        var encoded = TransformerEncoderLayerByHand.Forward(placed, encoder, AttentionHeads, encoderMasks);
        var dropped = Elementwise.DropoutInTraining(encoded.Flatten(), masks[4]);           // (N, L·E)
        var logits = LinearLayer.Forward(dropped, Get(w, "fc.weight"), Bias(w, "fc.bias")); // (N, 3)

        var (loss, dLogits) = ByHandTraining.Loss(logits, y);
        var fc = LinearLayer.Backward(dropped, Get(w, "fc.weight"), dLogits);
        var dEncoded = NdArray.FlattenBackward(Elementwise.DropoutBackward(masks[4], fc.Input), encoded.Shape);
        var layer = TransformerEncoderLayerByHand.Backward(placed, encoder, AttentionHeads, dEncoded, encoderMasks);
        var embed = LinearLayer.Backward(letters, Get(w, "embed.weight"), layer.Input.Reshape(batch * length, width));
        var gradients = layer.Weights.ToStateDict("encoder.");
        gradients["embed.weight"] = embed.Weights;
        gradients["embed.bias"] = ByHandTraining.Vector(embed.Bias);
        gradients["position.weight"] = AddGradient.OfRepeated(layer.Input, [length, width]);
        gradients["fc.weight"] = fc.Weights;
        gradients["fc.bias"] = ByHandTraining.Vector(fc.Bias);
        return new ByHandStep(loss, logits, gradients);
    }
}
