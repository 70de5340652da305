using System.Globalization;
using Spectre.Console;

namespace TorchLab.Explanation;

/// <summary>A few console lines on what <see cref="ExplanationRun"/> computed.</summary>
public static class ExplanationSummary
{
    public static void Print(IAnsiConsole console, ExplanationFindings found)
    {
        void Line(params FormattableString[] parts) =>
            console.WriteLine(string.Concat(parts.Select(part => part.ToString(CultureInfo.InvariantCulture))));
        var even = JunctionScores.Even(JunctionScores.Donor, 60);
        foreach (var model in found.Sequences)
        {
            var ig = model.Of(AttributionMethod.IntegratedGradients);
            Line($"{model.Model}, integrated gradients of the true class over {ig.Sequences} test sequences: ",
                $"GT at 31-32 holds {ig.DonorMass:P1} of EI's attribution, AG at 29-30 {ig.AcceptorMass:P1} of IE's ",
                $"(evenly {even:P1}); EI's strongest position in 27-34: {ig.DonorPeak:P0}.");
            Checks(Line, model.Checks);
            var times = model.Times.Select(t => FormattableString.Invariant($"{t.step} {t.seconds:F1} s"));
            Line($"  {model.Seconds:F1} s in all: {string.Join(", ", times)}.");
        }
        if (found.Digits is { } digits)
        {
            Line($"{digits.Model}: integrated gradients of {digits.Digits} test digits, each class's mean map.");
            Checks(Line, digits.Checks);
            Line($"  ({digits.Seconds:F1} s)");
        }
        foreach (var (_, path) in found.Figures) Line($"  {path}");
        Line($"Why the models decided: {found.Seconds:F1} s.");
    }

    private static void Checks(Action<FormattableString[]> line, ModelChecks checks)
    {
        var finite = checks.FiniteDifference;
        var last = checks.Completeness[^1];
        var flagged = checks.Randomisation.Where(r => r.BarelyChanges).Select(r => r.Method.Name()).ToList();
        line([$"  checks on {checks.Inputs} test inputs: finite differences {finite.MaxRelativeError:G2} ",
            $"(tolerance {finite.Tolerance:G2}, {(finite.Passed ? "passed" : "FAILED")}); ",
            $"completeness error {last.MaxRelativeError:P2} at {last.Steps} steps",
            checks.MutagenesisAgreement is { } agreement
                ? (FormattableString)$"; mutagenesis ~ input x gradient rho {agreement.Mean:F2}"
                : $"",
            $"; randomised model: ",
            flagged.Count == 0
                ? (FormattableString)$"every map changes"
                : $"{string.Join(", ", flagged)} barely change{(flagged.Count == 1 ? "s" : "")}",
            $"."]);
    }
}
