using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TorchLab.Comparison;
using TorchLab.Images;
using TorchLab.Manual;
using TorchLab.Runner;
using TorchLab.Runs;
using TorchLab.Training;

namespace TorchLab.TorchLab.Tests;

/// <summary>Both notebooks run once for the class, headless, into a temporary folder.</summary>
public sealed class ExecutedNotebooks : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly Lazy<NotebookRun> convLayer, lab;

    public ExecutedNotebooks()
    {
        PackagesBefore = Packages();
        convLayer = new(() => NotebookRun.Execute(Path.Combine(NotebookRun.Root, "notebooks/conv-layer.ipynb"), Folder));
        lab = new(() => NotebookRun.Execute(Path.Combine(NotebookRun.Root, "notebooks/lab.ipynb"), Folder));
    }

    public string Folder => folder.Path;

    /// <summary>The user's NuGet packages folder (NUGET_PACKAGES, or ~/.nuget/packages).</summary>
    public static string PackagesFolder => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
        ? set : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Every file of <see cref="PackagesFolder"/> with its size, before any notebook ran.</summary>
    public IReadOnlyDictionary<string, long> PackagesBefore { get; }

    /// <summary>Every file of <see cref="PackagesFolder"/> with its size, now.</summary>
    public static IReadOnlyDictionary<string, long> Packages() => !Directory.Exists(PackagesFolder)
        ? new Dictionary<string, long>()
        : Directory.EnumerateFiles(PackagesFolder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(PackagesFolder, f), f => new FileInfo(f).Length);
    public NotebookRun ConvLayer => convLayer.Value;
    public NotebookRun Lab => lab.Value;

    public void Dispose() => folder.Dispose();
}

/// <summary>
/// notebooks/*.ipynb executed as a learner runs them: every cell must run (a checking cell throws on a wrong
/// value), the figures must be inline, and the numbers they print must be the console lab's for the same inputs.
/// </summary>
public class NotebookTests(ExecutedNotebooks notebooks) : IClassFixture<ExecutedNotebooks>
{
    [Fact]
    public void Every_cell_of_conv_layer_runs() => RequireOrSkip(() => notebooks.ConvLayer);

    [Fact]
    public void Every_cell_of_lab_runs() => RequireOrSkip(() => notebooks.Lab);

    [Fact]
    public void The_lab_notebook_shows_the_feature_map_and_the_loss_curve_inline()
    {
        var run = RequireOrSkip(() => notebooks.Lab);
        var sizes = run.Pngs.Select(png => PngFile.ReadHeader(WriteTemp(png))).ToList();
        Assert.Equal(3, sizes.Count);   // the toy square and its edge map, the loss curve, the digit
        Assert.All(sizes, header => Assert.True(header is { Width: > 300, Height: > 300 }, $"{header}"));
    }

    [Fact]
    public void Running_the_notebooks_writes_nothing_into_the_NuGet_packages_folder()
    {
        // `#r "nuget: TorchSharp-cpu"` would fail on Debian 12 and copy ~478 MB of natives there; the notebooks
        // reference the Release build instead, so the folder must be as the restore before the run left it.
        RequireOrSkip(() => notebooks.ConvLayer);
        RequireOrSkip(() => notebooks.Lab);
        var after = ExecutedNotebooks.Packages();
        var changed = after.Where(f => !notebooks.PackagesBefore.TryGetValue(f.Key, out var size) || size != f.Value)
            .Select(f => f.Key).Order().ToList();
        Assert.True(changed.Count == 0, $"{changed.Count} files added or changed in {ExecutedNotebooks.PackagesFolder}"
            + $" while the notebooks ran, e.g. {string.Join(", ", changed.Take(5))}");
        Assert.True(after.Count >= notebooks.PackagesBefore.Count, "files were removed from the packages folder");
    }

    [Fact]
    public void The_toy_edge_map_is_the_console_labs()
    {
        var run = RequireOrSkip(() => notebooks.Lab);
        var line = run.Printed.Single(l => l.StartsWith("edge map: "));
        var lab = HandVsTorch.EdgeFilter("toy", HandVsTorch.ToyImage(0)).Manual.Data;   // compare's toy case, seed 0
        Assert.Equal($"edge map: 14x14, min = {Number(lab.Min())}, max = {Number(lab.Max())}", line);
    }

