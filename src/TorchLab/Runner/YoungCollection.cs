using TorchLab.Runs;

namespace TorchLab.Runner;

/// <summary>
/// seq-attn's memory (docs/performance.md, "Issue 27"). TorchSharp's Adam leaves each step's native
/// Scalars to the finalizer, and a step allocates so little managed memory that no collection runs
/// within an epoch. The live Scalars then split glibc's heap between the 3.7 MB attention blocks
/// that seq-attn allocates and frees every step, and its resident memory grows by about one block a
/// step. A young-generation collection after each of its steps hands them to the finalizer at once.
/// The other models allocate no such blocks: their steps run exactly as the loop alone runs them.
/// </summary>
public static class YoungCollection
{
    private static readonly string[] Needed = [ModelRecipe.SeqAttn.Name];

    /// <summary>The loop's onStep for <paramref name="recipe"/>: <paramref name="then"/>, after a young-generation
    /// collection if the recipe needs one.</summary>
    public static Action<int, int, double>? AfterStep(ModelRecipe recipe, Action<int, int, double>? then = null) =>
        !Needed.Contains(recipe.Name) ? then : (epoch, step, loss) =>
        {
            GC.Collect(0);
            then?.Invoke(epoch, step, loss);
        };
}
