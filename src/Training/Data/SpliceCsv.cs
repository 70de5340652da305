namespace TorchLab.Training.Data;

/// <summary>
/// Reads <c>splice.csv</c>: a header, then <c>label,sequence</c> with labels EI, IE, N and
/// 60 letters of ACGT. Each sequence becomes a one-hot (4, 60) example, channels A, C, G, T.
/// </summary>
public static class SpliceCsv
{
    /// <summary>The class names, in label order.</summary>
    public static readonly IReadOnlyList<string> Classes = ["EI", "IE", "N"];

    private const string Alphabet = "ACGT";

    /// <summary>Loads every row; a malformed row throws <see cref="DataFormatException"/> naming file, line and value.</summary>
    public static LabeledData Load(string path, int length = 60)
    {
        var features = new List<float>();
        var labels = new List<long>();
        foreach (var (line, fields) in CsvFile.Rows(path, 2, "label,sequence"))
        {
            var label = Array.IndexOf(Classes.ToArray(), fields[0]);
            if (label < 0)
                throw new DataFormatException(path, line, $"label '{Excerpt.Of(fields[0])}' is not one of {string.Join(", ", Classes)}");
            var sequence = fields[1];
            if (sequence.Length != length)
                throw new DataFormatException(path, line, $"sequence has {sequence.Length} letters, expected {length}");
            var example = new float[4 * length];
            for (var position = 0; position < length; position++)
            {
                var channel = Alphabet.IndexOf(sequence[position]);
                if (channel < 0)
                    throw new DataFormatException(path, line, $"letter '{Excerpt.Of(sequence[position])}' at position {position + 1} is not one of A, C, G, T");
                example[channel * length + position] = 1f;
            }
            features.AddRange(example);
            labels.Add(label);
        }
        return new LabeledData(features.ToArray(), [4, length], labels.ToArray(), Classes);
    }
}
