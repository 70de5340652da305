using Spectre.Console;
using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using TorchLab.Checkpoints;
using TorchLab.Cli;
using TorchLab.Plotting;
using TorchLab.Storage.Folders;
using TorchLab.Storage.Serialization;
using TorchLab.Training;
using TorchLab.Training.Data;

namespace TorchLab.Commands;

/// <summary>The command line: the whole lab by default, or one of its commands; errors become exit codes.</summary>
public static class LabCli
{
    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter? output = null,
        CancellationToken stop = default, TextWriter? errors = null)
    {
        var root = Commands(console, stop);
        var verbose = root.Options.OfType<Option<bool>>().Single(o => o.Name == LabOptions.VerboseName);

        // Errors go to stderr as one plain line (stdout may be a report someone is reading or piping).
        errors ??= Console.Error;
        void Error(string message) => errors.WriteLine($"error: {Printable(message)}");
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Error(ParseErrors.Describe(parse));
            return ExitCodes.Usage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false,
                Output = output ?? Console.Out, Error = errors });
        }
        // A command that stops between its pieces of work (compare, between cases) throws this
        // before it writes anything.
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            console.WriteLine("Stopped before the work was done; nothing was written.");
            return ExitCodes.Interrupted;
        }
        catch (TypeInitializationException e) when (e.TypeName == "TorchSharp.torch")
        {
            Error(TorchLoadFailure.Describe(e));
            if (parse.GetValue(verbose)) errors.WriteLine(e);
            return ExitCodes.Failure;
        }
        catch (Exception e) when (ExitCodeFor(e) is { } code)
        {
            Error(e switch
            {
                ArgumentException { ParamName: not null } argument =>
                    argument.Message.Replace($" (Parameter '{argument.ParamName}')", ""),
                OutputFolderException => $"--out: {e.Message}",
                TrainingDivergedException => $"{e.Message}; lower the learning rate (--lr) or check the data",
                _ => e.Message,
            });
            if (parse.GetValue(verbose)) errors.WriteLine(e);
            return code;
        }
    }

    /// <summary>The whole command tree, the root (the lab) and every command under it, with their options; tests
    /// walk it to try every option.</summary>
    public static RootCommand Commands(IAnsiConsole console, CancellationToken stop = default)
    {
        var root = new LabCommand(console, stop) { LabOptions.Verbose() };
        root.Add(new InfoCommand(console));
        root.Add(new TrainCommand(console, stop));
        root.Add(new CompareCommand(console, stop));
        root.Add(new BenchCommand(console));
        root.Add(new SummaryCommand(console));
        root.Add(new PredictCommand(console));
        root.Add(new ExplainCommand(console));
        return root;
    }

    // The last guard for the terminal: a message that quotes a file name or an argument should escape it
    // (Excerpt), and one that does not still never sends ESC, a line break or a bidi override raw.
    private static string Printable(string message)
    {
        static bool Hidden(char c) => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format;
        return message.Any(Hidden) ? string.Concat(message.Select(c => Hidden(c) ? $"\\u{(int)c:x4}" : $"{c}"))
            : message;
    }

    // Usage problems (bad values, missing or malformed input: a data file, an image, a .pt file or
    // a checkpoint's entries) are 2; failures of the work are 1.
    private static int? ExitCodeFor(Exception e) => e switch
    {
        UsageException or InvalidSettingException or OutputFolderException or PlotException or ArgumentException
            or DataFormatException or FileNotFoundException or DirectoryNotFoundException
            or InputFileException or PtFormatException or InvalidDataException => ExitCodes.Usage,
        TrainingDivergedException or ExternalException or IOException or UnauthorizedAccessException =>
            ExitCodes.Failure,
        _ => null,
    };
}
