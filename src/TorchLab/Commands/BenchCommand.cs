using Spectre.Console;
using System.CommandLine;
using System.Globalization;
using TorchLab.AgainstPyTorch;
using TorchLab.Cli;
using TorchLab.Runner;
using TorchLab.Runs;
using TorchLab.Storage.Folders;
using TorchLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Commands;

/// <summary>
/// <c>bench</c>: seconds per training epoch for every model, TorchLab beside PyTorch running the
/// same protocol in the same invocation, at one or more thread counts, with the ratios and whether
/// the validation accuracies agree. The two sides alternate (TorchLab, PyTorch, TorchLab, PyTorch)
/// so that the machine's drift lands on both.
/// </summary>
public sealed class BenchCommand : Command
{
    public BenchCommand(IAnsiConsole console) : base("bench", "Time training epochs of every model against " +
        "PyTorch on the same protocol")
    {
        var epochs = LabOptions.Epochs("Timed epochs per model and round, after the warm-up (default 5)");
        var warmup = LabOptions.WholeNumber("--warmup", "Untimed epochs first in every round (default 3)", minimum: 0);
        var rounds = LabOptions.WholeNumber("--rounds", "Alternating rounds of TorchLab then PyTorch per model " +
            "and thread count (default 2)");
        var threads = LabOptions.ThreadCounts($"Torch intra-op thread counts to measure, each for both sides " +
            $"(default: 1 and libtorch's default, {get_num_threads()} here)");
        var device = LabOptions.Device();
        var data = LabOptions.Data();
        var output = new Option<string>("--out") { Description = "Folder for bench.json and bench.png",
            DefaultValueFactory = _ => "out" };
        var models = new Option<string[]>("--models") { Description = "Only these models",
            AllowMultipleArgumentsPerToken = true };
        models.Validators.Add(result => LabOptions.CheckModelNames(result, "--models"));
        foreach (var option in new Option[] { epochs, warmup, rounds, threads, device, data, output, models })
            Add(option);

        SetAction(parse =>
        {
            var dataFolder = DataOption.Check(parse.GetValue(data)!, "digits.csv", "splice.csv");
            var outFolder = OutputFolder.Prepare(parse.GetValue(output)!);
            var target = DeviceChoice.Resolve(parse.GetValue(device)!);
            var (timed, warm, roundCount) = (parse.GetValue(epochs) ?? 5, parse.GetValue(warmup) ?? 3,
                parse.GetValue(rounds) ?? 2);
            // The thread count is process-wide: put it back so in-process callers (tests) are unaffected.
            var threadsBefore = get_num_threads();
            var threadCounts = parse.GetValue(threads) is { Length: > 0 } given ? given.Distinct().ToArray()
                : new[] { 1, threadsBefore }.Distinct().ToArray();
            var chosen = parse.GetValue(models) is { Length: > 0 } names ? ModelRecipe.All.Where(r =>
                names.Contains(r.Name)) : ModelRecipe.All;
            var root = Path.GetDirectoryName(Path.GetFullPath(dataFolder))!;
            var rows = new List<BenchRow>();
            try
            {
                foreach (var recipe in chosen)
                foreach (var threadCount in threadCounts)
                {
                    console.WriteLine($"{recipe.Name}, {threadCount} thread(s): {roundCount} rounds of TorchLab then " +
                        $"PyTorch, {warm} warm-up + {timed} timed epochs each...");
                    set_num_threads(threadCount);
                    var ours = new List<TorchLabRun>();
                    var theirs = new List<ReferenceRun>();
                    string? noPyTorch = null;
                    for (var round = 0; round < roundCount; round++)
                    {
                        ours.Add(TimeTorchLab(recipe, dataFolder, target, warm, warm + timed));
                        var (pytorch, reason) = ReferenceRun.PyTorch(root, recipe.Name, warm + timed,
                            target.type == DeviceType.CUDA ? "cuda" : "cpu", dataFolder, threadCount);
                        if (pytorch is not null)
                            theirs.Add(pytorch with { EpochSeconds = pytorch.EpochSeconds.Skip(warm).ToArray() });
                        noPyTorch ??= reason;
                    }
                    if (noPyTorch is not null) console.WriteLine($"  PyTorch skipped: {noPyTorch}");
                    rows.Add(new BenchRow(recipe.Name, threadCount, EpochTimes.Median(ours.SelectMany(r =>
                        r.Seconds)), ours[^1].ValidAccuracy,
                        ours.Max(r => r.PeakMb), ours[^1].RssGrowth, theirs.Count == roundCount ? theirs : null));
                }
            }
            finally
            {
                set_num_threads(threadsBefore);
            }
            Print(console, rows, target, timed, roundCount);
            BenchOutputs.Write(outFolder, rows, target, timed, warm);
            return ExitCodes.Success;
        });
    }

    private sealed record TorchLabRun(IReadOnlyList<double> Seconds, double ValidAccuracy,
        double PeakMb, double RssGrowth);

    /// <summary>Trains <paramref name="epochs"/> epochs with the protocol; the timed ones are those after <paramref
    /// name="warm"/>.</summary>
    private static TorchLabRun TimeTorchLab(ModelRecipe recipe, string dataFolder, Device device, int warm, int epochs)
    {
        PeakMemory.Reset();
        using var setup = RunSetup.Protocol(recipe, dataFolder, device);
        var seconds = new List<double>();
        var rss = new List<double>();
        var history = TrainingLoop.Fit(setup.Model, setup.Optimizer, setup.Train,
            setup.Valid, epochs, onEpoch: record =>
        {
            if (device.type == DeviceType.CUDA) cuda.synchronize();
            seconds.Add(record.Seconds);
            rss.Add(Environment.WorkingSet);
            return true;
        }, onStep: YoungCollection.AfterStep(recipe));
        return new TorchLabRun(seconds.Skip(warm).ToArray(), history.Epochs[^1].ValidAccuracy, PeakMemory.Megabytes(),
            rss[^1] / rss[Math.Min(4, rss.Count - 1)] - 1);
    }

    private static void Print(IAnsiConsole console, IReadOnlyList<BenchRow> rows, Device device, int timed, int rounds)
    {
        var table = new Table().AddColumns("model", "threads", "TorchLab s/epoch",
            "PyTorch s/epoch", "TorchLab / PyTorch",
            "validation accuracy TorchLab / PyTorch", "peak RSS MB TorchLab / PyTorch", "RSS growth from epoch 5");
        foreach (var r in rows)
            table.AddRow(r.Model, F(r.Threads, "D"), F(r.TorchLabSeconds, "F4"), Optional(r.PyTorchSeconds, "F4"),
                Optional(r.TorchLabSeconds / r.PyTorchSeconds, "F2", "x"),
                $"{F(r.TorchLabAccuracy, "P2")} / {Optional(r.PyTorchAccuracy, "P2")}" +
                    (r.PyTorchAccuracy is { } a && Math.Abs(a - r.TorchLabAccuracy) < 1e-9 ? " (equal)" : ""),
                $"{F(r.TorchLabPeakMb, "F0")} / {Optional(r.PyTorchPeakMb, "F0")}", F(r.RssGrowth, "+0.0%;-0.0%;0.0%"));
        console.Write(table);
        console.WriteLine($"Device {device}, TorchSharp on libtorch {__version__}, PyTorch 1.13 with its own " +
            $"libtorch (Debian's generic BLAS, which flatters the GRU ratio); median of {timed} timed epochs x " +
                $"{rounds} alternating rounds; an epoch includes its validation pass.");
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string F(int value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Optional(double? value, string format, string unit = "") =>
        value is { } v ? F(v, format) + unit : "-";
}
