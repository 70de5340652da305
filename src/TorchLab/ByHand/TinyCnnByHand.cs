using TorchLab.Manual;
using static TorchLab.ByHand.ByHandForward;

namespace TorchLab.ByHand;

/// <summary>
/// tiny-cnn's training step by hand: conv → ReLU → max-pool twice, flatten, linear; then the
/// same layers read backwards, each backward pass taking the input its forward saw.
/// </summary>
public static class TinyCnnByHand
{
    private static readonly ConvOptions Same = new(Padding: 1);

    /// <summary>The forward pass's values that the backward pass reads: each layer's input and the logits.</summary>
    public sealed record ForwardPass(NdArray A1, NdArray R1, NdArray P1, NdArray A2, NdArray R2, NdArray P2,
        NdArray Flat, NdArray Logits);

    /// <summary>The forward pass (tiny-cnn has no dropout, so training and test are the same).</summary>
    public static ForwardPass Forward(IReadOnlyDictionary<string, NdArray> w, NdArray x)   // x (N, 1, 8, 8)
    {
        var a1 = Im2Col.Conv2d(x, Get(w, "conv1.weight"), Bias(w, "conv1.bias"), Same);   // (N, 8, 8, 8)
        var r1 = Elementwise.Relu(a1);
        var p1 = Pooling.MaxPool2d(r1, 2);                                                // (N, 8, 4, 4)
        var a2 = Im2Col.Conv2d(p1, Get(w, "conv2.weight"), Bias(w, "conv2.bias"), Same);  // (N, 16, 4, 4)
        var r2 = Elementwise.Relu(a2);
        var p2 = Pooling.MaxPool2d(r2, 2);                                                // (N, 16, 2, 2)
        var flat = p2.Flatten();                                                          // (N, 64)
        var logits = LinearLayer.Forward(flat, Get(w, "fc.weight"), Bias(w, "fc.bias"));  // (N, 10)
        return new ForwardPass(a1, r1, p1, a2, r2, p2, flat, logits);
    }

    public static ByHandStep Step(IReadOnlyDictionary<string, NdArray> w, NdArray x, int[] y)
    {
        var (a1, r1, p1, a2, r2, p2, flat, logits) = Forward(w, x);
        var (loss, dLogits) = ByHandTraining.Loss(logits, y);
        var fc = LinearLayer.Backward(flat, Get(w, "fc.weight"), dLogits);
        var dR2 = Pooling.MaxPool2dBackward(r2, NdArray.FlattenBackward(fc.Input, p2.Shape), 2);
        var conv2 = Im2Col.Conv2dBackward(p1, Get(w, "conv2.weight"), Elementwise.ReluBackward(a2, dR2), Same);
        var dR1 = Pooling.MaxPool2dBackward(r1, conv2.Input, 2);
        var conv1 = Im2Col.Conv2dBackward(x, Get(w, "conv1.weight"), Elementwise.ReluBackward(a1, dR1), Same);
        return new ByHandStep(loss, logits, new Dictionary<string, NdArray>
        {
            ["conv1.weight"] = conv1.Weights, ["conv1.bias"] = ByHandTraining.Vector(conv1.Bias),
            ["conv2.weight"] = conv2.Weights, ["conv2.bias"] = ByHandTraining.Vector(conv2.Bias),
            ["fc.weight"] = fc.Weights, ["fc.bias"] = ByHandTraining.Vector(fc.Bias),
        });
    }
}
