using System.CommandLine;
using System.Runtime.InteropServices;
using Spectre.Console;
using TorchLab.Cli;
using TorchLab.Torch;

namespace TorchLab.Commands;

/// <summary><c>info</c>: the session facts a report needs (the course's sessionInfo()).</summary>
public sealed class InfoCommand : Command
{
    /// <summary>Creates the command; output goes to <paramref name="console"/>.</summary>
    public InfoCommand(IAnsiConsole console) : base("info", "Print libtorch version, devices, threads and .NET version")
    {
        SetAction(_ =>
        {
            var table = new Table().AddColumns("", "");
            table.HideHeaders();
            foreach (var (key, value) in Facts()) table.AddRow(Markup.Escape(key), Markup.Escape(value));
            console.Write(table);
            return ExitCodes.Success;
        });
    }

    /// <summary>The facts as key/value pairs, also used by reports and metrics files.</summary>
    public static IEnumerable<(string key, string value)> Facts()
    {
        yield return ("TorchLab", typeof(InfoCommand).Assembly.GetName().Version?.ToString() ?? "?");
        yield return ("libtorch", torch.__version__);
        yield return ("runtime", RuntimeInformation.FrameworkDescription);
        yield return ("OS", RuntimeInformation.OSDescription);
        yield return ("CPU cores", Environment.ProcessorCount.ToString());
        yield return ("torch threads", torch.get_num_threads().ToString());
        yield return ("CUDA available", torch.cuda.is_available() ? $"yes, {torch.cuda.device_count()} device(s)" : "no");
        for (var gpu = 0; gpu < torch.cuda.device_count(); gpu++)
        {
            var (free, total) = torch.cuda.mem_get_info(gpu);
            yield return ($"cuda:{gpu}", $"{torch.cuda.get_device_name(gpu)}, {total / 1073741824.0:F1} GiB ({free / 1073741824.0:F1} GiB free)");
        }
        yield return ("default device", torch.cuda.is_available() ? "cuda" : "cpu");
    }
}
