using Spectre.Console;
using System.CommandLine;
using TorchLab.Cli;
using TorchLab.Comparison;
using TorchLab.Storage.Folders;

namespace TorchLab.Commands;

/// <summary>
/// <c>compare</c>: hand-written convolutions against TorchSharp's conv1d/conv2d on the course's
/// examples and two real images, attention against scaled_dot_product_attention and
/// nn.MultiheadAttention, and the backward passes against autograd; prints a table with PASS/FAIL
/// per case and draws the feature maps.
/// Ctrl+C or SIGTERM stops it between cases, before any figure is written.
/// </summary>
public sealed class CompareCommand : Command
{
    public CompareCommand(IAnsiConsole console, CancellationToken stop)
        : base("compare", "Compare hand-written convolutions, attention and their gradients with TorchSharp's "
            + "and draw the feature maps")
    {
        var seed = LabOptions.Seed();
        var data = LabOptions.Data();
        var output = new Option<string>("--out") { Description = "Folder for the figures", DefaultValueFactory = _ =>
            Path.Combine("out", "compare") };
        foreach (var option in new Option[] { seed, data, output }) Add(option);
        SetAction(parse =>
        {
            var report = ComparisonRun.Run(DataOption.Check(parse.GetValue(data)!, "ihc.png",
                "microaneurysms.png", "splice.csv"),
                OutputFolder.Prepare(parse.GetValue(output)!), parse.GetValue(seed), stop);
            ComparisonTable.Print(console, report);
            return report.AllPassed ? ExitCodes.Success : ExitCodes.Failure;
        });
    }
}
