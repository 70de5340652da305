using Spectre.Console;
using System.Runtime.InteropServices;
using TorchLab.Cli;
using TorchLab.Commands;

// Ctrl+C and SIGTERM ask the running command to stop at the next step boundary (its checkpoint
// stays valid); a second Ctrl+C ends the process at once. A run stopped by SIGTERM exits 143.
// The handlers come first, so a signal during start-up finds them, and the source is never
// disposed: a handler can still run after the command has returned, while the process shuts
// down, and must find a live source (Cancel on a disposed one throws, and that crashed).
var stop = new CancellationTokenSource();
var terminated = false;
Console.CancelKeyPress += (_, e) =>
{
    if (stop.IsCancellationRequested) return;
    e.Cancel = true;
    stop.Cancel();
};
var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    Volatile.Write(ref terminated, true);
    stop.Cancel();
});

// Redirected output (CI logs, files) gets plain text and a wide table instead of colours
// and an 80-column wrap.
var console = AnsiConsole.Create(new AnsiConsoleSettings
{
    Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
    ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
});
if (Console.IsOutputRedirected) console.Profile.Width = 160;

var code = LabCli.Run(args, console, stop: stop.Token);
// A registration the collector finalizes is unregistered, and SIGTERM would kill the process
// outright; it must stay reachable until the end.
GC.KeepAlive(sigterm);
return code == ExitCodes.Interrupted && Volatile.Read(ref terminated) ? ExitCodes.Terminated : code;
