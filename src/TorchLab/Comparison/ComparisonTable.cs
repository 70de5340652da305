using System.Globalization;
using Spectre.Console;

namespace TorchLab.Comparison;

/// <summary>The comparison as a console table, one row per case with PASS/FAIL.</summary>
public static class ComparisonTable
{
    /// <summary>Prints <paramref name="report"/> and a one-line verdict.</summary>
    public static void Print(IAnsiConsole console, ComparisonReport report)
    {
        var table = new Table().AddColumns("case", "input", "output", "max |manual - torch|", "mean |.|", "out min", "out max", "out mean", "tolerance", "result");
        foreach (var c in report.Cases)
            table.AddRow(Markup.Escape(c.Name), Shape(c.InputShape), Shape(c.OutputShape), Number(c.MaxAbsDifference, "0.00E+00"),
                Number(c.MeanAbsDifference, "0.00E+00"), Number(c.OutputMin, "F3"), Number(c.OutputMax, "F3"), Number(c.OutputMean, "F3"),
                Number(c.Tolerance, "0.0E+00"), c.Passed ? "[green]PASS[/]" : "[red]FAIL[/]");
        console.Write(table);
        console.WriteLine(report.AllPassed ? $"All {report.Cases.Count} cases agree with TorchSharp." : "Some cases disagree with TorchSharp.");
    }

    private static string Shape(long[] shape) => string.Join("x", shape);

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
