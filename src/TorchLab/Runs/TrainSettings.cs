using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Runs;

/// <summary>How the learning rate changes from epoch to epoch (TorchSharp's <c>optim.lr_scheduler</c>).</summary>
public enum LrSchedule
{
    None,
    /// <summary>CosineAnnealingLR over the run's epochs, down to 0.</summary>
    Cosine,
    /// <summary>ReduceLROnPlateau on the validation loss: halved after 2 epochs without improvement.</summary>
    Plateau,
}

/// <summary>Everything one training run needs; the CLI maps its options onto this record.</summary>
/// <param name="Patience">Stop after this many epochs without a better validation loss; null trains every
/// epoch.</param>
public sealed record TrainSettings(ModelRecipe Recipe, int Epochs, int BatchSize, double LearningRate, long Seed,
    Device Device, string OutputFolder, string DataFolder, string? ResumeFrom = null, int? Patience = null,
    LrSchedule Schedule = LrSchedule.None, int Threads = 1)
{
    /// <summary>
    /// The most epochs a run may ask for: 100 times the longest protocol (60). The history keeps
    /// every step's loss and each epoch's checkpoint rewrites it, so a run's memory and the
    /// checkpoint's size grow with its epochs.
    /// </summary>
    public const int MaxEpochs = 10_000;

    /// <summary>The recipe's own settings (the lab's protocol), writing to <paramref name="outputFolder"/>.</summary>
    public static TrainSettings For(ModelRecipe recipe, Device device, string outputFolder,
        string dataFolder, long seed = 0) =>
        new(recipe, recipe.Epochs, recipe.BatchSize, recipe.LearningRate, seed, device, outputFolder,
            dataFolder, Threads: recipe.Threads);

    /// <summary>Whether these are the recipe's protocol (so PyTorch's reference accuracy applies to the run).</summary>
    public bool FollowProtocol => Seed == 0 && Epochs == Recipe.Epochs && BatchSize == Recipe.BatchSize
        && LearningRate == Recipe.LearningRate && Patience is null && Schedule == LrSchedule.None
            && Threads == Recipe.Threads;

    /// <summary>The settings under the names a checkpoint stores them, so a resumed run can refuse conflicting
    /// ones.</summary>
    public IReadOnlyDictionary<string, double> ToCheckpoint() => new Dictionary<string, double>
    {
        ["epochs"] = Epochs, ["batch_size"] = BatchSize, ["lr"] = LearningRate, ["seed"] = Seed,
        ["patience"] = Patience ?? 0, ["lr_schedule"] = (int)Schedule, ["threads"] = Threads,
    };
}
