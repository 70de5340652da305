using TorchLab.Manual;
using static TorchLab.ByHand.ByHandForward;

namespace TorchLab.ByHand;

/// <summary>
/// seq-cnn's training step by hand: two conv → ReLU → max-pool stages, flatten, dropout with the
/// mask torch drew, linear; and back.
/// </summary>
public static class SeqCnnByHand
{
    private static readonly ConvOptions Same7 = new(Padding: 3), Same5 = new(Padding: 2);

    /// <summary>The forward pass's values that the backward pass reads: each layer's input and the logits.</summary>
    public sealed record ForwardPass(NdArray A1, NdArray R1, NdArray P1, NdArray A2, NdArray R2, NdArray P2,
        NdArray Dropped, NdArray Logits);

    /// <summary>
    /// The forward pass; <paramref name="mask"/> is dropout's multiplier (N, 480), null at test time.
    /// </summary>
    public static ForwardPass Forward(IReadOnlyDictionary<string, NdArray> w, NdArray x, NdArray? mask = null)
    {
        var a1 = Im2Col.Conv1d(x, Get(w, "conv1.weight"), Bias(w, "conv1.bias"), Same7);  // (N, 32, 60)
        var r1 = Elementwise.Relu(a1);
        var p1 = Pooling.MaxPool1d(r1, 2);                                                // (N, 32, 30)
        var a2 = Im2Col.Conv1d(p1, Get(w, "conv2.weight"), Bias(w, "conv2.bias"), Same5); // (N, 32, 30)
        var r2 = Elementwise.Relu(a2);
        var p2 = Pooling.MaxPool1d(r2, 2);                                                // (N, 32, 15)
        var dropped = mask is null
            ? Elementwise.DropoutAtTest(p2.Flatten())
            : Elementwise.DropoutInTraining(p2.Flatten(), mask);                          // (N, 480)
        var logits = LinearLayer.Forward(dropped, Get(w, "fc.weight"), Bias(w, "fc.bias")); // (N, 3)
        return new ForwardPass(a1, r1, p1, a2, r2, p2, dropped, logits);
    }

    /// <param name="mask">dropout's multiplier (N, 480): 0 or 1/(1 − 0.3).</param>
    public static ByHandStep Step(IReadOnlyDictionary<string, NdArray> w, NdArray x, int[] y, NdArray mask)
    {
        var (a1, r1, p1, a2, r2, p2, dropped, logits) = Forward(w, x, mask);
        var (loss, dLogits) = ByHandTraining.Loss(logits, y);
        var fc = LinearLayer.Backward(dropped, Get(w, "fc.weight"), dLogits);
        var dFlat = Elementwise.DropoutBackward(mask, fc.Input);
        var dR2 = Pooling.MaxPool1dBackward(r2, NdArray.FlattenBackward(dFlat, p2.Shape), 2);
        var conv2 = Im2Col.Conv1dBackward(p1, Get(w, "conv2.weight"), Elementwise.ReluBackward(a2, dR2), Same5);
        var dR1 = Pooling.MaxPool1dBackward(r1, conv2.Input, 2);
        var conv1 = Im2Col.Conv1dBackward(x, Get(w, "conv1.weight"), Elementwise.ReluBackward(a1, dR1), Same7);
        return new ByHandStep(loss, logits, new Dictionary<string, NdArray>
        {
            ["conv1.weight"] = conv1.Weights, ["conv1.bias"] = ByHandTraining.Vector(conv1.Bias),
            ["conv2.weight"] = conv2.Weights, ["conv2.bias"] = ByHandTraining.Vector(conv2.Bias),
            ["fc.weight"] = fc.Weights, ["fc.bias"] = ByHandTraining.Vector(fc.Bias),
        });
    }
}
