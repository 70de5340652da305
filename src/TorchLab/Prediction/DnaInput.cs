using TorchLab.Training.Data;

namespace TorchLab.Prediction;

/// <summary>
/// DNA windows to classify, one-hot encoded as splice.csv's are (<see cref="SpliceCsv.OneHot"/>):
/// a 60-letter sequence of A, C, G and T given on the command line, or a file of them, one per line,
/// each either the sequence alone or a splice.csv row <c>label,sequence</c> (under its header or not).
/// </summary>
public static class DnaInput
{
    /// <summary>An example's shape, as the sequence models take it: channels A, C, G, T by position.</summary>
    public static readonly long[] Shape = [4, SpliceCsv.Length];

    private const string Reads = "the sequence models read 60-letter DNA sequences of A, C, G and T, or files of " +
        "them one per line (as 'label,sequence' in splice.csv, or alone)";

    /// <summary>
    /// The sequences of <paramref name="argument"/>, the <paramref name="position"/>-th input on the
    /// command line: a file if one has that name, else a sequence.
    /// </summary>
    public static IEnumerable<PredictionInput> Read(string argument, int position)
    {
        if (InputLines.Exists(argument, Reads)) return Lines(argument);
        if (!SequenceArgument.LooksLikeOne(argument))
            throw new FileNotFoundException($"input '{InputLines.Named(argument)}' not found", argument);
        if (SequenceArgument.Problem(argument) is { } problem)
            throw new InvalidDataException($"input {position} '{Excerpt.Of(argument, 40)}' names no file and is " +
                $"not a DNA sequence: {problem}");
        return [new PredictionInput(Abbreviated(argument), SpliceCsv.OneHot(argument))];
    }

    private static IEnumerable<PredictionInput> Lines(string path)
    {
        var name = InputLines.Named(path);
        foreach (var (line, text) in InputLines.Lines(path, Reads))
        {
            var fields = text.Split(',');
            if (fields.Length > 2)
                throw new DataFormatException(name, line, $"expected a sequence or 'label,sequence', found " +
                    $"{fields.Length} values in '{Excerpt.Of(text, 40)}'");
            var label = fields.Length == 2 ? fields[0] : null;
            if (label is not null && !SpliceCsv.Classes.Contains(label))
                throw new DataFormatException(name, line, $"label '{Excerpt.Of(label, 40)}' is not one of " +
                    $"{string.Join(", ", SpliceCsv.Classes)}");
            float[] example;
            try
            {
                example = SpliceCsv.OneHot(fields[^1]);
            }
            catch (FormatException e)
            {
                throw new DataFormatException(name, line, e.Message);
            }
            yield return new PredictionInput($"{path}:{line}", example, label);
        }
    }

    // The table's name for a sequence typed on the command line: its two ends.
    private static string Abbreviated(string sequence) => $"{sequence[..8]}...{sequence[^8..]}";
}
