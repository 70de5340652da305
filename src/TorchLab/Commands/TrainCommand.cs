using System.CommandLine;
using Spectre.Console;
using TorchLab.Cli;
using TorchLab.Runs;

namespace TorchLab.Commands;

/// <summary><c>train MODEL</c>: trains one model with the shared loop and writes its run folder.</summary>
public sealed class TrainCommand : Command
{
    /// <summary>Creates the command; output goes to <paramref name="console"/>, Ctrl+C arrives through <paramref name="stop"/>.</summary>
    public TrainCommand(IAnsiConsole console, CancellationToken stop) : base("train", "Train one model and write history, metrics, figures and weights")
    {
        var model = new Argument<string>("model") { Description = $"The model: {string.Join(", ", ModelRecipe.All.Select(r => r.Name))}" };
        model.AcceptOnlyFromAmong(ModelRecipe.All.Select(r => r.Name).ToArray());
        var epochs = new Option<int?>("--epochs") { Description = "Epochs to train (default: the model's recipe)" };
        var batchSize = new Option<int?>("--batch-size") { Description = "Examples per batch (default 64)" };
        var learningRate = new Option<double?>("--lr") { Description = "Adam learning rate (default: the model's recipe)" };
        var seed = LabOptions.Seed();
        var device = LabOptions.Device();
        var data = LabOptions.Data();
        var output = new Option<string?>("--out") { Description = "Output folder (default out/MODEL)" };
        var resume = new Option<string?>("--resume") { Description = "Continue from a checkpoint.pt written by an earlier run" };
        epochs.Validators.Add(r => Positive(r, "--epochs", r.GetValueOrDefault<int?>()));
        batchSize.Validators.Add(r => Positive(r, "--batch-size", r.GetValueOrDefault<int?>()));
        learningRate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } lr && !(lr > 0 && double.IsFinite(lr))) r.AddError($"--lr must be a positive number, got {lr}");
        });
        Add(model);
        foreach (var option in new Option[] { epochs, batchSize, learningRate, seed, device, data, output, resume })
            Add(option);

        SetAction(parse =>
        {
            var recipe = ModelRecipe.Find(parse.GetValue(model)!)!;
            var resumeFrom = parse.GetValue(resume);
            if (resumeFrom is not null && !File.Exists(resumeFrom)) throw new UsageException($"--resume: checkpoint '{resumeFrom}' not found");
            var settings = new TrainSettings(recipe, parse.GetValue(epochs) ?? recipe.Epochs, parse.GetValue(batchSize) ?? recipe.BatchSize,
                parse.GetValue(learningRate) ?? recipe.LearningRate, parse.GetValue(seed), DeviceChoice.Resolve(parse.GetValue(device)!),
                OutputFolder.Prepare(parse.GetValue(output) ?? Path.Combine("out", recipe.Name)), DataFolder.Check(parse.GetValue(data)!, recipe.DataFile), resumeFrom);
            var result = new TrainingProgress(console).Run(progress => TrainingRun.Execute(settings, progress, stop));
            if (result.Completed) return ExitCodes.Success;
            console.WriteLine($"Stopped; the last finished epoch is saved. Continue with: train {recipe.Name} --resume {Path.Combine(settings.OutputFolder, TrainingRun.CheckpointFile)}");
            return ExitCodes.Interrupted;
        });
    }

    private static void Positive(System.CommandLine.Parsing.OptionResult result, string name, int? value)
    {
        if (value is <= 0) result.AddError($"{name} must be a positive whole number, got {value}");
    }
}
