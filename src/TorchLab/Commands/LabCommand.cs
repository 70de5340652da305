using Spectre.Console;
using System.CommandLine;
using TorchLab.Checkpoints;
using TorchLab.Cli;
using TorchLab.Comparison;
using TorchLab.Explanation;
using TorchLab.Inspection;
using TorchLab.Outputs;
using TorchLab.AgainstPyTorch;
using TorchLab.Reports;
using TorchLab.Plotting;
using TorchLab.Runner;
using TorchLab.Runs;
using TorchLab.Storage.Folders;
using TorchLab.ByHand;
using TorchSharp;

namespace TorchLab.Commands;

/// <summary>
/// The root command: with no command named it runs the whole lab — compare manual against
/// libtorch convolutions, train the four models with the lab's protocol, write out/report.md.
/// </summary>
public sealed class LabCommand : RootCommand
{
    public LabCommand(IAnsiConsole console, CancellationToken stop)
        : base("TorchLab: convolutions by hand and with TorchSharp, a tiny CNN and sequence models trained " +
            "with one loop, and a lab report")
    {
        var seed = LabOptions.Seed();
        var device = LabOptions.Device();
        var data = LabOptions.Data();
        var output = new Option<string>("--out") { Description = "Output folder for every run, the figures and " +
            "report.md", DefaultValueFactory = _ => "out" };
        var models = new Option<string[]>("--models") { Description = "Train only these models",
            AllowMultipleArgumentsPerToken = true };
        models.Validators.Add(result => LabOptions.CheckModelNames(result, "--models"));
        var epochs = LabOptions.Epochs("Override every model's epochs (for a quick run; the report " +
            "then differs from the protocol)");
        var threads = LabOptions.Threads();
        foreach (var option in new Option[] { seed, device, threads, data, output, models, epochs }) Add(option);

        SetAction(parse =>
        {
            var dataFolder = DataOption.Check(parse.GetValue(data)!, "digits.csv", "splice.csv",
                "ihc.png", "microaneurysms.png");
            var target = DeviceChoice.Resolve(parse.GetValue(device)!);
            var chosen = parse.GetValue(models) is { Length: > 0 } names ? ModelRecipe.All.Where(r =>
                names.Contains(r.Name)).ToList() : ModelRecipe.All.ToList();

            // The lab is one transaction: every phase writes under outFolder, the staging folder,
            // and only the commit after the report replaces the earlier lab in --out.
            var outName = parse.GetValue(output)!;
            using var lab = RunFolder.Begin(outName, LabOutputs.Layout);
            if (lab.RemovedStaging is { } stale)
                console.WriteLine($"Removed {stale}, the unfinished files of a lab that was killed.");
            var outFolder = lab.Staging;
            if (LabOutputs.CarryOver(lab.Target, outFolder, chosen) is { Count: > 0 } carried)
                console.WriteLine($"Kept from the earlier lab in {outName}, not trained again: " +
                    $"{string.Join(", ", carried)}.");

            console.Write(
                new Rule("[bold]1. Manual convolutions and attention, and their gradients, against TorchSharp[/]")
                    .LeftJustified());
            var comparison = ComparisonRun.Run(dataFolder, Path.Combine(outFolder,
                LabOutputs.Compare), parse.GetValue(seed), stop);
            ComparisonTable.Print(console, comparison);

            // The phases after training do not stop part-way; a stop asked for during one ends the lab after it, before
            // the commit.
            bool Stopped()
            {
                if (!stop.IsCancellationRequested) return false;
                console.WriteLine($"Stopped after training; the earlier lab in {outName} is as it was, and " +
                    $"nothing of this one was kept.");
                return true;
            }

            console.Write(new Rule("[bold]2. Training[/]").LeftJustified());
            var runs = new List<RunResult>();
            var progress = new TrainingProgress(console, folder => Path.Combine(outName,
                Path.GetRelativePath(outFolder, folder)));
            foreach (var recipe in chosen)
            {
                var settings = TrainSettings.For(recipe, target, Path.Combine(outFolder, recipe.Name),
                    dataFolder, parse.GetValue(seed))
                    with { Epochs = parse.GetValue(epochs) ?? recipe.Epochs,
                        Threads = parse.GetValue(threads) ?? recipe.Threads };
                var result = progress.Run(p => TrainingRun.Execute(settings, p, stop, LabReport.WriteRun));
                if (result is null || result.Interrupted)
                {
                    console.WriteLine($"Stopped during {recipe.Name}'s training; the earlier lab in {outName} is as " +
                        $"it was, and nothing of this one was kept.");
                    return ExitCodes.Interrupted;
                }
                runs.Add(result);
            }
            console.WriteLine("Every step's train loss against PyTorch 1.13's run of the same protocol:");
            var parity = ParityCheck.Run(outFolder, LabOutputs.Parity, runs);
            ParityTable.Print(console, parity);

            console.Write(new Rule("[bold]3. The trained models by hand[/]").LeftJustified());
            var byHand = RecomputeByHand(console, runs);
            if (Stopped()) return ExitCodes.Interrupted;

            console.Write(new Rule("[bold]4. Training by hand[/]").LeftJustified());
            var trainedByHand = TrainByHand(console, runs, dataFolder, parse.GetValue(seed), outFolder);
            if (Stopped()) return ExitCodes.Interrupted;

            console.Write(new Rule("[bold]5. What the models learned[/]").LeftJustified());
            var learned = LearnedInspection.Run(outFolder, LabOutputs.Inspect, dataFolder, parse.GetValue(seed), runs,
                TrainedModel.Load);
            LearnedSummary.Print(console, learned);
            if (Stopped()) return ExitCodes.Interrupted;

            console.Write(new Rule("[bold]6. Why the models decided[/]").LeftJustified());
            var explained = ExplanationRun.Run(outFolder, LabOutputs.Explain, dataFolder, parse.GetValue(seed), runs,
                TrainedModel.Load);
            ExplanationSummary.Print(console, explained);
            if (Stopped()) return ExitCodes.Interrupted;

            console.Write(new Rule("[bold]7. Report[/]").LeftJustified());
            LabReport.Write(outFolder, comparison, runs, byHand, learned, parity, trainedByHand,
                $"{LabOutputs.Compare}/{LabReport.TrainingByHandFigure}", explained);
            lab.Commit();
            console.WriteLine($"Report: {Path.Combine(outName, LabOutputs.Report)}");
            return comparison.AllPassed && byHand.All(r => r.Passed) && trainedByHand.All(r => r.Passed)
                ? ExitCodes.Success
                : ExitCodes.Failure;
        });
    }

