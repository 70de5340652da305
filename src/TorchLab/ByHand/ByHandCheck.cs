using System.Diagnostics;
using TorchLab.Manual;
using TorchLab.Runs;
using TorchLab.Training.Data;
using static TorchSharp.torch;

namespace TorchLab.ByHand;

/// <summary>
/// Recomputes a model's test set by hand (<see cref="ByHandForward"/>) and compares the logits and
/// predictions with TorchSharp's own forward pass of the same weights in eval and inference mode.
/// </summary>
public static class ByHandCheck
{
    /// <summary>
    /// Checks <paramref name="model"/> (built by <paramref name="recipe"/>) on every example of
    /// <paramref name="test"/>.
    /// </summary>
    public static ByHandResult Run(ModelRecipe recipe, nn.Module<Tensor, Tensor> model, LabeledData test) =>
        Compare(recipe, model, ByHandForward.Weights(model), test);

    /// <summary>
    /// As <see cref="Run"/>, but the by-hand side uses <paramref name="weights"/>, so a test can
    /// hand it weights that differ from the model's and see the check fail.
    /// </summary>
    public static ByHandResult Compare(
        ModelRecipe recipe,
        nn.Module<Tensor, Tensor> model,
        IReadOnlyDictionary<string, NdArray> weights,
        LabeledData test)
    {
        float[] expected;
        model.eval();
        using (inference_mode())
        using (NewDisposeScope())
        {
            var (features, _) = test.ToTensors(model.parameters().First().device);
            expected = model.call(features).cpu().contiguous().data<float>().ToArray();
        }

        var clock = Stopwatch.StartNew();
        var manual = ByHandForward.Logits(recipe, weights, ByHandForward.Inputs(test));
        var seconds = clock.Elapsed.TotalSeconds;

        if (manual.Data.Length != expected.Length)
            throw new InvalidOperationException(
                $"{recipe.Name}: by hand gave logits {manual.ShapeText}, TorchSharp {expected.Length} values");
        var classes = manual.Shape[1];
        var (difference, scale, agreeing) = (0.0, 0.0, 0);
        for (var n = 0; n < test.Count; n++)
        {
            for (var c = 0; c < classes; c++)
            {
                var (a, b) = (manual.Data[n * classes + c], expected[n * classes + c]);
                difference = Math.Max(difference, Math.Abs((double)a - b));
                scale = Math.Max(scale, Math.Abs(b));
            }
            if (ArgMax(manual.Data, n, classes) == ArgMax(expected, n, classes)) agreeing++;
        }
        return new ByHandResult(
            recipe.Name,
            test.Count,
            difference,
            scale,
            ByHandResult.RelativeTolerance,
            agreeing,
            seconds);
    }

    // The first largest, as torch.argmax breaks ties.
    private static int ArgMax(float[] logits, int row, int classes)
    {
        var best = 0;
        for (var c = 1; c < classes; c++)
            if (logits[row * classes + c] > logits[row * classes + best]) best = c;
        return best;
    }
}
