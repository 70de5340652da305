using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// What a learner does with the README's "Lift a file" and docs/lift/README.md: a fresh console project
/// that references only TorchSharp-cpu and ScottPlot, the lifted files (the attention model only compiled
/// beside them) and docs/lift's Program.cs, built and run for 2 epochs.
/// </summary>
public class LiftTests : IDisposable
{
    /// <summary>The files the README tells a learner to copy, in the README's order.</summary>
    public static readonly string[] Lifted =
    [
        "src/Models/TinyCnn.cs", "src/Training/TrainingLoop.cs", "src/Training/History.cs", "src/Training/Batches.cs",
        "src/Plotting/HistoryFigure.cs", "src/Plotting/FigureStyle.cs", "src/Models/SeqAttn.cs",
    ];

    private static readonly string Root = Path.GetDirectoryName(Cli.LabOptions.DefaultDataFolder())!;   // the repository, found from bin/
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_lift_page_shows_the_lift_project_as_it_is()
    {
        var page = File.ReadAllText(Path.Combine(Root, "docs/lift/README.md")).ReplaceLineEndings("\n");
        foreach (var sample in new[] { "docs/lift/Program.cs", "docs/lift/Lift.csproj" })
            Assert.Contains(File.ReadAllText(Path.Combine(Root, sample)).ReplaceLineEndings("\n").TrimEnd(), page);
    }

    [Fact]
    public void The_readme_names_each_lifted_file_with_its_line_count()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");
        foreach (var file in Lifted)
        {
            var lines = File.ReadAllLines(Path.Combine(Root, file)).Length;
            Assert.Matches(new Regex($@"`{Regex.Escape(file)}` \({lines} lines\)"), readme);
        }
    }

    [Fact]
    public void The_lift_project_pins_the_repositorys_package_versions()
    {
        var pinned = XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);
        var references = XDocument.Load(Path.Combine(Root, "docs/lift/Lift.csproj")).Descendants("PackageReference").ToList();
        Assert.Equal(["TorchSharp-cpu", "ScottPlot"], references.Select(r => (string)r.Attribute("Include")!));
        foreach (var reference in references)
            Assert.Equal(pinned[(string)reference.Attribute("Include")!], (string)reference.Attribute("Version")!);
    }

    [Fact]
    public void A_fresh_project_with_only_the_lifted_files_builds_trains_and_draws()
    {
        var project = folder.File("lift");
        Directory.CreateDirectory(project);
        File.Copy(Path.Combine(Root, "docs/lift/Lift.csproj"), Path.Combine(project, "Lift.csproj"));
        File.Copy(Path.Combine(Root, "docs/lift/Program.cs"), Path.Combine(project, "Program.cs"));
        File.Copy(Path.Combine(Root, "build/WeakGlibcxx.targets"), Path.Combine(project, "WeakGlibcxx.targets"));
        foreach (var file in Lifted) File.Copy(Path.Combine(Root, file), Path.Combine(project, Path.GetFileName(file)));

        var build = Dotnet(project, "build", "-c", "Release", "-nologo", "-v", "quiet");
        Assert.True(build.code == 0, $"dotnet build failed:\n{build.output}");
        var run = Dotnet(project, "run", "-c", "Release", "--no-build", "--", Path.Combine(Root, "data", "digits.csv"), "2");
        Assert.True(run.code == 0, $"dotnet run failed:\n{run.output}");

        var losses = Regex.Matches(run.output, @"train loss (\d+\.\d+)").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, losses.Count);
        Assert.True(losses[1] < losses[0], $"the train loss did not fall: {string.Join(" → ", losses)}\n{run.output}");
        var rgb = Images.PngFile.ReadRgb(Path.Combine(project, "loss.png"));
        Assert.True(rgb.GetLength(2) >= 800 && rgb.GetLength(1) >= 300, $"loss.png is {rgb.GetLength(2)}x{rgb.GetLength(1)}");
    }

    private static (int code, string output) Dotnet(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Outside the repository: none of its Directory.Build files, and the SDK's own settings.
        start.Environment.Remove("MSBuildExtensionsPath");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8))) { process.Kill(entireProcessTree: true); return (-1, "timed out after 8 minutes"); }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
