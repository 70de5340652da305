using System.Globalization;
using Spectre.Console;

namespace TorchLab.AgainstPyTorch;

/// <summary>The parity check as a table, one row per model compared, for the console and the report.</summary>
public static class ParityTable
{
    public static IReadOnlyList<(string header, bool numeric)> Columns { get; } =
    [
        ("model", false), ("steps", true), ("largest |diff|, first epochs", true), ("largest |diff|, whole run", true),
        ("first epoch over 1e-5", true), ("test accuracy", true), ("PyTorch 1.13", true), ("test examples apart", true),
    ];

    public static string[] Cells(LossDrift d) =>
    [
        d.Model, d.Differences.Count.ToString(CultureInfo.InvariantCulture),
        $"{Number(d.LargestInFirstEpochs)} (epochs 1-{d.FirstEpochs})", Number(d.Largest),
        d.FirstEpochOverTolerance?.ToString(CultureInfo.InvariantCulture) ?? "none",
        d.TestAccuracy.ToString("P2", CultureInfo.InvariantCulture),
        d.ReferenceTestAccuracy.ToString("P2", CultureInfo.InvariantCulture),
        d.TestExamplesApart == 0 ? "0 (equal)" : $"{d.TestExamplesApart:+0;-0} of {d.TestExamples}",
    ];

    public static void Print(IAnsiConsole console, ParityFindings findings)
    {
        foreach (var (model, reason) in findings.NotCompared)
            console.WriteLine($"{model}: compared with nothing: {reason}.");
        if (findings.Compared.Count == 0) return;
        var table = new Table();
        foreach (var (header, numeric) in Columns)
            table.AddColumn(numeric ? new TableColumn(header).RightAligned() : new TableColumn(header));
        foreach (var d in findings.Compared) table.AddRow([.. Cells(d).Select(cell => new Text(cell))]);
        console.Write(table);
    }

    /// <summary>0 when the two losses were the same float32; otherwise two significant digits.</summary>
    public static string Number(double value) =>
        value == 0 ? "0" : value.ToString("0.0E+00", CultureInfo.InvariantCulture);
}
