using TorchLab.Runs;
using static TorchSharp.torch;
using static TorchLab.Checkpoints.CheckpointEntries;

namespace TorchLab.Checkpoints;

/// <summary>
/// Whose run a checkpoint continues, asked of its weights before anything else: another model's
/// checkpoint would otherwise be refused for a detail that hides the cause (tiny-cnn's 21 step losses
/// an epoch are not seq-sketch's 29), as <c>predict</c> names the owner of another model's weights.
/// </summary>
internal static class CheckpointOwner
{
    /// <summary>Refuses <paramref name="state"/> when its weights are another of the lab's models', naming both;
    /// weights of no lab model are left to <see cref="Checkpoint.Load"/>, which names the keys that do not
    /// fit.</summary>
    /// <exception cref="InvalidDataException">The checkpoint is another model's.</exception>
    public static void Check(string path, IReadOnlyDictionary<string, Tensor> state, ModelRecipe recipe)
    {
        var shapes = state.Where(kv => kv.Key.StartsWith(Model, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[Model.Length..], kv => kv.Value.shape);
        if (Fits(recipe, shapes)) return;
        var owner = ModelRecipe.All.FirstOrDefault(other => other != recipe && Fits(other, shapes));
        if (owner is not null)
            throw new InvalidDataException($"{path} is {owner.Name}'s checkpoint, not {recipe.Name}'s: its weights " +
                $"are a {owner.Name} model's (continue it with train {owner.Name} --resume)");
    }

    // The names and shapes of the recipe's state dict.
    private static bool Fits(ModelRecipe recipe, IReadOnlyDictionary<string, long[]> shapes)
    {
        // A new model draws its initial weights from the global generator, which a run's seed has set.
        using var rng = get_rng_state();
        using var model = recipe.Create();
        set_rng_state(rng);
        var own = model.state_dict();
        return own.Count == shapes.Count && own.All(kv =>
            shapes.TryGetValue(kv.Key, out var shape) && shape.SequenceEqual(kv.Value.shape));
    }
}
