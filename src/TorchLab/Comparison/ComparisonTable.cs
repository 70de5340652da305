using System.Globalization;
using Spectre.Console;

namespace TorchLab.Comparison;

/// <summary>
/// The comparison as a table, one row per case with PASS/FAIL: its header and cells, written once
/// for the console (<see cref="Print"/>) and for the lab report's markdown.
/// </summary>
public static class ComparisonTable
{
    /// <summary>The column headers, in order; numeric columns are right-aligned.</summary>
    public static IReadOnlyList<(string header, bool numeric)> Columns { get; } =
    [
        ("case", false),
        ("input", false),
        ("output", false),
        ("max abs diff", true),
        ("mean abs diff", true),
        ("out min", true),
        ("out max", true),
        ("out mean", true),
        ("tolerance", true),
        ("result", false),
    ];

    /// <summary>
    /// The row of <paramref name="check"/> as plain text, one cell per column; the last is PASS or FAIL.
    /// </summary>
    public static string[] Cells(CaseCheck check) =>
    [
        check.Name,
        Shape(check.InputShape),
        Shape(check.OutputShape),
        Number(check.MaxAbsDifference, "0.00E+00"),
        Number(check.MeanAbsDifference, "0.00E+00"),
        Number(check.OutputMin, "F3"),
        Number(check.OutputMax, "F3"),
        Number(check.OutputMean, "F3"),
        Number(check.Tolerance, "0.0E+00"),
        check.Passed ? "PASS" : "FAIL",
    ];

    /// <summary>Prints the table of <paramref name="findings"/> and a one-line verdict.</summary>
    public static void Print(IAnsiConsole console, ComparisonFindings findings)
    {
        Print(console, Columns, findings.Cases.Select(check => (Cells(check), check.Passed)));
        console.WriteLine(findings.AllPassed
            ? $"All {findings.Cases.Count} cases agree with TorchSharp."
            : "Some cases disagree with TorchSharp.");
    }

    /// <summary>
    /// Any PASS/FAIL table in this style (the by-hand check uses it too): numeric columns
    /// right-aligned, the last cell of a row green or red.
    /// </summary>
    public static void Print(
        IAnsiConsole console,
        IReadOnlyList<(string header, bool numeric)> columns,
        IEnumerable<(string[] cells, bool passed)> rows)
    {
        var table = new Table();
        foreach (var (header, numeric) in columns)
            table.AddColumn(numeric ? new TableColumn(header).RightAligned() : new TableColumn(header));
        foreach (var (cells, passed) in rows)   // Text, not Markup: case names hold brackets ("[-1, 1] filter").
        {
            var verdict = new Text(cells[^1], new Style(passed ? Color.Green : Color.Red));
            table.AddRow([.. cells[..^1].Select(cell => new Text(cell)), verdict]);
        }
        console.Write(table);
    }

    private static string Shape(int[] shape) => string.Join("x", shape);

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
