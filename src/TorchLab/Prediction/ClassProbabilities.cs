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
    public static float[][] Of(nn.Module<Tensor, Tensor> model, IReadOnlyList<PredictionInput> inputs, long[] shape)
    {
        var rows = new List<float[]>(inputs.Count);
        using var noGrad = no_grad();
        for (var start = 0; start < inputs.Count; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            var batch = inputs.Skip(start).Take(BatchSize).ToList();
            var x = tensor(batch.SelectMany(i => i.Example).ToArray(), [batch.Count, .. shape]);   // (N, ...shape)
            var probabilities = nn.functional.softmax(model.call(x), 1);                            // (N, classes)
            var classes = (int)probabilities.shape[1];
            var flat = probabilities.data<float>().ToArray();
            for (var i = 0; i < batch.Count; i++) rows.Add(flat[(i * classes)..((i + 1) * classes)]);
        }
        return rows.ToArray();
    }

    /// <summary>The index of the most probable class (the first of equals).</summary>
    public static int Predicted(float[] probabilities) => Array.IndexOf(probabilities, probabilities.Max());
}
