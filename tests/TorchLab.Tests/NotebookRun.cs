using System.Diagnostics;
using System.Text.Json.Nodes;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// One notebook of notebooks/ run headless by the pinned dotnet-repl tool (.config/dotnet-tools.json), its
/// executed copy written to a temporary folder, outside the repository.
/// </summary>
public sealed record NotebookRun(string Name, int ExitCode, JsonArray Cells, string Log)
{
    /// <summary>The repository, found from the test assembly's bin/ folder.</summary>
    public static readonly string Root = Path.GetDirectoryName(Cli.LabOptions.DefaultDataFolder())!;

    /// <summary>Set by ./test.sh, which builds the Release output and restores the tool first.</summary>
    public static bool UnderTestScript => Environment.GetEnvironmentVariable("TORCHLAB_NOTEBOOK_TESTS") == "1";

    public static string ReleaseAssembly => Path.Combine(Root, "src/TorchLab/bin/Release/net10.0/TorchLab.dll");

    /// <summary>Runs <paramref name="notebook"/> (a path) and reads its executed copy back.</summary>
    public static NotebookRun Execute(string notebook, string outputFolder)
    {
        var output = Path.Combine(outputFolder, Path.GetFileName(notebook));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(Root, "notebooks"),   // where the tool manifest is found, as in VS Code
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "tool", "run", "dotnet-repl", "--", "--run", notebook, "--exit-after-run",
                     "--output-path", output })
            start.ArgumentList.Add(argument);
        start.Environment["TORCHLAB_ROOT"] = Root;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        var log = stdout + stderr.Result;
        var cells = File.Exists(output) ? JsonNode.Parse(File.ReadAllText(output))!["cells"]!.AsArray() : [];
        return new(Path.GetFileName(notebook), process.ExitCode, cells, log);
    }

    /// <summary>Every stream line the code cells printed.</summary>
    public IEnumerable<string> Printed => Outputs("stream")
        .SelectMany(o => Text(o["text"]).Split('\n'));

    /// <summary>The inline PNGs, decoded.</summary>
    public IEnumerable<byte[]> Pngs => Cells.SelectMany(c => c!["outputs"]?.AsArray() ?? [])
        .Where(o => o!["data"]?["image/png"] is not null)
        .Select(o => Convert.FromBase64String(Text(o!["data"]!["image/png"])));

    /// <summary>
    /// "notebooks/lab.ipynb, cell 12 (// Why: …): error's first line" for the first cell that failed, or null
    /// when every cell ran; a run that wrote nothing says so with the tool's log.
    /// </summary>
    public string? Failure()
    {
        if (Cells.Count == 0) return $"notebooks/{Name}: no executed copy (exit code {ExitCode}): {Log}";
        for (var i = 0; i < Cells.Count; i++)
        {
            var error = (Cells[i]!["outputs"]?.AsArray() ?? []).FirstOrDefault(o => (string?)o!["output_type"] == "error");
            if (error is null) continue;
            var why = Text(Cells[i]!["source"]).Split('\n')[0];
            return $"notebooks/{Name}, cell {i + 1} ({why}): {((string?)error["evalue"] ?? "").Split('\n')[0]}";
        }
        return ExitCode == 0 ? null : $"notebooks/{Name}: exit code {ExitCode} with no failed cell: {Log}";
    }

    private IEnumerable<JsonNode> Outputs(string type) => Cells.SelectMany(c => c!["outputs"]?.AsArray() ?? [])
        .Where(o => (string?)o!["output_type"] == type).Select(o => o!);

    // nbformat stores text as one string or as a list of lines.
    private static string Text(JsonNode? node) => node is JsonArray lines
        ? string.Concat(lines.Select(l => (string?)l))
        : (string?)node ?? "";
}
