using System.Globalization;

namespace TorchLab.Training.Data;

/// <summary>
/// Reads <c>digits.csv</c>: a header, then <c>label,p0,...,p63</c> per 8x8 image, pixels 0..16.
/// Pixels are scaled to [0, 1] (divided by 16); each example is (1, 8, 8).
/// </summary>
public static class DigitsCsv
{
    /// <summary>The images' width and height.</summary>
    public const int Side = 8;

    /// <summary>The largest pixel value in the file: UCI's pixels count a 4x4 block's inked cells, 0..16.</summary>
    public const int MaxPixel = 16;

    /// <summary>The class names, in label order: the digits 0-9.</summary>
    public static readonly IReadOnlyList<string> Classes =
        [.. Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Loads every row; a bad row throws <see cref="DataFormatException"/> naming file, line, value.</summary>
    public static LabeledData Load(string path)
    {
        var features = new List<float>();
        var labels = new List<long>();
        foreach (var (line, fields) in CsvFile.Rows(path, 1 + Side * Side, "label and 64 pixels"))
        {
            labels.Add(Label(fields[0])
                ?? throw new DataFormatException(path, line, $"label '{Excerpt.Of(fields[0])}' is not a digit 0-9"));
            for (var p = 1; p < fields.Length; p++)
                features.Add(Pixel(fields[p]) ?? throw new DataFormatException(path, line,
                    $"pixel p{p - 1} '{Excerpt.Of(fields[p])}' is not a number in 0..16"));
        }
        return new LabeledData(features.ToArray(), [1, Side, Side], labels.ToArray(), Classes);
    }

    /// <summary>The label a field holds, or null if it is not a digit 0-9.</summary>
    public static int? Label(string field) =>
        int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var label) && label is >= 0 and <= 9
            ? label : null;

    /// <summary>A pixel field as the model's input (0..16 scaled to [0, 1]), or null if not a number 0..16.</summary>
    public static float? Pixel(string field) =>
        float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var pixel)
            && float.IsFinite(pixel) && pixel is >= 0 and <= MaxPixel
            ? Scaled(pixel) : null;

    /// <summary>A pixel value of the file (0..16) as the models see it.</summary>
    public static float Scaled(float pixel) => pixel / MaxPixel;
}
