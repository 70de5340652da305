using System.Globalization;

namespace TorchLab.Training.Data;

/// <summary>
/// Reads <c>digits.csv</c>: a header, then <c>label,p0,...,p63</c> per 8x8 image, pixels 0..16.
/// Pixels are scaled to [0, 1] (divided by 16); each example is (1, 8, 8).
/// </summary>
public static class DigitsCsv
{
    private const int Side = 8;

    /// <summary>Loads every row; a malformed row throws <see cref="DataFormatException"/> naming file, line and value.</summary>
    public static LabeledData Load(string path)
    {
        var features = new List<float>();
        var labels = new List<long>();
        foreach (var (line, fields) in CsvFile.Rows(path, 1 + Side * Side, "label and 64 pixels"))
        {
            if (!int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var label) || label is < 0 or > 9)
                throw new DataFormatException(path, line, $"label '{Excerpt.Of(fields[0])}' is not a digit 0-9");
            labels.Add(label);
            for (var p = 1; p < fields.Length; p++)
            {
                if (!float.TryParse(fields[p], NumberStyles.Float, CultureInfo.InvariantCulture, out var pixel) || !float.IsFinite(pixel) || pixel is < 0 or > 16)
                    throw new DataFormatException(path, line, $"pixel p{p - 1} '{Excerpt.Of(fields[p])}' is not a number in 0..16");
                features.Add(pixel / 16f);
            }
        }
        return new LabeledData(features.ToArray(), [1, Side, Side], labels.ToArray(),
            Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray());
    }
}
