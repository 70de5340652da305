using Spectre.Console;
using System.Globalization;
using TorchLab.Runs;

namespace TorchLab.Inspection;

/// <summary>
/// A <see cref="LayerSummary"/> as a table: its header and cells, written once for the console
/// (<see cref="Print"/>) and for the markdown of report.md.
/// </summary>
public static class LayerTable
{
    /// <summary>The column headers, in order; numeric columns are right-aligned.</summary>
    public static IReadOnlyList<(string header, bool numeric)> Columns { get; } =
    [
        ("layer", false), ("type", false), ("output shape", false), ("parameters", true),
        ("mean", true), ("std", true), ("min", true), ("max", true), ("zeros", true),
    ];

    /// <summary>The cells of <paramref name="row"/>; "zeros" is empty but for a ReLU.</summary>
    public static string[] Cells(LayerRow row) =>
    [
        row.Name,
        row.Type,
        Shape(row.OutputShape),
        Count(row.Parameters),
        Number(row.Mean),
        Number(row.Std),
        Number(row.Min),
        Number(row.Max),
        row.ZeroFraction is { } zeros ? (zeros * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : "",
    ];

    /// <summary>The last row: the model's parameter count.</summary>
    public static string[] TotalCells(LayerSummary summary) =>
        ["total", "", "", Count(summary.TotalParameters), "", "", "", "", ""];

    /// <summary>The shape as torchinfo writes it, batch first: <c>[64, 8, 8, 8]</c>.</summary>
    public static string Shape(long[] shape) => $"[{string.Join(", ", shape)}]";

    public static void Print(IAnsiConsole console, LayerSummary summary)
    {
        var table = new Table();
        foreach (var (header, numeric) in Columns)
            table.AddColumn(numeric ? new TableColumn(header).RightAligned() : new TableColumn(header));
        // Text, not Markup: shapes hold brackets.
        foreach (var row in summary.Rows) table.AddRow([.. Cells(row).Select(cell => new Text(cell))]);
        table.AddRow([.. TotalCells(summary).Select(cell => new Text(cell, new Style(decoration: Decoration.Bold)))]);
        console.Write(table);
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