    // Each run's saved model.pt (the weights its test accuracy came from) on its whole test set.
    private static IReadOnlyList<ByHandResult> RecomputeByHand(IAnsiConsole console, IReadOnlyList<RunResult> runs)
    {
        var results = new List<ByHandResult>();
        foreach (var run in runs)
        {
            var recipe = run.Settings.Recipe;
            using var model = TrainedModel.Load(recipe, run.Settings.OutputFolder);
            results.Add(ByHandCheck.Run(recipe, model,
                recipe.LoadData(run.Settings.DataFolder, run.Settings.Seed).Test));
        }
        ByHandTable.Print(console, results);
        return results;
    }

    // Each trained model's first steps again, TorchSharp and by hand in lockstep, and their loss figure.
    private static IReadOnlyList<LockstepResult> TrainByHand(IAnsiConsole console, IReadOnlyList<RunResult> runs,
        string dataFolder, long seed, string outFolder)
    {
        var results = runs
            .Select(run => run.Settings.Recipe)
            .Select(recipe => LockstepRun.Run(recipe, dataFolder, LockstepRun.LabSteps(recipe), seed))
            .ToList();
        LockstepTable.Print(console, results);
        if (results.Count > 0)
            LockstepLossFigure.SavePng(Path.Combine(outFolder, LabOutputs.Compare, LabReport.TrainingByHandFigure),
                [.. results.Select(r => new LockstepLosses(r.Model, r.TorchLosses, r.HandLosses))]);
        return results;
    }
}
