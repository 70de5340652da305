namespace TorchLab.Training.Data;

/// <summary>
/// Reads <c>splice.csv</c>: a header, then <c>label,sequence</c> with labels EI, IE, N and
/// 60 letters of ACGT. Each sequence becomes a one-hot (4, 60) example, channels A, C, G, T.
/// </summary>
public static class SpliceCsv
{
    /// <summary>The class names, in label order.</summary>
    public static readonly IReadOnlyList<string> Classes = ["EI", "IE", "N"];

    /// <summary>
    /// The letters, in channel order. splice.csv holds these four only (StatLog's 3-bit coding has
    /// no code for the UCI file's ambiguity letters D, N, R, S), so a model never saw another one
    /// and none is accepted.
    /// </summary>
    public const string Alphabet = "ACGT";

    /// <summary>The letters per sequence in splice.csv.</summary>
    public const int Length = 60;

    /// <summary>Loads every row; a bad row throws <see cref="DataFormatException"/> naming file, line, value.</summary>
    public static LabeledData Load(string path, int length = Length)
    {
        var features = new List<float>();
        var labels = new List<long>();
        foreach (var (line, fields) in CsvFile.Rows(path, 2, "label,sequence"))
        {
            var label = Array.IndexOf(Classes.ToArray(), fields[0]);
            if (label < 0)
                throw new DataFormatException(path, line,
                    $"label '{Excerpt.Of(fields[0])}' is not one of {string.Join(", ", Classes)}");
            try
            {
                features.AddRange(OneHot(fields[1], length));
            }
            catch (FormatException e)
            {
                throw new DataFormatException(path, line, e.Message);
            }
            labels.Add(label);
        }
        return new LabeledData(features.ToArray(), [4, length], labels.ToArray(), Classes);
    }

    /// <summary>
    /// The one-hot (4, <paramref name="length"/>) example of <paramref name="sequence"/>, row-major:
    /// channel c holds 1 where the letter is <c>Alphabet[c]</c>.
    /// </summary>
    /// <exception cref="FormatException">
    /// The length is wrong, or a letter (named with its 1-based position) is not one of <see cref="Alphabet"/>.
    /// </exception>
    public static float[] OneHot(string sequence, int length = Length)
    {
        if (sequence.Length != length)
            throw new FormatException($"sequence has {sequence.Length} letters, expected {length}");
        var example = new float[4 * length];
        for (var position = 0; position < length; position++)
        {
            var channel = Alphabet.IndexOf(sequence[position]);
            if (channel < 0)
                throw new FormatException($"letter {Excerpt.CharacterAt(sequence, position)} at position " +
                    $"{position + 1} is not one of A, C, G, T");
            example[channel * length + position] = 1f;
        }
        return example;
    }
}
