using TorchLab.Manual;

namespace TorchLab.ByHand;

/// <summary>
/// One training step's forward and backward by hand: the batch's mean cross-entropy, the
/// train-mode logits (N, classes) and dL/dθ of every parameter under its state-dict name.
/// </summary>
public sealed record ByHandStep(double Loss, NdArray Logits, IReadOnlyDictionary<string, NdArray> Gradients);

/// <summary>Which model's by-hand step to take, by the recipe's name.</summary>
public static class ByHandTraining
{
    /// <summary>
    /// The step of model <paramref name="model"/> with weights <paramref name="w"/> on inputs
    /// <paramref name="x"/> and labels <paramref name="y"/>; <paramref name="masks"/> are the dropout
    /// multipliers torch drew, in the order and shapes of <see cref="DropoutReplay.Shapes"/>.
    /// </summary>
    public static ByHandStep Step(string model, IReadOnlyDictionary<string, NdArray> w, NdArray x, int[] y,
        IReadOnlyList<NdArray> masks) => model switch
    {
        "tiny-cnn" => TinyCnnByHand.Step(w, x, y),
        "seq-sketch" => SeqSketchByHand.Step(w, x, y),
        "seq-cnn" => SeqCnnByHand.Step(w, x, y, masks[0]),
        "seq-gru" => SeqGruByHand.Step(w, x, y, masks[0]),
        "seq-attn" => SeqAttnByHand.Step(w, x, y, masks),
        _ => throw new ArgumentException($"no by-hand training step for model '{model}'", nameof(model)),
    };

    /// <summary>The loss, its gradient at the logits, and the logits: where every backward pass starts.</summary>
    internal static (double Loss, NdArray Gradient) Loss(NdArray logits, int[] y) =>
        (CrossEntropy.Forward(logits, y), CrossEntropy.Backward(logits, y));

    internal static NdArray Vector(float[] values) => new([values.Length], values);
}
