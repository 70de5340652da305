using System.Globalization;
using TorchLab.AgainstPyTorch;

namespace TorchLab.Reports;

/// <summary>The report's paragraphs on parity with PyTorch: what is exact, what drifts and by how much.</summary>
public static class ParitySection
{
    public static IEnumerable<string> Lines(ParityFindings parity)
    {
        yield return "### Every step against PyTorch";
        yield return "";
        foreach (var (model, reason) in parity.NotCompared)
            yield return $"- {model} is compared with nothing: {reason}.";
        if (parity.NotCompared.Count > 0) yield return "";
        if (parity.Figure is null) yield break;

        yield return $"![Per-step train loss difference from PyTorch]({parity.Figure})";
        yield return "";
        yield return "*|TorchSharp − PyTorch 1.13| of each step's train loss, on a log axis; "
            + "the dashed line is 1e-5. "
            + "A log axis has no place for 0, so steps whose two losses are the same float32 sit on the row labelled 0 "
            + "below the dotted line.*";
        yield return "";
        yield return $"| {string.Join(" | ", ParityTable.Columns.Select(c => c.header))} |";
        yield return $"|{string.Join("|", ParityTable.Columns.Select(c => c.numeric ? "---:" : "---"))}|";
        foreach (var d in parity.Compared) yield return $"| {string.Join(" | ", ParityTable.Cells(d))} |";
        yield return "";
        yield return Drift(parity.Compared);
        yield return "";
        yield return Scores(parity.Compared);
        yield return "";
    }

    private static string Drift(IReadOnlyList<LossDrift> compared)
    {
        var k = compared.Min(d => d.FirstEpochs);
        var worst = compared.MaxBy(d => d.LargestInFirstEpochs)!;
        var first = compared.All(d => d.LargestInFirstEpochs <= LossDrift.Tolerance)
            ? $"In the first {k} epochs every step's loss is within 1e-5 of PyTorch's "
                + $"(the largest difference, {ParityTable.Number(worst.LargestInFirstEpochs)}, is {worst.Model}'s). "
            : $"In the first {k} epochs {worst.Model}'s step losses differ from PyTorch's by up to "
                + $"{ParityTable.Number(worst.LargestInFirstEpochs)}, more than 1e-5. ";
        var steady = compared.Where(d => d.FirstEpochOverTolerance is null).Select(d => d.Model).ToList();
        var drifting = compared.Where(d => d.FirstEpochOverTolerance is not null).ToList();
        var stay = steady.Count == 0 ? "" :
            $"{string.Join(", ", steady)} stay within 1e-5 for the whole run: their losses differ only in the last "
            + "bits of a float32, and the differences do not grow. ";
        var part = drifting.Count == 0 ? "" :
            $"{string.Join(", ", drifting.Select(d => $"{d.Model} passes 1e-5 in epoch {d.FirstEpochOverTolerance}"))}"
            + ": once a gradient's sum differs in its last bit, Adam moves a weight to a slightly different float32, "
            + "every later step starts from there, and the difference grows step by step. ";
        return first + stay + part + "Both runs are correct: float32 addition is not associative, and libtorch 2.10 "
            + "and PyTorch 1.13 add the same numbers in different orders (their matrix-product and reduction kernels "
            + "block and vectorise differently, and choose by CPU).";
    }

    private static string Scores(IReadOnlyList<LossDrift> compared)
    {
        var apart = compared.Where(d => d.TestExamplesApart != 0).ToList();
        var sources = compared.Select(d => (d.Reference.Source.Cpu, d.Reference.Source.Torch, d.Reference.Source.Date))
            .Distinct().Select(s => $"{s.Cpu} with PyTorch {s.Torch} on {s.Date}");
        return (apart.Count == 0
                ? "The test scores are equal for every model compared. "
                : $"The test scores differ for {string.Join(", ", apart.Select(Apart))}; the others are equal. ")
            + $"The references (`benchmarks/pytorch_reference.py --model NAME`) were made on "
            + $"{string.Join("; ", sources)}. On another CPU the first epochs still agree to 1e-5, but the drift after "
            + "them can move a test score by an example: on another AMD EPYC machine seq-cnn scored 96.37 % "
            + "against PyTorch's 96.29 % (1,143 against 1,142 of 1,186).";
    }

    private static string Apart(LossDrift d) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{d.Model} ({d.TestExamplesApart:+0;-0} of {d.TestExamples} test examples)");
}
