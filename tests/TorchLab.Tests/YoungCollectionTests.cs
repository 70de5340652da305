using TorchLab.Runner;
using TorchLab.Runs;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// seq-attn's memory fix is a collection after each of its steps, and nothing else: the other
/// models get the loop's onStep untouched (docs/performance.md, "Issue 27").
/// </summary>
public class YoungCollectionTests
{
    [Fact]
    public void The_other_models_get_their_step_hook_unchanged()
    {
        Action<int, int, double> progress = (_, _, _) => { };
        foreach (var recipe in ModelRecipe.All.Where(r => r != ModelRecipe.SeqAttn))
        {
            Assert.Same(progress, YoungCollection.AfterStep(recipe, progress));
            Assert.Null(YoungCollection.AfterStep(recipe));
        }
    }

    [Fact]
    public void A_seq_attn_step_runs_a_young_generation_collection_then_the_hook()
    {
        var seen = new List<(int, int, double)>();
        var hook = YoungCollection.AfterStep(ModelRecipe.SeqAttn, (epoch, step, loss) => seen.Add((epoch, step, loss)));
        Assert.NotNull(hook);
        var before = GC.CollectionCount(0);
        hook(2, 7, 0.5);
        Assert.True(GC.CollectionCount(0) > before, "no young-generation collection ran");
        Assert.Equal([(2, 7, 0.5)], seen);
        var alone = YoungCollection.AfterStep(ModelRecipe.SeqAttn)!;
        before = GC.CollectionCount(0);
        alone(1, 1, 1.0);
        Assert.True(GC.CollectionCount(0) > before, "no young-generation collection ran without a hook");
    }
}
