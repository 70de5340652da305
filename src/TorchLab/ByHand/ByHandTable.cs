using System.Globalization;
using Spectre.Console;
using TorchLab.Comparison;

namespace TorchLab.ByHand;

/// <summary>
/// The by-hand check as a table in <see cref="ComparisonTable"/>'s style, one row per model, for the console and
/// the report.
/// </summary>
public static class ByHandTable
{
    /// <summary>The column headers, in order; numeric columns are right-aligned.</summary>
    public static IReadOnlyList<(string header, bool numeric)> Columns { get; } =
    [
        ("model", false),
        ("test examples", true),
        ("max abs logit diff", true),
        ("logit scale", true),
        ("max rel diff", true),
        ("tolerance", true),
        ("predictions equal", true),
        ("by hand (s)", true),
        ("result", false),
    ];

    /// <summary>The row of <paramref name="result"/> as plain text; the last cell is PASS or FAIL.</summary>
    public static string[] Cells(ByHandResult result) =>
    [
        result.Model,
        Number(result.Examples, "N0"),
        Number(result.MaxAbsDifference, "0.00E+00"),
        Number(result.LogitScale, "F2"),
        Number(result.MaxRelativeDifference, "0.00E+00"),
        Number(result.Tolerance, "0.0E+00"),
        $"{Number(result.AgreeingPredictions, "N0")}/{Number(result.Examples, "N0")}",
        Number(result.ByHandSeconds, "F2"),
        result.Passed ? "PASS" : "FAIL",
    ];

    /// <summary>Prints the table of <paramref name="results"/> and a one-line verdict.</summary>
    public static void Print(IAnsiConsole console, IReadOnlyList<ByHandResult> results)
    {
        ComparisonTable.Print(console, Columns, results.Select(r => (Cells(r), r.Passed)));
        console.WriteLine(results.All(r => r.Passed)
            ? $"All {results.Count} trained models recomputed by hand: every test prediction equals TorchSharp's."
            : $"By hand, {string.Join(", ", results.Where(r => !r.Passed).Select(r => r.Model))} "
                + "disagree with TorchSharp.");
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
