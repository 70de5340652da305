using System.CommandLine;
using Spectre.Console;
using TorchLab.Cli;
using TorchLab.Reports;

namespace TorchLab.Commands;

/// <summary><c>info</c>: TorchSharp and libtorch versions, devices, threads and the .NET version.</summary>
public sealed class InfoCommand : Command
{
    public InfoCommand(IAnsiConsole console) : base("info", "Print TorchSharp and libtorch versions, " +
        "devices, threads and .NET version")
    {
        SetAction(_ =>
        {
            var table = new Table().AddColumns("", "");
            table.HideHeaders();
            foreach (var (key, value) in SessionFacts.All()) table.AddRow(Markup.Escape(key), Markup.Escape(value));
            console.Write(table);
            return ExitCodes.Success;
        });
    }
}
