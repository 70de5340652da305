using Spectre.Console;
using TorchLab.Commands;

namespace TorchLab.TorchLab.Tests;

/// <summary>Runs the program's command line in-process with a captured, plain console.</summary>
internal static class CliRunner
{
    public static (int exitCode, string output) Run(params string[] args) => Run(CancellationToken.None, args);

    /// <summary>Runs <paramref name="args"/> as Ctrl+C would stop it when <paramref name="stop"/> is cancelled.</summary>
    public static (int exitCode, string output) Run(CancellationToken stop, params string[] args)
    {
        var writer = new StringWriter();
        return (Run(args, writer, writer, stop), writer.ToString());
    }

    /// <summary>Runs <paramref name="args"/> with standard output and standard error kept apart.</summary>
    public static (int exitCode, string stdout, string stderr) RunSplit(params string[] args) => RunSplit(default, args);

    /// <summary>Runs <paramref name="args"/> with <paramref name="stop"/> as the Ctrl+C/SIGTERM token.</summary>
    public static (int exitCode, string stdout, string stderr) RunSplit(CancellationToken stop, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        return (Run(args, stdout, stderr, stop), stdout.ToString(), stderr.ToString());
    }

    private static int Run(string[] args, StringWriter writer, StringWriter errors, CancellationToken stop = default)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return LabCli.Run(args, console, writer, stop, errors);
    }
}

/// <summary>A fresh temporary folder per test, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("torchlab-cli-").FullName;

    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
