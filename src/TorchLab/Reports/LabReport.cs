using System.Globalization;
using System.Text;
using TorchLab.Comparison;
using TorchLab.Explanation;
using TorchLab.Inspection;
using TorchLab.AgainstPyTorch;
using TorchLab.Runs;
using TorchLab.Storage.Files;
using TorchLab.ByHand;

namespace TorchLab.Reports;

/// <summary>
/// out/report.md in the course's lab template: Goal → Approach → Execution → Check → Report,
/// with the comparison table, every model's figures, and results beside PyTorch's.
/// </summary>
public static class LabReport
{
    /// <summary>The by-hand training runs' loss figure, in the lab's compare folder.</summary>
    public const string TrainingByHandFigure = "training-by-hand.png";

    /// <summary>One <c>train</c> run's own report.md, in its output folder.</summary>
    public static void WriteRun(RunResult run) => Write(run.Settings.OutputFolder, null, [run]);

    /// <summary>
    /// Writes the report into <paramref name="outFolder"/> and returns its path. Without a
    /// <paramref name="comparison"/> (a single <c>train</c> run) that section is left out.
    /// </summary>
    public static string Write(
        string outFolder,
        ComparisonFindings? comparison,
        IReadOnlyList<RunResult> runs,
        IReadOnlyList<ByHandResult>? byHand = null,
        LearnedFindings? learned = null,
        ParityFindings? parity = null,
        IReadOnlyList<LockstepResult>? trainedByHand = null,
        string? trainedByHandFigure = null,
        ExplanationFindings? explained = null)
    {
        var text = new StringBuilder();
        // One report line from parts written on short source lines, so that a paragraph stays one Markdown line.
        void Line(params FormattableString[] parts)
        {
            foreach (var part in parts) text.Append(part.ToString(CultureInfo.InvariantCulture));
            text.Append('\n');
        }

        Line($"# TorchLab lab report");
        Line();
        Line($"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `dotnet run --project src/TorchLab`.");
        Line($"Session: {string.Join(", ", SessionFacts.All().Select(f => $"{f.key} {f.value}"))}.");
        Line();
        Line($"## Goal");
        Line();
        Line($"1. Show that a convolution is a small loop: hand-written 1-D and 2-D convolutions must give ",
            $"TorchSharp's `torch.nn.functional.conv1d`/`conv2d` results, and attention, softmax(Q Kᵀ / √d) V, ",
            $"`scaled_dot_product_attention`'s and `nn.MultiheadAttention`'s.");
        Line($"2. Train a tiny CNN on handwritten digits and 1-D models on DNA splice junctions ",
            $"(convolutions, a GRU and attention) with one shared training loop, ",
            $"and see what the models' structure costs or buys.");
        Line();
        Line($"## Approach");
        Line();
        Line($"- Manual convolutions (`src/Manual`) run on the course's toy image, a step sequence and two real ",
            $"images, and manual attention on random Q/K/V with a causal mask and on a DNA window; ",
            $"TorchSharp (libtorch) computes the same with `conv1d`/`conv2d`, `scaled_dot_product_attention` ",
            $"and `nn.MultiheadAttention`.");
        Line($"- Models (`src/Models`) are built from TorchSharp modules, whose initialisation equals PyTorch's ",
            $"for the same seed, and trained by `TrainingLoop.Fit` (`src/Training`) with `torch.optim.Adam`: ",
            $"zero_grad → forward → cross-entropy → backward → step, ",
            $"then a pass over the validation set under inference mode.");
        Line($"- Three sets: digits.csv is split by a seeded permutation into 1,293 train, 144 validation ",
            $"and 360 test rows; splice.csv keeps StatLog's split (2,000 train, 1,186 test), of whose training ",
            $"rows a seeded permutation holds out 200 for validation. The curves watched every epoch are train ",
            $"and validation; the test set is scored once, at the end.");
        Line($"- Protocol (the same as `benchmarks/pytorch_lab.py` runs in PyTorch): ",
            $"seed → split → seed → model → per epoch a `randperm` shuffle, batches of 64; ",
            $"a fixed number of epochs at a constant learning rate, ",
            $"a fixed torch thread count per model (2 for the CNNs and the attention model, 1 for the GRU), ",
            $"keeping the weights of the epoch with the lowest validation loss (restore-best). ",
            $"Those weights are `model.pt` and are what the test set scores. ",
            $"`train --patience N` adds early stopping and `--lr-schedule cosine|plateau` a schedule; ",
            $"runs with them are compared with nothing.");
        Line();
        Line($"## Execution");
        Line();
        Line($"| model | data | epochs | best validation epoch | lr | schedule | batch | device | torch threads ",
            $"| s/epoch (median) |");
        Line($"|---|---|---:|---:|---:|---|---:|---|---:|---:|");
        foreach (var r in runs)
        {
            var settings = r.Settings;
            Line($"| {r.Name} | {settings.Recipe.Data} | {r.History.Epochs.Count} | {r.BestEpoch} ",
                $"| {settings.LearningRate} | {settings.Schedule.ToString().ToLowerInvariant()} ",
                $"| {settings.BatchSize} | {settings.Device} | {settings.Threads} | {r.MedianEpochSeconds:F3} |");
        }
        Line();
        Line($"## Check");
        Line();
        if (comparison is not null)
        {
            Line($"### Manual convolutions and attention, and their gradients, against TorchSharp");
            Line();
            Line($"| {string.Join(" | ", ComparisonTable.Columns.Select(c => c.header))} |");
            Line($"|{string.Join("|", ComparisonTable.Columns.Select(c => c.numeric ? "---:" : "---"))}|");
            foreach (var c in comparison.Cases)
                Line($"| {string.Join(" | ", ComparisonTable.Cells(c))} |");
            Line();
            foreach (var (caption, figure) in comparison.Figures)
            {
                Line($"![{caption}]({figure})");
                Line();
                Line($"*{caption}*");
                Line();
            }
        }
        Line($"### Training");
        Line();
        foreach (var r in runs)
        {
            Line($"**{r.Name}** — {r.Settings.Recipe.Description}.");
            Line();
            var folder = Path.GetRelativePath(outFolder, r.Settings.OutputFolder).Replace('\\', '/');
            Line($"![{r.Name} training history]({folder}/loss.png)");
            Line($"![{r.Name} confusion matrix]({folder}/confusion.png)");
            Line();
        }
        Layers(Line, runs);
        if (byHand is not null) WriteByHand(Line, byHand);
        foreach (var line in TrainingByHandSection.Lines(trainedByHand ?? [], trainedByHandFigure)) Line($"{line}");
        Learned(Line, learned, LearnedSection.Check);
        if (explained is not null) foreach (var line in ExplanationSection.Check(explained, learned)) Line($"{line}");
        Line($"## Report");
        Line();
        Line($"| model | validation accuracy (best epoch) | test accuracy | PyTorch 1.13, same protocol ",
            $"| difference (points) |");
        Line($"|---|---:|---:|---:|---:|");
        foreach (var r in runs)
        {
            var referenceAccuracy = r.Settings.Recipe.ReferenceAccuracy;
            var (reference, difference) = r.FollowsProtocol
                ? (referenceAccuracy.ToString("P2", CultureInfo.InvariantCulture),
                    ((r.Metrics.Accuracy - referenceAccuracy) * 100)
                        .ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture))
                : ("-", "not comparable: settings differ from the protocol");
            var best = r.History.Epochs[r.BestEpoch - 1];
            Line($"| {r.Name} | {best.ValidAccuracy:P2} (epoch {r.BestEpoch}) | {r.Metrics.Accuracy:P2} ",
                $"| {reference} | {difference} |");
        }
        Line();
        Line($"The reference numbers come from the same protocol in PyTorch 1.13 ",
            $"(seed 0, each model's thread count, `benchmarks/pytorch_lab.py`); ",
            $"the StatLog study's best published result on the splice test split is 95.9% (RBF network).");
        Line();
        if (parity is not null) foreach (var line in ParitySection.Lines(parity)) Line($"{line}");
        var sketch = runs.FirstOrDefault(r => r.Name == "seq-sketch");
        var positional = runs.Where(r => r.Settings.Recipe.Data == LabData.Splice && r != sketch).ToList();
        if (sketch is not null && positional.Count > 0)
        {
            var best = positional.MaxBy(r => r.Metrics.Accuracy)!;
            Line($"**Sketch against position-aware models.** `seq-sketch` averages its motif detector ",
                $"over all 60 positions, so it can tell *whether* a motif occurs but not *where*. ",
                $"It reaches {sketch.Metrics.Accuracy:P1}, barely above always answering the majority class N ",
                $"({Majority(sketch):P1}), while `{best.Name}`, which keeps positions, ",
                $"reaches {best.Metrics.Accuracy:P1}. A splice junction is defined by what sits on each side ",
                $"of the middle: location is the signal, and global average pooling throws it away.");
            Line();
        }
        var attention = runs.FirstOrDefault(r => r.Name == "seq-attn");
        var rivals = positional.Where(r => r != attention).ToList();
        if (attention is not null && rivals.Count > 0)
        {
            var rivalScores = string.Join(" and ", rivals.Select(r => $"`{r.Name}`'s {r.Metrics.Accuracy:P2}"));
            Line($"**Attention beside convolution and recurrence.** `seq-attn`, a transformer encoder layer, ",
                $"reaches {attention.Metrics.Accuracy:P2} on the splice test set, against {rivalScores}; ",
                $"StatLog's best published result is 95.9%. These models all keep every position's output ",
                $"for the classifier; they differ in how a position learns about its neighbours: ",
                $"a convolution's fixed window, the GRU's running state in both directions, ",
                $"or attention's learned weights over all 60 positions.");
            Line();
        }
        Learned(Line, learned, LearnedSection.Shift);
        if (comparison is not null)
            Line($"Manual convolutions and attention: {comparison.Cases.Count} cases, ",
                $"{(comparison.AllPassed ? "all passed" : "SOME FAILED")}.");

