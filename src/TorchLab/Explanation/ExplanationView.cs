using System.Globalization;
using Spectre.Console;
using TorchLab.Training.Data;

namespace TorchLab.Explanation;

/// <summary>
/// <c>explain</c>'s compact view, plain text: per input its source, the target and the logits, for integrated
/// gradients the completeness error, then the sequence with its strongest positions marked under it, or the digit
/// beside an 8x8 grid of its attribution with the strongest pixels bracketed.
/// </summary>
public static class ExplanationView
{
    /// <summary>How many of the strongest positions or pixels are marked and listed.</summary>
    public const int Strongest = 5;

    // The digit's 17 levels, dark to bright, as characters.
    private const string Ramp = " .:-=+*#%@";

    /// <summary>Prints <paramref name="explanations"/> of <paramref name="model"/>'s classes.</summary>
    public static void Print(IAnsiConsole console, string model, AttributionMethod method, int steps,
        IReadOnlyList<InputExplanation> explanations, IReadOnlyList<string> classes)
    {
        var how = method == AttributionMethod.IntegratedGradients ? $"{method.Name()} ({steps} steps)" : method.Name();
        console.WriteLine($"{model}, {how}: each element's attribution to the target class's logit");
        foreach (var e in explanations)
        {
            console.WriteLine();
            // As predict's table writes a source: Text, not Markup (a file name may hold brackets), and escaped,
            // since it may hold ESC too.
            console.Write(new Text($"{Excerpt.Escaped(e.Source)}\n"));
            var which = e.Target == e.Predicted ? "the predicted class" : $"predicted {classes[e.Predicted]}";
            console.WriteLine($"  target {classes[e.Target]} ({which}): logit {Number(e.TargetLogit)}, " +
                $"the blank baseline's {Number(e.BaselineLogit)}");
            if (e.Delta is { } delta)
                console.WriteLine($"  Σ attributions {Number(e.Values.Sum())}, f(x) − f(b) " +
                    $"{Number(e.TargetLogit - e.BaselineLogit)}: completeness error {Number(delta)} " +
                    $"({Percent(e.RelativeDelta)} of max(|f(x) − f(b)|, 1); bound " +
                    $"{Percent(InputExplanation.CompletenessBound)}){(e.OverBound ? ", OVER THE BOUND" : "")}");
            if (e.Shape.Length == 2) Sequence(console, e);
            else Digit(console, e);
        }
    }

    // The letters, a ruler, and ^ under the strongest positions by |attribution| summed over the letters.
    private static void Sequence(IAnsiConsole console, InputExplanation e)
    {
        var (letters, length) = ((int)e.Shape[0], (int)e.Shape[1]);
        var present = Enumerable.Range(0, length).Select(p => Enumerable.Range(0, letters)
            .Where(a => e.Example[a * length + p] != 0).Select(a => SpliceCsv.Alphabet[a]).FirstOrDefault('-'));
        var mass = Enumerable.Range(0, length).Select(p => Enumerable.Range(0, letters)
            .Sum(a => Math.Abs(e.Values[a * length + p]))).ToArray();
        var signed = Enumerable.Range(0, length).Select(p => Enumerable.Range(0, letters)
            .Sum(a => e.Values[a * length + p])).ToArray();
        var top = Top(mass);
        console.WriteLine($"  position  {Ruler(length)}");
        console.WriteLine($"  sequence  {string.Concat(present)}");
        var marks = string.Concat(Enumerable.Range(0, length).Select(p => top.Contains(p) ? '^' : ' '));
        console.WriteLine($"  strongest {marks}".TrimEnd());
        console.WriteLine($"  the {top.Count} strongest (summed over the letters): " +
            string.Join(", ", top.Select(p => $"{p + 1} {present.ElementAt(p)} {Signed(signed[p])}")));
    }

    // The digit's levels beside its attribution: # + . - = by sign and share of the largest |value|.
    private static void Digit(IAnsiConsole console, InputExplanation e)
    {
        var (rows, columns) = ((int)e.Shape[^2], (int)e.Shape[^1]);
        var top = Top(e.Values.Select(Math.Abs).ToArray());
        var largest = Math.Max(e.Values.Max(Math.Abs), float.Epsilon);
        console.WriteLine($"  digit{new string(' ', columns + 1)}attribution (# ≥ +50 %, + ≥ +15 %, " +
            "- ≤ −15 %, " +
            $"= ≤ −50 % of the largest |value|; [ ] the {top.Count} strongest)");
        for (var r = 0; r < rows; r++)
        {
            var digit = string.Concat(Enumerable.Range(0, columns).Select(c =>
                Ramp[(int)Math.Round(Math.Clamp(e.Example[r * columns + c], 0, 1) * (Ramp.Length - 1))]));
            var cells = string.Concat(Enumerable.Range(0, columns).Select(c =>
            {
                var i = r * columns + c;
                var mark = Shade(e.Values[i] / largest);
                return top.Contains(i) ? $"[{mark}]" : $" {mark} ";
            }));
            console.WriteLine($"  {digit}      {cells}".TrimEnd());
        }
        console.WriteLine($"  the {top.Count} strongest: " + string.Join(", ", top.Select(i =>
            $"row {i / columns + 1} column {i % columns + 1} {Signed(e.Values[i])}")));
    }

    private static char Shade(double share) => share switch
    {
        >= 0.5 => '#',
        >= 0.15 => '+',
        <= -0.5 => '=',
        <= -0.15 => '-',
        _ => '.',
    };

    // The indices of the largest values, strongest first; none that are zero.
    private static List<int> Top(IReadOnlyList<float> values) => [.. Enumerable.Range(0, values.Count)
        .Where(i => values[i] > 0).OrderByDescending(i => values[i]).ThenBy(i => i).Take(Strongest)];

    // 1-based: a digit every ten positions, a colon every five.
    private static string Ruler(int length) => string.Concat(Enumerable.Range(1, length).Select(p =>
        p % 10 == 0 ? (char)('0' + p / 10 % 10) : p % 5 == 0 ? ':' : '.'));

    private static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Signed(double value) => value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    private static string Percent(double share) =>
        (100 * share).ToString("G3", CultureInfo.InvariantCulture) + " %";
}
