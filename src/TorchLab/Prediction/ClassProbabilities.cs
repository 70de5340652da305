using TorchLab.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Prediction;

/// <summary>What a model says about each input: the softmax of its logits.</summary>
public static class ClassProbabilities
{
    // Batches bound the activations of a long file (the GRU keeps every position's output).
    private const int BatchSize = 256;

    /// <summary>
    /// One row per input of <paramref name="shape"/>: each class's probability, in the order of
    /// the model's outputs. The model should be in eval mode (dropout off), as TrainedModel leaves it.
    /// </summary>
    /// <exception cref="NonFiniteOutputException">The model's logits or probabilities for an input are not finite
    /// (inf or NaN), naming the first such input.</exception>
    public static float[][] Of(nn.Module<Tensor, Tensor> model, IReadOnlyList<PredictionInput> inputs, long[] shape)
    {
        var rows = new List<float[]>(inputs.Count);
        using var noGrad = no_grad();
        for (var start = 0; start < inputs.Count; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            var batch = inputs.Skip(start).Take(BatchSize).ToList();
            var x = tensor(batch.SelectMany(i => i.Example).ToArray(), [batch.Count, .. shape]);   // (N, ...shape)
            var logits = model.call(x);                                                                // (N, classes)
            var probabilities = nn.functional.softmax(logits, 1);                                      // (N, classes)
            CheckFinite(logits, probabilities, batch);
            var classes = (int)probabilities.shape[1];
            var flat = probabilities.data<float>().ToArray();
            for (var i = 0; i < batch.Count; i++) rows.Add(flat[(i * classes)..((i + 1) * classes)]);
        }
        return rows.ToArray();
    }

    // Finite weights can still overflow float32 (weights of 1e30 give logits of ±inf, and softmax
    // then NaN), and an argmax over NaN names a class the model never chose.
    private static void CheckFinite(Tensor logits, Tensor probabilities, IReadOnlyList<PredictionInput> batch)
    {
        var bad = logits.isfinite().logical_not().any(1)
            .logical_or(probabilities.isfinite().logical_not().any(1));   // (N,): an input with any such class
        if (!bad.any().item<bool>()) return;
        var first = (int)bad.nonzero()[0, 0].item<long>();
        var values = string.Join(", ", logits[first].data<float>().ToArray().Select(v =>
            v.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)));
        throw new NonFiniteOutputException($"the model's logits for input '{Excerpt.Of(batch[first].Source)}' are " +
            $"{values}, so it has no probabilities");
    }

    /// <summary>The index of the most probable class (the first of equals).</summary>
    public static int Predicted(float[] probabilities) => Array.IndexOf(probabilities, probabilities.Max());
}
