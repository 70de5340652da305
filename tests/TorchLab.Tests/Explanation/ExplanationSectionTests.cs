using TorchLab.Explanation;
using TorchLab.Reports;

namespace TorchLab.TorchLab.Tests.Explanation;

/// <summary>The report's "Why the model decided" written from hand-made numbers whose verdicts are known.</summary>
public class ExplanationSectionTests
{
    // Every method gives the same donor and acceptor mass but the first, which gives `first` for both.
    private static SequenceExplanation Model(string name, double donor, double acceptor, double first,
        params double[] randomisation)
    {
        var scores = AttributionMethodNames.All.Select((m, i) => new JunctionScore(name, m.Name(), 100,
            i == 0 ? first : donor, i == 0 ? first : acceptor, 0.07, 0.5, 0.4, 0.1)).ToList();
        var checks = new ModelChecks(name, 8, new FiniteDifferenceCheck(3e-9, 1e-6, 1e-6, 8),
            [new CompletenessCheck(4, 0.2), new CompletenessCheck(64, 0.004)],
            new MutagenesisAgreementCheck([0.5, 0.7]),
            [.. AttributionMethodNames.All.Select((m, i) =>
                new RandomisationCheck(m, randomisation.Length > i ? randomisation[i] : 0.1, 0.5))]);
        return new SequenceExplanation(name, scores, checks, [], 1);
    }

    [Fact]
    public void The_paragraph_names_who_looks_at_the_junction_and_compares_with_the_learned_evidence()
    {
        // 2x even is 6.7 %: seq-cnn is above it under all five methods on both sides; seq-attn under four for the
        // donor only; seq-gru under none but the first.
        var models = new[]
        {
            Model("seq-cnn", 0.12, 0.09, 0.20), Model("seq-attn", 0.10, 0.04, 0.03), Model("seq-gru", 0.03, 0.02, 0.3),
        };
        JunctionHint[] hints =
        [
            new("seq-cnn", true, "3 of its 32 conv1 filters find the donor's GT"),
            new("seq-attn", false, "positions 30 and 31 receive at most 2.0 % of its attention"),
        ];

        var text = ExplanationSection.Paragraph(models, hints);

        Assert.Contains("at least 2x the even share (6.7 %)", text);
        Assert.Contains("`seq-cnn` looks at the junction from both sides: GT at 31-32 holds 12.0 %-20.0 % of EI's " +
            "mass (5 of 5 methods at 2x or more), AG at 29-30 9.0 %-20.0 % of IE's (5 of 5)", text);
        Assert.Contains("That is what \"What the models learned\" suggested: 3 of its 32 conv1 filters", text);
        Assert.Contains("`seq-attn` looks at the donor's GT but not at the acceptor's AG: GT at 31-32 holds " +
            "3.0 %-10.0 % of EI's mass (4 of 5 methods", text);
        Assert.Contains("\"What the models learned\" suggested otherwise: positions 30 and 31", text);
        Assert.Contains("`seq-gru` looks elsewhere: GT at 31-32 holds 3.0 %-30.0 % of EI's mass (1 of 5", text);
        Assert.Contains("has no view inside `seq-gru`", text);
        Assert.Contains("strongest position of 50.0 % of EI sequences lies in 27-34", text);
    }

    [Fact]
    public void The_section_holds_the_table_the_checks_and_the_flags()
    {
        var found = new ExplanationFindings([Model("seq-cnn", 0.12, 0.09, 0.2, 0.9, 0.2)], null,
            [("a caption", "explain/seq_cnn_logos.png")], 3);

        var lines = ExplanationSection.Check(found, null).ToList();

        Assert.Equal("### Why the model decided", lines[0]);
        Assert.Contains("| evenly | | 3.3 % | 3.3 % | 6.7 % | 13.3 % | 13.3 % |", lines);
        Assert.Contains("| seq-cnn | integrated-gradients | 12.0 % | 9.0 % | 7.0 % | 50.0 % | 40.0 % |", lines);
        Assert.Contains("| seq-cnn | 3E-09 (1E-06) | 20.00 % / 0.40 % | 0.60 | **0.90** / 0.20 / 0.10 / 0.10 / 0.10 |",
            lines);
        var checks = lines.Single(l => l.StartsWith("The gradient ", StringComparison.Ordinal));
        Assert.Contains("agrees with finite differences for every model", checks);
        Assert.Contains("at 64 steps integrated gradients miss completeness by at most 0.40 %", checks);
        Assert.Contains("(ρ above 0.5), and so say more about the input than about what the model learned: " +
            "`seq-cnn`'s gradient.", checks);
        Assert.Contains("![a caption](explain/seq_cnn_logos.png)", lines);
    }
}
