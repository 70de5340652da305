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

    /// <summary>The most characters of a file name or an argument a message quotes: a whole path as people
    /// type them, yet a 100,000-character argument gives a line a terminal shows.</summary>
    public const int MaxNameChars = 160;

    /// <summary><paramref name="name"/> (a file name, an argument) as messages quote it: escaped, and cut after
    /// <see cref="MaxNameChars"/>.</summary>
    public static string Named(string name) => Excerpt.Of(name, MaxNameChars);

    /// <summary>Whether <paramref name="path"/> names a file; a folder, a loop of symbolic links, an empty file
    /// or one over <see cref="MaxBytes"/> is refused by name.</summary>
    public static bool Exists(string path, string reads)
    {
        if (Directory.Exists(path)) throw new InvalidDataException($"input '{Named(path)}' is a folder; {reads}");
        if (!File.Exists(path)) return false;
        if (InputFile.Refusal(path) is { } refusal)
            throw new InvalidDataException($"input '{Named(path)}' {refusal}; {reads}");
        var length = new FileInfo(path).Length;
        if (length == 0) throw new InvalidDataException($"input '{Named(path)}' is empty; {reads}");
        if (length > MaxBytes)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"input '{Named(path)}' is {length:N0} bytes, over the limit of {MaxBytes:N0} for an input file"));
        return true;
    }

    /// <summary>
    /// The file's non-blank lines, trimmed, with their 1-based numbers; a first line starting with
    /// <c>label,</c> (a CSV header) is left out. A file with a NUL byte in its first 4 KiB (an image,
    /// a .pt) is refused as not text, naming what <paramref name="reads"/>, and so is a line over
    /// <see cref="MaxLineChars"/>, once that many characters and one more are read.
    /// </summary>
    public static IEnumerable<(int line, string text)> Lines(string path, string reads)
    {
        var head = new byte[4096];
        int read;
        using (var stream = InputFile.Open(path, MaxBytes, "an input file")) read = stream.ReadAtLeast(head,
            head.Length, throwOnEndOfStream: false);
        if (Array.IndexOf(head, (byte)0, 0, read) >= 0)
            throw new InvalidDataException($"input '{Named(path)}' is not a text file; {reads}");
        return Read(path);
    }

    private static IEnumerable<(int line, string text)> Read(string path)
    {
        using var reader = new StreamReader(InputFile.Open(path, MaxBytes, "an input file"));
        foreach (var (number, text) in BoundedLines.Of(reader, Named(path), MaxLineChars, "an input row"))
        {
            if (text.Trim().Length == 0 || number == 1 && text.StartsWith("label,", StringComparison.Ordinal)) continue;
            yield return (number, text.Trim());
        }
    }
}
