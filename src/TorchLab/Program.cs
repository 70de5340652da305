using Spectre.Console;
using System.Runtime.InteropServices;
using TorchLab.Cli;

// Redirected output (CI logs, files) gets plain text and a wide table instead of colours
// and an 80-column wrap.
var console = AnsiConsole.Create(new AnsiConsoleSettings
{
    Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
    ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
});
if (Console.IsOutputRedirected) console.Profile.Width = 160;

// Ctrl+C and SIGTERM ask the running command to stop at the next step boundary (its checkpoint
// stays valid); a second Ctrl+C ends the process at once. A run stopped by SIGTERM exits 143.
using var stop = new CancellationTokenSource();
var terminated = false;
Console.CancelKeyPress += (_, e) =>
{
    if (stop.IsCancellationRequested) return;
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    terminated = true;
    stop.Cancel();
});
var code = LabCli.Run(args, console, stop: stop.Token);
return code == ExitCodes.Interrupted && terminated ? ExitCodes.Terminated : code;
