using Spectre.Console;
using TorchLab.Cli;

// Redirected output (CI logs, files) gets plain text and a wide table instead of colours
// and an 80-column wrap.
var console = AnsiConsole.Create(new AnsiConsoleSettings
{
    Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
    ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
});
if (Console.IsOutputRedirected) console.Profile.Width = 160;

// Ctrl+C asks the running command to stop at the next step boundary (its checkpoint stays
// valid); a second Ctrl+C ends the process at once.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (stop.IsCancellationRequested) return;
    e.Cancel = true;
    stop.Cancel();
};
return LabCli.Run(args, console, stop: stop.Token);
