using System.Globalization;
using TorchLab.Inspection;

namespace TorchLab.Reports;

/// <summary>The lab report's text on what the models learned (in Check) and on the shift test (in Report).</summary>
public static class LearnedSection
{
    /// <summary>"What the models learned": the figures, seq-cnn's k-mer table and the junction statement.</summary>
    public static IEnumerable<string> Check(LearnedFindings learned)
    {
        if (learned.Figures.Count == 0 && learned.Kmers.Count == 0) yield break;
        yield return "### What the models learned";
        yield return "";
        if (learned.Digit is { } digit)
        {
            yield return Text($"tiny-cnn, from its `model.pt`: the eight 3x3 kernels of `conv1`, ",
                $"and test-set row {digit.TestRow} (a {digit.Label}, predicted {digit.Predicted}) ",
                $"through the network. The feature maps are the outputs of `conv1` and `conv2` after ReLU, ",
                $"which is what the next layer sees.");
            yield return "";
        }
        foreach (var (caption, path) in learned.Figures)
        {
            yield return $"![{caption}]({path})";
            yield return "";
            yield return $"*{caption}*";
            yield return "";
        }
        if (learned.Attention.Count > 0)
        {
            yield return Attention(learned.Attention.Where(a => a.Sequences > 0).ToList());
            yield return "";
        }
        if (learned.Kmers.Count == 0) yield break;

        var donors = learned.Kmers.Where(k => k.FindsDonor(learned.DonorClass)).ToList();
        var acceptors = learned.Kmers.Where(k => k.FindsAcceptor(learned.AcceptorClass)).ToList();
        var exonEnds = learned.Kmers
            .Where(k => k.AcceptorHits * 2 >= learned.KmerTop && !acceptors.Contains(k))
            .ToList();
        var classes = learned.TestLetters.Select(l => l.Class).ToList();
        string Filters(List<FilterKmers> filters) => filters.Count == 0
            ? "none"
            : Text($"{filters.Count} (filter{(filters.Count > 1 ? "s" : "")} ",
                $"{string.Join(", ", filters.Select(k => k.Filter + 1))})");
        string Share(Func<JunctionLetters, int> count) =>
            string.Join(", ", learned.TestLetters.Select(l => Text($"{count(l)} of {l.Sequences} {l.Class}")));
        string Peaks(List<FilterKmers> filters, string label)
        {
            var all = filters.Average(k => learned.PeaksNearBoundary[k.Filter].All);
            var ofClass = filters.Average(k => learned.PeaksNearBoundary[k.Filter].ByClass[classes.IndexOf(label)]);
            return Text($"{all:P0} of all test sequences and {ofClass:P0} of the {label} ones");
        }
        yield return Text($"**The junction, checked.** ",
                $"For each of seq-cnn's {learned.Kmers.Count} first-layer filters (kernel width 7), ",
                $"the {learned.KmerTop} test-set windows of 7 letters ",
                $"with the highest `conv1` activation (before ReLU) were read back. ") +
            Text($"Filters with the donor's GT at positions 31-32 (the intron's first two letters, ",
                $"right after the boundary) in at least half of their strongest windows, ",
                $"most of them from EI sequences: {Filters(donors)}; ",
                $"with the acceptor's AG at 29-30 (the intron's last two, right before it), ",
                $"most from IE sequences: {Filters(acceptors)}. ") +
            (exonEnds.Count > 0
                ? Text($"AG at 29-30 in windows from EI sequences, {Filters(exonEnds)}, ",
                    $"is the exon's end in the donor's consensus (C/A)AG|GTAAGT, not the acceptor. ")
                : "") +
            Text($"For scale, GT sits at 31-32 in {Share(l => l.Donor)} test sequences, ",
                $"and AG at 29-30 in {Share(l => l.Acceptor)}. ") +
            (donors.Count > 0
                ? Text($"The donor filters fire most at positions 27-34, next to the boundary, ",
                    $"in {Peaks(donors, "EI")}. ")
                : "") +
            (acceptors.Count > 0 ? Text($"The acceptor filters do so in {Peaks(acceptors, "IE")}. ") : "") +
            Text($"Over all {learned.Kmers.Count} filters that share is ",
                $"{learned.PeaksNearBoundary.Average(p => p.All):P0} ",
                $"(8 of 60 positions would be 13 % if position did not matter). ",
                $"The rows of these filters in `inspect/seq_cnn_firing.png` show it, ",
                $"and `inspect/seq_cnn_filters.png` their weights.");
        yield return "";
        var classList = string.Join(" / ", classes);
        yield return "| filter | best k-mer (argmax per column) | most frequent of the strongest windows (positions) " +
            $"| GT at 31-32 | AG at 29-30 | strongest windows from {classList} " +
            $"| fires most at 27-34: all / {classList} |";
        yield return "|---:|---|---|---:|---:|---|---:|";
        foreach (var k in learned.Kmers)
        {
            var start = k.Strongest.First(w => w.Letters == k.CommonWindow).Start;
            var end = start + k.CommonWindow.Length - 1;
            var peaks = learned.PeaksNearBoundary[k.Filter];
            var shares = peaks.ByClass.Prepend(peaks.All).Select(p => p.ToString("P0", CultureInfo.InvariantCulture));
            yield return Text($"| {k.Filter + 1} | `{k.Consensus}` | `{k.CommonWindow}` ({start}-{end}) ",
                $"| {k.DonorHits}/{k.Strongest.Count} | {k.AcceptorHits}/{k.Strongest.Count} ",
                $"| {string.Join(" / ", k.ClassCounts(classes.Count))} | ") +
                string.Join(" / ", shares) + " |";
        }
        yield return "";
    }

