using Spectre.Console;
using System.CommandLine;
using TorchLab.Cli;
using TorchLab.Inspection;
using TorchLab.Runs;
using static TorchSharp.torch;

namespace TorchLab.Commands;

/// <summary>
/// <c>summary MODEL [--weights FILE]</c>: every layer's output shape and parameter count from a
/// real forward pass, and what its output looks like on the first batch of the test set.
/// </summary>
public sealed class SummaryCommand : Command
{
    public SummaryCommand(IAnsiConsole console) : base("summary", "Print each layer's output shape, parameters and " +
        "output statistics on one test batch")
    {
        var model = LabOptions.Model("The model to summarise");
        var weights = new Option<string?>("--weights") { Description = "A run folder or a .pt state dict (TorchLab's " +
            "model.pt or PyTorch's); without it, the model as initialised for --seed" };
        var seed = LabOptions.Seed();
        var data = LabOptions.Data();
        Add(model);
        foreach (var option in new Option[] { weights, seed, data }) Add(option);

        SetAction(parse =>
        {
            var recipe = ModelRecipe.Find(parse.GetValue(model)!)!;
            var (path, seedValue) = (parse.GetValue(weights), parse.GetValue(seed));
            // The split and the initialisation in training's order (RunSetup): data, then seed, then model.
            var test = recipe.LoadData(DataOption.Check(parse.GetValue(data)!, recipe.DataFile), seedValue).Test;
            using var scope = NewDisposeScope();
            var (batch, _) = test.Rows(0, Math.Min(recipe.BatchSize, test.Count)).ToTensors();
            using var module = path is null ? Fresh(recipe, seedValue) : WeightsOption.Load(recipe, path, "summary");
            var summary = LayerSummary.Of(module, batch);
            console.WriteLine(path is null
                ? $"{recipe.Name} as initialised with seed {seedValue} (no --weights), on the first {batch.shape[0]} " +
                    $"test rows of {recipe.DataFile}:"
                : $"{recipe.Name} with the weights of {path}, on the first {batch.shape[0]} " +
                    $"test rows of {recipe.DataFile}:");
            LayerTable.Print(console, summary);
            // Shown, not refused: where the values stop being finite is what summary is asked to show.
            if (summary.Rows.FirstOrDefault(r => !new[] { r.Mean, r.Std, r.Min, r.Max }.All(double.IsFinite)) is
                { } overflow)
                console.WriteLine($"{overflow.Name}'s outputs are not finite (inf or NaN) on these rows: the weights " +
                    $"overflow float32 from that layer on, and predict refuses them.");
            return ExitCodes.Success;
        });
    }

    private static nn.Module<Tensor, Tensor> Fresh(ModelRecipe recipe, long seed)
    {
        manual_seed(seed);
        return recipe.Create();
    }
}
