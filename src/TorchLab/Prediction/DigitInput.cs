using TorchLab.Images;
using TorchLab.Training.Data;

namespace TorchLab.Prediction;

/// <summary>
/// Digits to classify, scaled as digits.csv's are (<see cref="DigitsCsv.Pixel"/>): an 8x8 8-bit
/// greyscale PNG, or a CSV file of digits.csv rows (64 pixels 0..16, optionally after the label,
/// optionally under its header).
/// </summary>
/// <remarks>
/// A PNG's grey g (0..255) is the data's level round(16·g/255), and a level v is written as the
/// grey round(255·v/16): the file holds 17 levels only, so the nearest one is what the model was
/// trained on, and a data row written as a PNG reads back as exactly that row. Bright is ink, as in
/// the data (0 is blank paper, 16 a fully inked cell): a digit drawn dark on light needs inverting.
/// A PNG with transparent pixels (a tRNS chunk) is refused: the data has no level for them.
/// </remarks>
public static class DigitInput
{
    /// <summary>An example's shape, as the digit models take it.</summary>
    public static readonly long[] Shape = [1, DigitsCsv.Side, DigitsCsv.Side];

    private const string Reads = "the digit models read 8x8 8-bit greyscale PNGs or CSV rows of 64 " +
        "pixels 0..16 as in digits.csv";

    /// <summary>The digits in the PNG or CSV file <paramref name="path"/>.</summary>
    public static IEnumerable<PredictionInput> Read(string path)
    {
        if (!InputLines.Exists(path, Reads))
            throw new FileNotFoundException($"input '{InputLines.Named(path)}' not found", path);
        if (PngFile.ReadHeader(path) is { } header) return [Png(path, header)];
        if (Path.GetExtension(path).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg" or ".gif" or ".bmp" or ".webp")
            throw new InvalidDataException($"'{InputLines.Named(path)}' is not a PNG file; {Reads}");
        return Rows(path);
    }

    /// <summary>The data's level (0..16) of a PNG grey (0..255).</summary>
    public static int LevelOf(byte grey) => (int)Math.Round(grey * (double)DigitsCsv.MaxPixel / 255);

    /// <summary>The PNG grey (0..255) of a data level (0..16).</summary>
    public static byte GreyOf(float level) => (byte)Math.Round(level * 255.0 / DigitsCsv.MaxPixel);

    private static PredictionInput Png(string path, PngHeader header)
    {
        if (header is not { Width: DigitsCsv.Side, Height: DigitsCsv.Side, BitDepth: 8, ColorType: 0 })
            throw new InvalidDataException($"'{InputLines.Named(path)}' is a PNG of {header}; {Reads}");
        var rgba = PngFile.ReadRgba(path, DigitsCsv.Side * DigitsCsv.Side);
        var example = new float[DigitsCsv.Side * DigitsCsv.Side];
        for (var y = 0; y < DigitsCsv.Side; y++)
        for (var x = 0; x < DigitsCsv.Side; x++)
        {
            // Laid on white, a transparent cell would read as full ink; on black, as blank paper. The
            // data has no such cell, so the image is refused rather than guessed.
            if (rgba[3, y, x] < 255)
                throw new InvalidDataException($"'{InputLines.Named(path)}' has transparent pixels (a tRNS chunk " +
                    $"makes row {y + 1}, column {x + 1} {Math.Round(100 - rgba[3, y, x] / 2.55)} % transparent); " +
                    $"{Reads}, opaque, since digits.csv has no transparency: flatten the image (black is blank, " +
                    "white full ink)");
            example[y * DigitsCsv.Side + x] = DigitsCsv.Scaled(LevelOf(rgba[0, y, x]));
        }
        return new PredictionInput(path, example);
    }

    private static IEnumerable<PredictionInput> Rows(string path)
    {
        const int pixels = DigitsCsv.Side * DigitsCsv.Side;
        var name = InputLines.Named(path);
        foreach (var (line, text) in InputLines.Lines(path, Reads))
        {
            var fields = text.Split(',');
            if (fields.Length is not (pixels or pixels + 1))
                throw new DataFormatException(name, line, $"expected {pixels} pixels, or a label and {pixels} pixels " +
                    $"as in digits.csv, found {fields.Length} values in '{Excerpt.Of(text, 40)}'");
            string? label = null;
            if (fields.Length == pixels + 1)
            {
                label = DigitsCsv.Classes[DigitsCsv.Label(fields[0]) ?? throw new DataFormatException(name, line,
                    $"label '{Excerpt.Of(fields[0], 40)}' is not a digit 0-9")];
                fields = fields[1..];
            }
            var example = new float[pixels];
            for (var p = 0; p < pixels; p++)
                example[p] = DigitsCsv.Pixel(fields[p]) ?? throw new DataFormatException(name, line,
                    $"pixel p{p} '{Excerpt.Of(fields[p], 40)}' is not a number in 0..16");
            yield return new PredictionInput($"{path}:{line}", example, label);
        }
    }
}