    [Fact]
    public void The_short_run_s_losses_are_the_labs_loop_with_the_same_seed_and_settings()
    {
        var run = RequireOrSkip(() => notebooks.Lab);
        var printed = run.Printed.Where(l => l.StartsWith("epoch ")).Select(l => Regex.Match(l,
            @"train loss = (\S+), validation loss = (\S+),")).Select(m => (Parse(m.Groups[1].Value),
            Parse(m.Groups[2].Value))).ToList();
        var settings = TrainSettings.For(ModelRecipe.TinyCnn, TorchSharp.torch.CPU, "", DataFiles.Folder) with { Epochs = 5 };
        using var setup = RunSetup.For(settings);
        var history = TrainingLoop.Fit(setup.Model, setup.Optimizer, setup.Train, setup.Valid, settings.Epochs);
        Assert.Equal(5, printed.Count);
        for (var e = 0; e < 5; e++)
        {
            // Another process with the same seed: equal up to libtorch's float32 summation order.
            Assert.True(Math.Abs(printed[e].Item1 - history.Epochs[e].TrainLoss) <= 1e-6,
                $"epoch {e + 1} train loss: notebook {printed[e].Item1}, lab {history.Epochs[e].TrainLoss}");
            Assert.True(Math.Abs(printed[e].Item2 - history.Epochs[e].ValidLoss) <= 1e-6,
                $"epoch {e + 1} validation loss: notebook {printed[e].Item2}, lab {history.Epochs[e].ValidLoss}");
        }
    }

    [Fact]
    public void The_ihc_layer_s_difference_is_the_console_labs()
    {
        var run = RequireOrSkip(() => notebooks.ConvLayer);
        var match = Regex.Match(run.Printed.Single(l => l.StartsWith("output [1, 4, 508, 508]")),
            @"largest difference = (\S+), scale = (\S+)$");
        var rgb = PngFile.ReadRgb(DataFiles.File("ihc.png"));
        var image = new NdArray([3, 512, 512], rgb.Cast<float>().ToArray());
        var (layer, _, _) = HandVsTorch.Layer("ihc", image, 4, 5, seed: 0);   // compare's ihc case, seed 0
        var manual = layer.Manual.Data;
        var torch = layer.LibTorch.Data;
        Assert.Equal(Number(torch.Max(Math.Abs)), match.Groups[2].Value);
        Assert.Equal(Number(manual.Zip(torch, (a, b) => Math.Abs(a - b)).Max()), match.Groups[1].Value);
    }

    [Fact]
    public void A_wrong_expected_value_fails_the_run_naming_the_notebook_and_the_cell()
    {
        RequireOrSkip(() => notebooks.Lab);
        var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(NotebookRun.Root, "notebooks/lab.ipynb")))!;
        var cells = notebook["cells"]!.AsArray();
        var index = cells.Select((c, i) => (c, i)).Single(p => p.c!.ToJsonString().Contains("response[9] == 1")).i;
        // Only the setup and the step sequence's cells, so the run takes seconds; the rise expected one place late.
        var kept = cells.Take(index + 1).Select(c => c!.DeepClone()).ToList();
        kept[index] = JsonNode.Parse(kept[index]!.ToJsonString().Replace("response[9] == 1", "response[10] == 1"))!;
        notebook["cells"] = new JsonArray([.. kept]);
        var copy = Path.Combine(notebooks.Folder, "wrong", "lab.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.WriteAllText(copy, notebook.ToJsonString());
        var run = NotebookRun.Execute(copy, Directory.CreateDirectory(Path.Combine(notebooks.Folder, "wrong-out")).FullName);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal($"notebooks/lab.ipynb, cell {index + 1} (// Why: a check: the rise is at position 9, the fall "
            + "at 14, and nothing else responds.): System.Exception: check failed: expected +1 at 9 and -1 at 14 only, got "
            + "0 0 0 0 0 0 0 0 0 1 0 0 0 0 -1 0 0 0 0 0 0 0 0 0", run.Failure());
    }

    /// <summary>
    /// The run, failed with its notebook, cell and error when a cell failed. Outside ./test.sh, a missing
    /// Release build or tool is a skip that says how to get them; under ./test.sh, which provides both, a failure.
    /// </summary>
    private static NotebookRun RequireOrSkip(Func<NotebookRun> run)
    {
        if (!NotebookRun.UnderTestScript && !File.Exists(NotebookRun.ReleaseAssembly))
            Assert.Skip("the notebooks use the Release build: run ./test.sh, or `dotnet build src/TorchLab -c Release`"
                + " and `dotnet tool restore` first");
        var result = run();
        if (!NotebookRun.UnderTestScript && result.Log.Contains("Cannot find a tool"))
            Assert.Skip("dotnet-repl is not restored: run ./test.sh, or `dotnet tool restore` first");
        Assert.True(result.Failure() is null, result.Failure());
        return result;
    }

    private static string Number(float value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private string WriteTemp(byte[] png)
    {
        var path = Path.Combine(notebooks.Folder, $"inline-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, png);
        return path;
    }
}
