using System.Globalization;
using TorchLab.Training.Data;

namespace TorchLab.Prediction;

/// <summary>The checks every input file passes before it is read, and its lines; what is read is bounded.</summary>
internal static class InputLines
{
    /// <summary>The largest input file read, in bytes: a hundred times digits.csv, far more than a table can
    /// show.</summary>
    public const long MaxBytes = 32L << 20;

    /// <summary>The longest line read: a row of 64 pixels or a 60-letter sequence is far shorter, and splitting a
    /// longer one would cost memory out of proportion.</summary>
    public const int MaxLineChars = 4096;

    /// <summary>Whether <paramref name="path"/> names a file; a folder, an empty file or one over <see
    /// cref="MaxBytes"/> is refused by name.</summary>
    public static bool Exists(string path, string reads)
    {
        if (Directory.Exists(path)) throw new InvalidDataException($"input '{path}' is a folder; {reads}");
        if (!File.Exists(path)) return false;
        if (InputFile.Refusal(path) is { } refusal)
            throw new InvalidDataException($"input '{path}' {refusal}; {reads}");
        var length = new FileInfo(path).Length;
        if (length == 0) throw new InvalidDataException($"input '{path}' is empty; {reads}");
        if (length > MaxBytes)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"input '{path}' is {length:N0} bytes, over the limit of {MaxBytes:N0} for an input file"));
        return true;
    }

    /// <summary>
    /// The file's non-blank lines, trimmed, with their 1-based numbers; a first line starting with
    /// <c>label,</c> (a CSV header) is left out. A file with a NUL byte in its first 4 KiB (an image,
    /// a .pt) is refused as not text, naming what <paramref name="reads"/>, and so is a line over
    /// <see cref="MaxLineChars"/>.
    /// </summary>
    public static IEnumerable<(int line, string text)> Lines(string path, string reads)
    {
        var head = new byte[4096];
        int read;
        using (var stream = InputFile.Open(path, MaxBytes, "an input file")) read = stream.ReadAtLeast(head,
            head.Length, throwOnEndOfStream: false);
        if (Array.IndexOf(head, (byte)0, 0, read) >= 0)
            throw new InvalidDataException($"input '{path}' is not a text file; {reads}");
        return Read(path);
    }

    private static IEnumerable<(int line, string text)> Read(string path)
    {
        var number = 0;
        using var reader = new StreamReader(InputFile.Open(path, MaxBytes, "an input file"));
        for (var text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            number++;
            if (text.Length > MaxLineChars)
                throw new DataFormatException(path, number, string.Create(CultureInfo.InvariantCulture,
                    $"the line is {text.Length:N0} characters long, over the {MaxLineChars:N0} an input row may have"));
            if (text.Trim().Length == 0 || number == 1 && text.StartsWith("label,", StringComparison.Ordinal)) continue;
            yield return (number, text.Trim());
        }
    }
}
