using System.Globalization;
using Spectre.Console;
using TorchLab.Comparison;

namespace TorchLab.ByHand;

/// <summary>
/// The by-hand training runs as a table in <see cref="ComparisonTable"/>'s style, for the console and
/// the report.
/// </summary>
public static class LockstepTable
{
    /// <summary>The column headers, in order; numeric columns are right-aligned.</summary>
    public static IReadOnlyList<(string header, bool numeric)> Columns { get; } =
    [
        ("model", false),
        ("steps", true),
        ("max loss diff", true),
        ("max rel weight diff", true),
        ("max rel moment diff", true),
        ("test predictions equal", true),
        ("seconds", true),
        ("result", false),
    ];

    /// <summary>The row of <paramref name="result"/> as plain text; the last cell is PASS or FAIL.</summary>
    public static string[] Cells(LockstepResult result) =>
    [
        result.Model,
        $"{Number(result.Steps, "N0")} ({Number((double)result.Steps / result.BatchesPerEpoch, "0.##")} epoch)",
        Number(result.MaxLossDifference, "0.00E+00"),
        Number(result.MaxWeightDifference, "0.00E+00"),
        Number(result.MaxMomentDifference, "0.00E+00"),
        $"{Number(result.Test.AgreeingPredictions, "N0")}/{Number(result.Test.Examples, "N0")}",
        Number(result.Seconds, "F1"),
        result.Passed ? "PASS" : "FAIL",
    ];

    /// <summary>Prints the table of <paramref name="results"/> and a one-line verdict.</summary>
    public static void Print(IAnsiConsole console, IReadOnlyList<LockstepResult> results)
    {
        ComparisonTable.Print(console, Columns, results.Select(r => (Cells(r), r.Passed)));
        console.WriteLine(results.All(r => r.Passed)
            ? $"All {results.Count} models trained by hand in lockstep with TorchSharp: the same losses, "
                + "weights and Adam moments within the tolerances, every test prediction equal."
            : $"Trained by hand, {string.Join(", ", results.Where(r => !r.Passed).Select(r => r.Model))} "
                + "drifted from TorchSharp beyond the tolerance.");
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
