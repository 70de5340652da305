using System.Globalization;
using System.Text;
using TorchLab.Training.Data;

namespace TorchLab.Explanation;

/// <summary>
/// <c>explain --csv</c>: a header, then one row per element of each input, no markup. DNA:
/// <c>input,target,method,position,letter,value</c>, positions 1..60 in order and at each the letters A, C, G, T
/// (240 rows per input, every one-hot element, not only the letter present); digits:
/// <c>input,target,method,row,column,value</c>, rows 1..8 and in each the columns 1..8 (64 rows per input).
/// <c>value</c> is the attribution to the target's logit, written so that it reads back as the same float.
/// </summary>
public static class ExplanationCsv
{
    /// <summary>The CSV of <paramref name="explanations"/>; <paramref name="classes"/> names the targets.</summary>
    public static string Of(IReadOnlyList<InputExplanation> explanations, AttributionMethod method,
        IReadOnlyList<string> classes)
    {
        var text = new StringBuilder();
        var sequences = explanations.Count == 0 || explanations[0].Shape.Length == 2;
        text.AppendLine(sequences
            ? "input,target,method,position,letter,value"
            : "input,target,method,row,column,value");
        foreach (var e in explanations)
        {
            var prefix = $"{Excerpt.CsvField(e.Source)},{classes[e.Target]},{method.Name()},";
            var (outer, inner) = sequences ? (e.Shape[1], e.Shape[0]) : (e.Shape[^2], e.Shape[^1]);
            for (var i = 0; i < outer; i++)
            for (var j = 0; j < inner; j++)
            {
                // Sequences are stored letter by position (4, L): element (letter j, position i).
                var value = sequences ? e.Values[j * outer + i] : e.Values[i * inner + j];
                var second = sequences
                    ? SpliceCsv.Alphabet[j].ToString()
                    : (j + 1).ToString(CultureInfo.InvariantCulture);
                text.Append(prefix).Append(i + 1).Append(',').Append(second).Append(',')
                    .AppendLine(value.ToString("R", CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }
}
