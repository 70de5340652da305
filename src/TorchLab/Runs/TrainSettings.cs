using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Runs;

/// <summary>Everything one training run needs; the CLI maps its options onto this record.</summary>
public sealed record TrainSettings(ModelRecipe Recipe, int Epochs, int BatchSize, double LearningRate, long Seed, Device Device,
    string OutputFolder, string DataFolder, string? ResumeFrom = null)
{
    /// <summary>The recipe's own settings (the lab's protocol), writing to <paramref name="outputFolder"/>.</summary>
    public static TrainSettings For(ModelRecipe recipe, Device device, string outputFolder, string dataFolder, long seed = 0) =>
        new(recipe, recipe.Epochs, recipe.BatchSize, recipe.LearningRate, seed, device, outputFolder, dataFolder);
}
