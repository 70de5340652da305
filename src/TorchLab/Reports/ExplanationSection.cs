using System.Globalization;
using TorchLab.Explanation;
using TorchLab.Inspection;

namespace TorchLab.Reports;

/// <summary>What "What the models learned" said about one model and the junction, for the attributions to
/// answer.</summary>
/// <param name="Junction">Whether that evidence pointed at the junction.</param>
/// <param name="Evidence">What it was, as a clause: "3 of its 32 conv1 filters find the donor".</param>
public sealed record JunctionHint(string Model, bool Junction, string Evidence);

/// <summary>The lab report's "Why the model decided" (in Check): the junction scores, their paragraph, the
/// checks.</summary>
public static class ExplanationSection
{
    /// <summary>A method "sees" a junction when its share there is at least this many times an even spread's.</summary>
    public const double Enriched = 2;

    public static IEnumerable<string> Check(ExplanationFindings found, LearnedFindings? learned)
    {
        if (found.Sequences.Count == 0 && found.Digits is null) yield break;
        yield return "### Why the model decided";
        yield return "";
        yield return Text($"Each attribution is of the **true** class's logit (before the softmax), so that an EI ",
            $"sequence is scored by what makes the model say EI, whether or not it did; the methods, baselines and ",
            $"checks are those of [docs/explain.md](../docs/explain.md) (integrated gradients with ",
            $"{Attributions.DefaultSteps} steps from the zero vector, occlusion windows of 3 positions).");
        yield return "";
        if (found.Sequences.Count > 0)
        {
            var length = 60;
            string Even((int, int) range) => Percent(JunctionScores.Even(range, length));
            var sequences = found.Sequences[0].Scores[0].Sequences;
            yield return Text($"Over the whole test set ({sequences} sequences), the share ",
                $"of each sequence's attribution mass (|value| summed over the 4 letters) on the junction's letters, ",
                $"averaged over a class's sequences, and the share of a class's sequences whose strongest position ",
                $"lies in 27-34:");
            yield return "";
            yield return "| model | method | GT at 31-32, EI | AG at 29-30, IE | 29-32, N (control) " +
                "| EI: strongest in 27-34 | IE: strongest in 27-34 |";
            yield return "|---|---|---:|---:|---:|---:|---:|";
            yield return $"| evenly | | {Even(JunctionScores.Donor)} | {Even(JunctionScores.Acceptor)} " +
                $"| {Even(JunctionScores.Control)} | {Even(JunctionScores.Near)} | {Even(JunctionScores.Near)} |";
            foreach (var s in found.Sequences.SelectMany(m => m.Scores))
                yield return $"| {s.Model} | {s.Method} | {Percent(s.DonorMass)} | {Percent(s.AcceptorMass)} " +
                    $"| {Percent(s.ControlMass)} | {Percent(s.DonorPeak)} | {Percent(s.AcceptorPeak)} |";
            yield return "";
            yield return Paragraph(found.Sequences, Hints(learned));
            yield return "";
        }
        yield return Text($"**The checks**, on the first {ExplanationRun.CheckedInputs} test inputs of each model: ",
            $"the gradient against central finite differences (float64), the completeness error of integrated ",
            $"gradients |Σ attributions − (f(x) − f(b))| / |f(x) − f(b)| as the steps grow ",
            $"(the largest over the ",
            $"inputs), mutagenesis against input × gradient (Spearman's ρ over positions, the mean over inputs), ",
            $"and the model-randomisation check (Adebayo et al. 2018): ρ between each method's map on the trained ",
            $"model and on the same architecture initialised from the next seed.");
        yield return "";
        var models = found.Sequences.Select(m => m.Checks).Concat(found.Digits is { } d ? [d.Checks] : []).ToList();
        var steps = models[0].Completeness.Select(c => c.Steps).ToList();
        yield return "| model | finite differences (tolerance) | completeness error at " +
            string.Join(" / ", steps) + " steps | mutagenesis ~ input × gradient ρ | randomised model ρ: " +
            string.Join(" / ", AttributionMethodNames.All.Select(m => m.Name())) + " |";
        yield return "|---|---:|---:|---:|---|";
        foreach (var c in models)
            yield return $"| {c.Model} | {Number(c.FiniteDifference.MaxRelativeError)} " +
                $"({Number(c.FiniteDifference.Tolerance)}) " +
                $"| {string.Join(" / ", c.Completeness.Select(e => Percent(e.MaxRelativeError, "P2")))} " +
                $"| {(c.MutagenesisAgreement is { } a ? Fixed(a.Mean) : "-")} " +
                $"| {string.Join(" / ", AttributionMethodNames.All.Select(m => Randomised(c, m)))} |";
        yield return "";
        yield return ChecksParagraph(models);
        yield return "";
        foreach (var (caption, path) in found.Figures)
        {
            yield return $"![{caption}]({path})";
            yield return "";
            yield return $"*{caption}*";
            yield return "";
        }
    }

