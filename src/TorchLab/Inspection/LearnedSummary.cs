using System.Globalization;
using Spectre.Console;

namespace TorchLab.Inspection;

/// <summary>A few console lines on what <see cref="LearnedInspection"/> computed.</summary>
public static class LearnedSummary
{
    public static void Print(IAnsiConsole console, LearnedFindings learned)
    {
        void Line(params FormattableString[] parts) =>
            console.WriteLine(string.Concat(parts.Select(part => part.ToString(CultureInfo.InvariantCulture))));
        if (learned.Digit is { } digit)
            Line($"tiny-cnn: conv1's 8 kernels; test digit {digit.TestRow} ",
                $"(a {digit.Label}, predicted {digit.Predicted}) after conv1 and conv2 (+ ReLU).");
        if (learned.Kmers.Count > 0)
        {
            var donors = learned.Kmers.Count(k => k.FindsDonor(learned.DonorClass));
            var acceptors = learned.Kmers.Count(k => k.FindsAcceptor(learned.AcceptorClass));
            Line($"seq-cnn: {learned.Kmers.Count} conv1 filters; {donors} find the donor ",
                $"(GT at 31-32 in most of their {learned.KmerTop} strongest test windows, from EI sequences), ",
                $"{acceptors} the acceptor (AG at 29-30, from IE).");
        }
        if (learned.Attention.Count > 0)
        {
            string Each(Func<ClassAttention, string> value) =>
                string.Join(", ", learned.Attention.Select(a => $"{value(a)} ({a.Class})"));
            var boundary = Each(a => a.BoundaryShare.ToString("P1", CultureInfo.InvariantCulture));
            var even = AttentionMaps.BoundaryKeys.Length / (double)learned.Attention[0].Positions;
            var most = Each(a => a.MostAttended.ToString(CultureInfo.InvariantCulture));
            Line($"seq-attn: positions 29-32 (the junction) receive {boundary} of the attention ",
                $"(evenly {even:P1}); most attended position: {most}.");
        }
        foreach (var c in learned.Shifts)
            Line($"shift -10..10, {c.Model}: {c.At(0):P1} unshifted, ",
                $"{c.Accuracy.Min():P1} to {c.Accuracy.Max():P1} over all shifts.");
        foreach (var (_, path) in learned.Figures.Append(learned.ShiftFigure ?? default).Where(f => f.path is not null))
            Line($"  {path}");
    }
}