        var path = Path.Combine(outFolder, "report.md");
        AtomicFile.WriteAllText(path, text.ToString());
        return path;
    }

    private delegate void ReportLine(params FormattableString[] parts);

    // Each model as `summary MODEL --weights RUN_FOLDER` prints it: shapes from a real forward pass.
    private static void Layers(ReportLine line, IReadOnlyList<RunResult> runs)
    {
        line($"### Layers");
        line($"");
        foreach (var r in runs.Where(r => r.Layers is not null))
        {
            var layers = r.Layers!;
            var zeros = layers.Rows.Any(row => row.ZeroFraction is not null)
                ? "; zeros is the share of a ReLU's outputs that are exactly 0"
                : "";
            line($"#### {r.Name}");
            line($"");
            line($"The best epoch's weights on the first {layers.InputShape[0]} test rows, ",
                $"input {LayerTable.Shape(layers.InputShape)}, ",
                $"as `summary {r.Name} --weights RUN_FOLDER` prints them{zeros}.");
            line($"");
            line($"| {string.Join(" | ", LayerTable.Columns.Select(c => c.header))} |");
            line($"|{string.Join("|", LayerTable.Columns.Select(c => c.numeric ? "---:" : "---"))}|");
            foreach (var cells in layers.Rows.Select(LayerTable.Cells).Append(LayerTable.TotalCells(layers)))
                line($"| {string.Join(" | ", cells)} |");
            line($"");
        }
    }

    private static void WriteByHand(ReportLine line, IReadOnlyList<ByHandResult> results)
    {
        line($"### The trained models by hand");
        line($"");
        line($"Each trained `model.pt` recomputed on its whole test set with `src/Manual` alone ",
            $"(convolution, pooling, ReLU, flatten, global average, linear, the GRU's gate equations, ",
            $"multi-head attention and layer normalization; dropout is the identity at test time), ",
            $"against TorchSharp's forward pass in eval mode. The relative difference is the largest ",
            $"|by hand − TorchSharp| logit over the largest |TorchSharp logit| of the set.");
        line($"");
        line($"| {string.Join(" | ", ByHandTable.Columns.Select(c => c.header))} |");
        line($"|{string.Join("|", ByHandTable.Columns.Select(c => c.numeric ? "---:" : "---"))}|");
        foreach (var r in results)
            line($"| {string.Join(" | ", ByHandTable.Cells(r))} |");
        line($"");
        if (results.All(r => r.Passed))
            line($"Every test prediction is the same by hand as in TorchSharp: the trained networks are stacks ",
                $"of the familiar operations, the convolution of the first check among them, ",
                $"with learned numbers in the kernels — not black boxes.");
        else
            line($"SOME BY-HAND RECOMPUTATIONS DISAGREE with TorchSharp ",
                $"({string.Join(", ", results.Where(r => !r.Passed).Select(r => r.Model))}): see the table.");
        line($"");
    }

    private static void Learned(
        ReportLine line,
        LearnedFindings? learned,
        Func<LearnedFindings, IEnumerable<string>> section)
    {
        if (learned is null) return;
        foreach (var text in section(learned)) line($"{text}");
    }

    private static double Majority(RunResult run)
    {
        var m = run.Metrics;
        var total = 0.0;
        var rows = new double[m.ClassNames.Count];
        for (var t = 0; t < rows.Length; t++)
        for (var p = 0; p < rows.Length; p++)
        {
            rows[t] += m.Confusion[t, p];
            total += m.Confusion[t, p];
        }
        return rows.Max() / total;
    }
}