    /// <summary>
    /// What the table says, computed: per model, under how many methods the junction's letters hold at least
    /// <see cref="Enriched"/> times an even share, and whether that agrees with <paramref name="hints"/>.
    /// </summary>
    public static string Paragraph(IReadOnlyList<SequenceExplanation> models, IReadOnlyList<JunctionHint> hints)
    {
        var even = JunctionScores.Even(JunctionScores.Donor, 60);
        var parts = new List<string>
        {
            Text($"**Where the models look.** A method counts as seeing a junction letter pair when it puts at least ",
                $"{Enriched:0}x the even share ({Percent(Enriched * even)}) there. "),
        };
        foreach (var m in models)
        {
            var donor = m.Scores.Count(s => s.DonorMass >= Enriched * even);
            var acceptor = m.Scores.Count(s => s.AcceptorMass >= Enriched * even);
            var (lookDonor, lookAcceptor) = (donor * 2 > m.Scores.Count, acceptor * 2 > m.Scores.Count);
            var verdict = (lookDonor, lookAcceptor) switch
            {
                (true, true) => "looks at the junction from both sides",
                (true, false) => "looks at the donor's GT but not at the acceptor's AG",
                (false, true) => "looks at the acceptor's AG but not at the donor's GT",
                _ => "looks elsewhere",
            };
            var ig = m.Of(AttributionMethod.IntegratedGradients);
            parts.Add(Text($"`{m.Model}` {verdict}: GT at 31-32 holds {Range(m.Scores, s => s.DonorMass)} of EI's ",
                $"mass ({donor} of {m.Scores.Count} methods at {Enriched:0}x or more), AG at 29-30 ",
                $"{Range(m.Scores, s => s.AcceptorMass)} of IE's ({acceptor} of {m.Scores.Count}); by integrated ",
                $"gradients the strongest position of {Percent(ig.DonorPeak)} of EI sequences lies in 27-34. "));
            var junction = lookDonor || lookAcceptor;
            parts.Add(hints.FirstOrDefault(h => h.Model == m.Model) is { } hint
                ? hint.Junction == junction
                    ? Text($"That is what \"What the models learned\" suggested: {hint.Evidence}. ")
                    : Text($"\"What the models learned\" suggested otherwise: {hint.Evidence}. ")
                : Text($"\"What the models learned\" has no view inside `{m.Model}`; this is the first. "));
        }
        parts.Add(Text($"The methods need not agree: gradient and occlusion measure a small change and a window's ",
            $"removal, integrated gradients and mutagenesis the whole way from nothing or to another letter."));
        return string.Concat(parts);
    }

    /// <summary>The evidence of "What the models learned": seq-cnn's junction filters, seq-attn's attention.</summary>
    public static IReadOnlyList<JunctionHint> Hints(LearnedFindings? learned)
    {
        var hints = new List<JunctionHint>();
        if (learned is null) return hints;
        if (learned.Kmers.Count > 0)
        {
            var donors = learned.Kmers.Count(k => k.FindsDonor(learned.DonorClass));
            var acceptors = learned.Kmers.Count(k => k.FindsAcceptor(learned.AcceptorClass));
            hints.Add(new JunctionHint("seq-cnn", donors + acceptors > 0,
                Text($"{donors} of its {learned.Kmers.Count} conv1 filters find the donor's GT ",
                    $"and {acceptors} the acceptor's AG")));
        }
        if (learned.Attention.Where(a => a.Sequences > 0).ToList() is { Count: > 0 } maps)
        {
            var even = 1.0 / maps[0].Positions;
            var (last, first) = (JunctionKmers.Boundary - 1, JunctionKmers.Boundary);
            var most = maps.Max(a => Math.Max(a.Received[last], a.Received[first]));
            hints.Add(new JunctionHint("seq-attn", most >= 2 * even,
                Text($"positions 30 and 31 receive at most {Percent(most)} of its attention ",
                    $"(evenly {Percent(even)})")));
        }
        return hints;
    }

    private static string ChecksParagraph(IReadOnlyList<ModelChecks> models)
    {
        var failed = models.Where(m => !m.FiniteDifference.Passed).Select(m => m.Model).ToList();
        var flagged = models
            .Select(m => (m.Model, methods: m.Randomisation.Where(r => r.BarelyChanges).Select(r => r.Method.Name())))
            .Where(m => m.methods.Any())
            .Select(m => $"`{m.Model}`'s {string.Join(", ", m.methods)}")
            .ToList();
        var threshold = models[0].Randomisation[0].Threshold;
        var atDefault = models.Select(m => m.Completeness.FirstOrDefault(c => c.Steps == Attributions.DefaultSteps))
            .Where(c => c is not null)
            .Select(c => c!.MaxRelativeError)
            .DefaultIfEmpty(double.NaN)
            .Max();
        return Text($"The gradient ",
                $"{(failed.Count == 0 ? "agrees with finite differences for every model" : "DISAGREES with ")}",
                $"{(failed.Count == 0 ? "" : "finite differences for ")}") +
            string.Join(", ", failed) +
            Text($"; at {Attributions.DefaultSteps} steps integrated gradients miss completeness by at most ",
                $"{Percent(atDefault, "P2")}. ") +
            (flagged.Count == 0
                ? Text($"Every method's map changes when the weights are randomised (ρ at most {threshold:0.0#}): ",
                    $"they show the trained model, not only the input.")
                : Text($"Maps that barely change when the weights are randomised (ρ above {threshold:0.0#}), ",
                    $"and so say more about the input than about what the model learned: ") +
                    string.Join("; ", flagged) + ".");
    }

    private static string Randomised(ModelChecks checks, AttributionMethod method) =>
        checks.Randomisation.FirstOrDefault(r => r.Method == method) is { } r
            ? r.BarelyChanges ? $"**{Fixed(r.Correlation)}**" : Fixed(r.Correlation)
            : "-";

    private static string Range(IReadOnlyList<JunctionScore> scores, Func<JunctionScore, double> value) =>
        Text($"{Percent(scores.Min(value))}-{Percent(scores.Max(value))}");

    private static string Percent(double value, string format = "P1") =>
        double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Fixed(double value) =>
        double.IsNaN(value) ? "-" : value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("G2", CultureInfo.InvariantCulture);

    // Parts on short source lines make one string, formatted the same on every machine.
    private static string Text(params FormattableString[] parts) =>
        string.Concat(parts.Select(part => part.ToString(CultureInfo.InvariantCulture)));
}