    // Whether seq-attn looks at the junction: what positions 30 and 31 receive against an even
    // spread, the positions it does look at, and how much that depends on the class.
    private static string Attention(IReadOnlyList<ClassAttention> maps)
    {
        var even = 1.0 / maps[0].Positions;
        // 0-based keys of positions 30 and 31
        var (last, first) = (JunctionKmers.Boundary - 1, JunctionKmers.Boundary);
        string Each(Func<ClassAttention, string> part) =>
            string.Join(", ", maps.Select(a => $"{part(a)} in {a.Class}"));
        string Top(ClassAttention a) => string.Join(", ", a.Received
            .Select((r, k) => (r, k))
            .OrderByDescending(p => p.r)
            .Take(3)
            .Select(p => Text($"{p.k + 1} ({p.r:P1})")));
        string Holds(int k) => Text($"position {k + 1} holds ") + string.Join(", ", maps.Select(a =>
            Text($"{a.Letters[k].Letter} in {a.Letters[k].Share:P0} of the {a.Class} sequences")));
        var atBoundary = maps.Any(a => a.Received[last] >= 2 * even || a.Received[first] >= 2 * even);
        var spread = Enumerable.Range(0, maps[0].Positions)
            .Max(k => maps.Max(a => a.Received[k]) - maps.Min(a => a.Received[k]));
        // The classes look alike when no position's share differs between them
        // by half the largest share any position gets.
        var alike = spread <= maps.Max(a => a.Received.Max()) / 2;
        var mostReceived = Enumerable.Range(0, maps[0].Positions)
            .OrderByDescending(k => maps.Average(a => a.Received[k]))
            .Take(2);
        return Text($"**Where seq-attn looks.** Its encoder layer's attention weights, ",
                $"softmax(QKᵀ/√8) in each of the 4 heads, ",
                $"recomputed by hand from `model.pt` on every test sequence ",
                $"(the by-hand check above holds that computation to TorchSharp's predictions), ",
                $"averaged over the heads and over each class's sequences. ") +
            Text($"Positions 30 and 31, either side of the boundary, receive ") +
            Each(a => Text($"{a.Received[last]:P1} and {a.Received[first]:P1}")) +
            Text($" of all attention; spread evenly each position would receive {even:P1}, ",
                $"and positions 29-32 together {AttentionMaps.BoundaryKeys.Length * even:P1} (they receive ") +
            Each(a => Text($"{a.BoundaryShare:P1}")) + "). " +
            (atBoundary
                ? Text($"So the model does look at the boundary itself. ")
                : Text($"So the model does not look at the boundary itself. ")) +
            "The positions that receive the most are " +
            string.Join("; ", maps.Select(a => $"{Top(a)} in {a.Class}")) + ". " +
            (alike
                ? Text($"Where it looks hardly depends on the class: ",
                    $"the classes' profiles differ by at most {spread:P1} at any position. ")
                : Text($"Where it looks depends on the class: ",
                    $"the classes' profiles differ by up to {spread:P1} at a position. ")) +
            "What sits there: " + string.Join("; ", mostReceived.Select(Holds)) +
            Text($" (a position where no letter stands out holds each in about 25 %). ") +
            Text($"Attention here chooses *which positions* to mix into every position's vector",
                $"{(alike ? ", much the same ones whatever the class," : "")} and the classifier, ",
                $"which weighs each position's output separately after flattening, decides from *what* sits there. ",
                $"`inspect/seq_attn_attention_received.png` draws the profiles, ",
                $"and `inspect/seq_attn_attention_EI.png` (and `_IE`, `_N`) the query × key maps.");
    }

