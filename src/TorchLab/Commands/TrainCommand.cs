using Spectre.Console;
using System.CommandLine;
using TorchLab.Checkpoints;
using TorchLab.Cli;
using TorchLab.Outputs;
using TorchLab.Reports;
using TorchLab.Runner;
using TorchLab.Runs;
using TorchLab.Storage.Folders;
using TorchSharp;

namespace TorchLab.Commands;

/// <summary><c>train MODEL</c>: trains one model with the shared loop and writes its run folder.</summary>
public sealed class TrainCommand : Command
{
    public TrainCommand(IAnsiConsole console, CancellationToken stop) : base("train",
        "Train one model and write history, metrics, figures and weights")
    {
        var model = LabOptions.Model("The model to train");
        var epochs = LabOptions.Epochs("Epochs to train (default: the model's recipe)");
        var batchSize = LabOptions.WholeNumber("--batch-size", SettingRange.BatchSize,
            "Examples per batch (default 64)");
        var learningRate = LabOptions.Number("--lr", SettingRange.LearningRate,
            "Adam learning rate (default: the model's recipe)");
        var seed = LabOptions.Seed();
        var device = LabOptions.Device();
        var data = LabOptions.Data();
        var output = new Option<string?>("--out") { Description = "Output folder (default out/MODEL)" };
        var resume = new Option<string?>("--resume") { Description = "Continue from a " +
            "checkpoint.pt written by an earlier run" };
        var patience = LabOptions.WholeNumber("--patience", SettingRange.Patience,
            "Stop after this many epochs without a better validation loss (default: train every epoch)");
        var schedule = LabOptions.Schedule();
        var threads = LabOptions.Threads();
        Add(model);
        foreach (var option in new Option[] { epochs, batchSize, learningRate, patience, schedule, seed, device,
            threads, data, output, resume })
            Add(option);

        SetAction(parse =>
        {
            var recipe = ModelRecipe.Find(parse.GetValue(model)!)!;
            var resumeFrom = parse.GetValue(resume);
            if (resumeFrom is not null && !File.Exists(resumeFrom))
                throw new UsageException($"--resume: checkpoint '{resumeFrom}' not found");
            // A resumed run writes next to its checkpoint unless told otherwise; a killed run's
            // checkpoint in its staging folder continues that run's folder.
            var outFolder = parse.GetValue(output) ?? (resumeFrom is null ? Path.Combine("out", recipe.Name)
                : RunFolder.OwnerOf(Path.GetDirectoryName(Path.GetFullPath(resumeFrom))!));
            var settings = new TrainSettings(recipe, parse.GetValue(epochs) ?? recipe.Epochs,
                parse.GetValue(batchSize) ?? recipe.BatchSize,
                parse.GetValue(learningRate)
                    ?? recipe.LearningRate, parse.GetValue(seed), DeviceChoice.Resolve(parse.GetValue(device)!),
                outFolder, DataOption.Check(parse.GetValue(data)!,
                    recipe.DataFile), resumeFrom, parse.GetValue(patience), parse.GetValue(schedule),
                parse.GetValue(threads) ?? recipe.Threads);
            if (resumeFrom is not null)
            {
                var given = new Option[] { epochs, batchSize, learningRate, seed, patience, schedule,
                    threads }.Where(o => parse.GetResult(o) is { Implicit: false })
                    .Select(o => o.Name).ToHashSet();
                settings = ResumedSettings.Reconcile(settings, given, resumeFrom);
            }
            var result = new TrainingProgress(console).Run(progress =>
                TrainingRun.Execute(settings, progress, stop, LabReport.WriteRun));
            if (result is null)
            {
                console.WriteLine($"Stopped before the first epoch finished; nothing was written, and " +
                    $"{settings.OutputFolder} is as it was.");
                return ExitCodes.Interrupted;
            }
            if (!result.Interrupted) return ExitCodes.Success;
            // Past the console's wrapping, so the command stays one line that can be copied.
            console.Profile.Out.Writer.WriteLine($"Stopped; the last finished epoch is saved. Continue with: " +
                $"{ResumeCommand(settings, parse.GetValue(data)!)}");
            return ExitCodes.Interrupted;
        });
    }

    // The whole command, so following the hint continues this run and not a default one.
    private static string ResumeCommand(TrainSettings s, string data) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"train {s.Recipe.Name} --epochs {s.Epochs} --batch-size {s.BatchSize} --lr " +
                $"{s.LearningRate}{(s.Patience is { } p ? $" --patience {p}" : "")} --lr-schedule " +
                    $"{s.Schedule.ToString().ToLowerInvariant()} --seed {s.Seed} --device {s.Device} --threads " +
                        $"{s.Threads} --data {ShellQuote.Of(data)} --out {ShellQuote.Of(s.OutputFolder)} --resume " +
                            $"{ShellQuote.Of(Path.Combine(s.OutputFolder, RunOutputs.CheckpointFile))}");
}
