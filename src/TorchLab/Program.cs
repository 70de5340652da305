using Spectre.Console;
using TorchLab.Cli;

// Ctrl+C asks the running command to stop at the next step boundary (its checkpoint stays
// valid); a second Ctrl+C ends the process at once.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (stop.IsCancellationRequested) return;
    e.Cancel = true;
    stop.Cancel();
};
return LabCli.Run(args, AnsiConsole.Console, stop: stop.Token);