    /// <summary>The shift chart and its paragraph, with the measured accuracies.</summary>
    public static IEnumerable<string> Shift(LearnedFindings learned)
    {
        if (learned.ShiftFigure is not { } figure || learned.Shifts.Count == 0) yield break;
        yield return "### Inductive bias, measured: shifting the sequence";
        yield return "";
        yield return $"![{figure.caption}]({figure.path})";
        yield return "";
        yield return $"*{figure.caption}*";
        yield return "";
        int[] shown = [-10, -5, -2, -1, 0, 1, 2, 5, 10];
        yield return "| model | " +
            string.Join(" | ", shown.Select(s => s.ToString("+0;-0;0", CultureInfo.InvariantCulture))) + " |";
        yield return "|---|" + string.Concat(Enumerable.Repeat("---:|", shown.Length));
        foreach (var c in learned.Shifts)
            yield return $"| {c.Model} | " +
                string.Join(" | ", shown.Select(s => c.At(s).ToString("P1", CultureInfo.InvariantCulture))) + " |";
        yield return "";
        var sketch = learned.Shifts.FirstOrDefault(c => c.Model == "seq-sketch");
        var others = learned.Shifts.Where(c => c != sketch).ToList();

        var paragraph = Text($"Every test sequence was moved by -10 to +10 positions ",
            $"and the vacated end filled with the zero vector: SpliceCsv one-hot-encodes A, C, G, T ",
            $"and has no code for an ambiguous letter (splice.csv holds none), ",
            $"so \"no letter\" is the data's only neutral value, ",
            $"and it is what the convolutions' own zero padding adds beyond each end. ");
        if (sketch is not null)
            paragraph += Text($"`seq-sketch` averages over all positions and is blind to where a motif sits: ",
                $"its accuracy stays between {sketch.Accuracy.Min():P1} and {sketch.Accuracy.Max():P1} ",
                $"over all 21 shifts ({sketch.At(0):P1} unshifted, always answering the majority class ",
                $"{learned.MajorityClass} would score {learned.MajorityShare:P1}). ");
        if (others.Count > 0)
            paragraph += "The position-aware models depend on the junction being where training put it: " +
                string.Join("; ", others.Select(c => Text(
                    $"`{c.Model}` falls from {c.At(0):P1} unshifted to {c.At(-1):P1} and {c.At(1):P1} ",
                    $"at one position either way, {c.At(-5):P1} and {c.At(5):P1} at five, ",
                    $"and {c.At(-10):P1} and {c.At(10):P1} at ten"))) +
                ". What buys them their accuracy, weighing each position separately, is also what a shift breaks.";
        yield return paragraph;
        yield return "";
    }

    // Parts on short source lines make one string, formatted the same on every machine.
    private static string Text(params FormattableString[] parts) =>
        string.Concat(parts.Select(part => part.ToString(CultureInfo.InvariantCulture)));
}
