using TorchLab.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Explanation;

/// <summary><c>explain</c>'s work: one method's attributions for a list of inputs, with the logits the view shows.
/// </summary>
public static class InputExplanations
{
    // Inputs per forward pass for the logits: bounds the activations of a long file.
    private const int BatchSize = 256;

    /// <summary>
    /// Explains <paramref name="examples"/> (each of <paramref name="shape"/>, flattened) for the classes
    /// <paramref name="targets"/>; <paramref name="predicted"/> is the model's own class for each. The model is in
    /// eval mode; <paramref name="steps"/> is integrated gradients' number of intervals.
    /// </summary>
    public static IReadOnlyList<InputExplanation> Of(nn.Module<Tensor, Tensor> model, AttributionMethod method,
        LabData data, IReadOnlyList<(string Source, float[] Example)> examples, long[] shape,
        IReadOnlyList<int> targets, IReadOnlyList<int> predicted, int steps = Attributions.DefaultSteps)
    {
        using var scope = NewDisposeScope();
        var x = tensor(examples.SelectMany(e => e.Example).ToArray(), [examples.Count, .. shape]);   // (N, ...shape)
        var target = tensor(targets.Select(t => (long)t).ToArray());                                 // (N)
        Tensor map;
        Tensor? delta = null;
        if (method == AttributionMethod.IntegratedGradients)
            (map, delta) = Attributions.Integrated(model, x, target, data, steps);
        else
            map = Attributions.Of(method, model, x, target, data, steps);
        var values = map.flatten(1).data<float>().ToArray();                                         // N·E
        var deltas = delta?.data<float>().ToArray();
        var (logits, baseline) = Logits(model, x, target);
        var elements = values.Length / examples.Count;
        return [.. examples.Select((e, i) => new InputExplanation(e.Source, e.Example, shape, targets[i], predicted[i],
            logits[i], baseline[i], values[(i * elements)..((i + 1) * elements)], deltas?[i]))];
    }

    // The target's logit for each input and for the blank baseline, float32 (the forward pass is right in float32).
    private static (float[] Inputs, float[] Baseline) Logits(nn.Module<Tensor, Tensor> model, Tensor x, Tensor target)
    {
        using var noGrad = no_grad();
        var picked = new List<float>();
        for (long start = 0; start < x.shape[0]; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(BatchSize, x.shape[0] - start);
            picked.AddRange(model.call(x.narrow(0, start, count))
                .gather(1, target.narrow(0, start, count).view(-1, 1)).data<float>());                // (B)
        }
        using var blank = NewDisposeScope();
        var atBaseline = model.call(Attributions.Baseline(x)).squeeze(0).data<float>().ToArray();   // (classes)
        var targets = target.data<long>().ToArray();
        return ([.. picked], [.. targets.Select(t => atBaseline[t])]);
    }
}
