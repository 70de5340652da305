using TorchLab.ByHand;

namespace TorchLab.Reports;

/// <summary>
/// The report's "Training by hand" section: the lockstep table, the steps chosen, and the loss figure.
/// </summary>
public static class TrainingByHandSection
{
    /// <summary>The section's Markdown lines, the figure's path relative to the report; none without runs.</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<LockstepResult> results, string? figure)
    {
        if (results.Count == 0) yield break;
        yield return "### Training by hand";
        yield return "";
        yield return "Each model trained again from its seed's initial weights, by TorchSharp's own loop "
            + "(`TrainingLoop.Fit` with `torch.optim.Adam`) and by hand in lockstep: forward, backward and "
            + "Adam with `src/Manual` alone, on the same randperm batches and with the same dropout masks "
            + "(replayed from the generator state saved before each step; the by-hand train-mode logits equal "
            + "TorchSharp's, which proves the masks). Steps: "
            + string.Join(", ", results.Select(r => $"{r.Model} {r.Steps}"))
            + " (one epoch of each CNN; the GRU's and attention's by-hand steps are slower, so a few). "
            + "Weight and moment differences are relative to each tensor's largest |value|; tolerances and the "
            + "measured drift are in docs/training-by-hand.md.";
        yield return "";
        yield return $"| {string.Join(" | ", LockstepTable.Columns.Select(c => c.header))} |";
        yield return $"|{string.Join("|", LockstepTable.Columns.Select(c => c.numeric ? "---:" : "---"))}|";
        foreach (var r in results) yield return $"| {string.Join(" | ", LockstepTable.Cells(r))} |";
        yield return "";
        if (figure is null) yield break;
        yield return $"![Training by hand: loss of both runs and their difference]({figure})";
        yield return "";
    }
}
