using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TorchLab.Cli;
using TorchLab.Bench;
using TorchLab.Runs;
using TorchLab.Plotting;
using TorchSharp;
using TorchLab.Training;
using static TorchSharp.torch;

namespace TorchLab.Commands;

/// <summary>
/// <c>bench</c>: seconds per training epoch for every model, TorchLab beside PyTorch running the
/// same protocol in the same invocation, with the ratios and whether the accuracies agree.
/// </summary>
public sealed class BenchCommand : Command
{

    /// <summary>Creates the command.</summary>
    public BenchCommand(IAnsiConsole console) : base("bench", "Time training epochs of every model against PyTorch on the same protocol")
    {
        var epochs = LabOptions.WholeNumber("--epochs", "Timed epochs per model, after the warm-up (default 5)");
        var warmup = LabOptions.WholeNumber("--warmup", "Untimed epochs first (default 3)", minimum: 0);
        var threads = LabOptions.WholeNumber("--threads", "Torch intra-op threads for TorchLab and for PyTorch (default 1)");
        var device = LabOptions.Device();
        var data = LabOptions.Data();
        var output = new Option<string>("--out") { Description = "Folder for bench.json and bench.png", DefaultValueFactory = _ => "out" };
        var models = new Option<string[]>("--models") { Description = "Only these models", AllowMultipleArgumentsPerToken = true };
        models.Validators.Add(result => LabOptions.CheckModelNames(result, "--models"));
        foreach (var option in new Option[] { epochs, warmup, threads, device, data, output, models }) Add(option);

        SetAction(parse =>
        {
            var dataFolder = DataFolder.Check(parse.GetValue(data)!, "digits.csv", "splice.csv");
            var outFolder = OutputFolder.Prepare(parse.GetValue(output)!);
            var target = DeviceChoice.Resolve(parse.GetValue(device)!);
            var (timed, warm, threadCount) = (parse.GetValue(epochs) ?? 5, parse.GetValue(warmup) ?? 3, parse.GetValue(threads) ?? 1);
            var chosen = parse.GetValue(models) is { Length: > 0 } names ? ModelRecipe.All.Where(r => names.Contains(r.Name)) : ModelRecipe.All;
            var root = Path.GetDirectoryName(Path.GetFullPath(dataFolder))!;
            var rows = new List<BenchRow>();
            // The thread count is process-wide: put it back so in-process callers (tests) are unaffected.
            var threadsBefore = get_num_threads();
            set_num_threads(threadCount);
            try
            {
                foreach (var recipe in chosen)
                {
                    console.WriteLine($"{recipe.Name}: {warm} warm-up + {timed} timed epochs in TorchLab, then in PyTorch...");
                    PeakMemory.Reset();
                    var (seconds, accuracy, rss) = TimeTorchLab(recipe, dataFolder, target, warm + timed);
                    var peak = PeakMemory.Megabytes();
                    var (pytorch, noPyTorch) = ReferenceRun.PyTorch(root, recipe.Name, warm + timed, target.type == DeviceType.CUDA ? "cuda" : "cpu", dataFolder, threadCount);
                    if (noPyTorch is not null) console.WriteLine($"  PyTorch skipped: {noPyTorch}");
                    rows.Add(new BenchRow(recipe.Name, EpochTimes.Median(seconds.Skip(warm)), accuracy, peak, rss[^1] / rss[Math.Min(4, rss.Count - 1)] - 1,
                        Timed(pytorch, warm)));
                }
                Print(console, rows, target);
                BenchOutputs.Write(outFolder, rows, target, timed, warm);
            }
            finally
            {
                set_num_threads(threadsBefore);
            }
            return ExitCodes.Success;
        });
    }

    /// <summary>Trains <paramref name="epochs"/> epochs; returns each epoch's seconds and resident memory, and the final accuracy.</summary>
    private static (List<double> seconds, double accuracy, List<double> rss) TimeTorchLab(ModelRecipe recipe, string dataFolder, Device device, int epochs)
    {
        using var setup = RunSetup.Protocol(recipe, dataFolder, device);
        var seconds = new List<double>();
        var rss = new List<double>();
        var history = TrainingLoop.Fit(setup.Model, setup.Optimizer, setup.TrainLoader, setup.TestLoader,
            new FitOptions
            {
                Epochs = epochs,
                OnEpoch = (record, _) =>
                {
                    if (device.type == DeviceType.CUDA) cuda.synchronize();
                    seconds.Add(record.Seconds);
                    rss.Add(Environment.WorkingSet);
                    return true;
                },
            });
        return (seconds, history.Last.ValidAccuracy, rss);
    }

    private static ReferenceRun? Timed(ReferenceRun? run, int warm) => run is null ? null : run with { EpochSeconds = run.EpochSeconds.Skip(warm).ToArray() };

    private static void Print(IAnsiConsole console, IReadOnlyList<BenchRow> rows, Device device)
    {
        var table = new Table().AddColumns("model", "TorchLab s/epoch", "PyTorch s/epoch", "TorchLab / PyTorch",
            "accuracy TorchLab / PyTorch", "peak RSS MB TorchLab / PyTorch", "RSS growth from epoch 5");
        foreach (var r in rows)
            table.AddRow(r.Model, F(r.TorchLabSeconds, "F4"), Optional(r.PyTorchSeconds, "F4"),
                Optional(r.TorchLabSeconds / r.PyTorchSeconds, "F2", "x"),
                $"{F(r.TorchLabAccuracy, "P2")} / {Optional(r.PyTorch?.TestAccuracy, "P2")}{(r.PyTorch?.TestAccuracy is { } a && Math.Abs(a - r.TorchLabAccuracy) < 1e-9 ? " (equal)" : "")}",
                $"{F(r.TorchLabPeakMb, "F0")} / {Optional(r.PyTorch?.PeakRssMegabytes, "F0")}", F(r.RssGrowth, "+0.0%;-0.0%;0.0%"));
        console.Write(table);
        console.WriteLine($"Device {device}, torch threads {get_num_threads()}, TorchSharp on libtorch {__version__}, PyTorch's own libtorch; median of the timed epochs; an epoch includes its test pass.");
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Optional(double? value, string format, string unit = "") => value is { } v ? F(v, format) + unit : "-";
}
