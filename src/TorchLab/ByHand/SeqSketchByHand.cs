using TorchLab.Manual;
using static TorchLab.ByHand.ByHandForward;

namespace TorchLab.ByHand;

/// <summary>seq-sketch's training step by hand: conv → ReLU → global average → linear, and back.</summary>
public static class SeqSketchByHand
{
    private static readonly ConvOptions Same = new(Padding: 2);

    /// <summary>The forward pass's values that the backward pass reads: each layer's input and the logits.</summary>
    public sealed record ForwardPass(NdArray A, NdArray R, NdArray Pooled, NdArray Flat, NdArray Logits);

    /// <summary>The forward pass (no dropout, so training and test are the same).</summary>
    public static ForwardPass Forward(IReadOnlyDictionary<string, NdArray> w, NdArray x)   // x (N, 4, 60)
    {
        var a = Im2Col.Conv1d(x, Get(w, "conv.weight"), Bias(w, "conv.bias"), Same);      // (N, 8, 60)
        var r = Elementwise.Relu(a);
        var pooled = Pooling.GlobalAvgPool1d(r);                                          // (N, 8, 1)
        var flat = pooled.Flatten();                                                      // (N, 8)
        var logits = LinearLayer.Forward(flat, Get(w, "fc.weight"), Bias(w, "fc.bias"));  // (N, 3)
        return new ForwardPass(a, r, pooled, flat, logits);
    }

    public static ByHandStep Step(IReadOnlyDictionary<string, NdArray> w, NdArray x, int[] y)
    {
        var (a, r, pooled, flat, logits) = Forward(w, x);
        var (loss, dLogits) = ByHandTraining.Loss(logits, y);
        var fc = LinearLayer.Backward(flat, Get(w, "fc.weight"), dLogits);
        var dR = Pooling.GlobalAvgPool1dBackward(NdArray.FlattenBackward(fc.Input, pooled.Shape), r.Shape[2]);
        var conv = Im2Col.Conv1dBackward(x, Get(w, "conv.weight"), Elementwise.ReluBackward(a, dR), Same);
        return new ByHandStep(loss, logits, new Dictionary<string, NdArray>
        {
            ["conv.weight"] = conv.Weights, ["conv.bias"] = ByHandTraining.Vector(conv.Bias),
            ["fc.weight"] = fc.Weights, ["fc.bias"] = ByHandTraining.Vector(fc.Bias),
        });
    }
}
