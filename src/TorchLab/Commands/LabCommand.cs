using System.CommandLine;
using Spectre.Console;
using TorchLab.Cli;
using TorchLab.Comparison;
using TorchLab.Inspection;
using TorchLab.Reports;
using TorchLab.Runs;
using TorchSharp;

namespace TorchLab.Commands;

/// <summary>
/// The root command: with no command named it runs the whole lab — compare manual against
/// libtorch convolutions, train the four models with the lab's protocol, write out/report.md.
/// </summary>
public sealed class LabCommand : RootCommand
{
    public LabCommand(IAnsiConsole console, CancellationToken stop)
        : base("TorchLab: convolutions by hand and with TorchSharp, a tiny CNN and sequence models trained with one loop, and a lab report")
    {
        var seed = LabOptions.Seed();
        var device = LabOptions.Device();
        var data = LabOptions.Data();
        var output = new Option<string>("--out") { Description = "Output folder for every run, the figures and report.md", DefaultValueFactory = _ => "out" };
        var models = new Option<string[]>("--models") { Description = "Train only these models", AllowMultipleArgumentsPerToken = true };
        models.Validators.Add(result => LabOptions.CheckModelNames(result, "--models"));
        var epochs = LabOptions.WholeNumber("--epochs", "Override every model's epochs (for a quick run; the report then differs from the protocol)");
        var threads = LabOptions.Threads();
        foreach (var option in new Option[] { seed, device, threads, data, output, models, epochs }) Add(option);

        SetAction(parse =>
        {
            var outFolder = OutputFolder.Prepare(parse.GetValue(output)!);
            var dataFolder = DataFolder.Check(parse.GetValue(data)!, "digits.csv", "splice.csv", "ihc.png", "microaneurysms.png");
            var target = DeviceChoice.Resolve(parse.GetValue(device)!);
            var chosen = parse.GetValue(models) is { Length: > 0 } names ? ModelRecipe.All.Where(r => names.Contains(r.Name)).ToList() : ModelRecipe.All.ToList();

            console.Write(new Rule("[bold]1. Manual convolutions against TorchSharp[/]").LeftJustified());
            var comparison = ComparisonRun.Run(dataFolder, Path.Combine(outFolder, "compare"), parse.GetValue(seed));
            ComparisonTable.Print(console, comparison);

            console.Write(new Rule("[bold]2. Training[/]").LeftJustified());
            var runs = new List<RunResult>();
            var progress = new TrainingProgress(console);
            foreach (var recipe in chosen)
            {
                var settings = TrainSettings.For(recipe, target, Path.Combine(outFolder, recipe.Name), dataFolder, parse.GetValue(seed))
                    with { Epochs = parse.GetValue(epochs) ?? recipe.Epochs, Threads = parse.GetValue(threads) ?? recipe.Threads };
                var result = progress.Run(p => TrainingRun.Execute(settings, p, stop, LabReport.WriteRun));
                if (result is null || result.Interrupted)
                {
                    console.WriteLine(result is null
                        ? $"Stopped before {recipe.Name}'s first epoch finished; {settings.OutputFolder} is as it was, and the report was not written."
                        : $"Stopped; {settings.OutputFolder} holds {recipe.Name}'s last finished epoch, and the report was not written.");
                    return ExitCodes.Interrupted;
                }
                runs.Add(result);
            }

            console.Write(new Rule("[bold]3. What the models learned[/]").LeftJustified());
            var learned = LearnedInspection.Run(outFolder, dataFolder, parse.GetValue(seed), runs);
            LearnedSummary.Print(console, learned);

            console.Write(new Rule("[bold]4. Report[/]").LeftJustified());
            var report = LabReport.Write(outFolder, comparison, runs, learned);
            console.WriteLine($"Report: {report}");
            return comparison.AllPassed ? ExitCodes.Success : ExitCodes.Failure;
        });
    }
}
