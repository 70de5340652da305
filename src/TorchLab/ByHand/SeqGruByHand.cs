using TorchLab.Manual;
using static TorchLab.ByHand.ByHandForward;

namespace TorchLab.ByHand;

/// <summary>
/// seq-gru's training step by hand: the bidirectional GRU over the positions, flatten, dropout
/// with torch's mask, linear; back through the linear layer, the mask, and through time.
/// </summary>
public static class SeqGruByHand
{
    private static readonly string[] Directions = ["", "_reverse"];

    /// <summary>The forward pass's values that the backward pass reads: each layer's input and the logits.</summary>
    public sealed record ForwardPass(GruWeights ForwardWeights, GruWeights BackwardWeights, NdArray Sequence,
        NdArray Output, NdArray Dropped, NdArray Logits);

    /// <summary>
    /// The forward pass; <paramref name="mask"/> is dropout's multiplier (N, 3840), null at test time.
    /// </summary>
    public static ForwardPass Forward(IReadOnlyDictionary<string, NdArray> w, NdArray x, NdArray? mask = null)
    {
        GruWeights Direction(string suffix) => new(
            Get(w, "gru.weight_ih_l0" + suffix), Get(w, "gru.weight_hh_l0" + suffix),
            Bias(w, "gru.bias_ih_l0" + suffix), Bias(w, "gru.bias_hh_l0" + suffix));
        var (forward, backward) = (Direction(Directions[0]), Direction(Directions[1]));
        var sequence = x.Transpose(1, 2);                                                   // (N, 60, 4)
        var output = GruLayer.Forward(sequence, forward, backward);                         // (N, 60, 64)
        var dropped = mask is null
            ? Elementwise.DropoutAtTest(output.Flatten())
            : Elementwise.DropoutInTraining(output.Flatten(), mask);                        // (N, 3840)
        var logits = LinearLayer.Forward(dropped, Get(w, "fc.weight"), Bias(w, "fc.bias")); // (N, 3)
        return new ForwardPass(forward, backward, sequence, output, dropped, logits);
    }

    /// <param name="mask">dropout's multiplier (N, 3840): 0 or 1/(1 − 0.3).</param>
    public static ByHandStep Step(IReadOnlyDictionary<string, NdArray> w, NdArray x, int[] y, NdArray mask)
    {
        var (forward, backward, sequence, output, dropped, logits) = Forward(w, x, mask);
        var (loss, dLogits) = ByHandTraining.Loss(logits, y);
        var fc = LinearLayer.Backward(dropped, Get(w, "fc.weight"), dLogits);
        var dOutput = NdArray.FlattenBackward(Elementwise.DropoutBackward(mask, fc.Input), output.Shape);
        var gru = GruLayer.Backward(sequence, dOutput, forward, backward);
        var gradients = new Dictionary<string, NdArray>();
        foreach (var (suffix, g) in Directions.Zip([gru.Forward, gru.Backward!]))
        {
            gradients["gru.weight_ih_l0" + suffix] = g.InputWeights;
            gradients["gru.weight_hh_l0" + suffix] = g.HiddenWeights;
            gradients["gru.bias_ih_l0" + suffix] = ByHandTraining.Vector(g.InputBias);
            gradients["gru.bias_hh_l0" + suffix] = ByHandTraining.Vector(g.HiddenBias);
        }
        gradients["fc.weight"] = fc.Weights;
        gradients["fc.bias"] = ByHandTraining.Vector(fc.Bias);
        return new ByHandStep(loss, logits, gradients);
    }
}
