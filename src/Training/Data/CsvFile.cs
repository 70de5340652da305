using System.Text;

namespace TorchLab.Training.Data;

internal static class CsvFile
{
    /// <summary>
    /// The data rows of a CSV file after its header, split at commas, with their 1-based line
    /// numbers; blank lines are skipped, and a row with another column count than
    /// <paramref name="columns"/> is an error naming the file and line. The file must be a
    /// regular file within <see cref="CsvLimits"/>; it is read one line at a time.
    /// </summary>
    public static IEnumerable<(int line, string[] fields)> Rows(string path, int columns, string layout)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException(
                $"data file '{path}' not found (the lab's data lives in data/; see data/README.md)", path);
        using var reader = new StreamReader(InputFile.Open(path, CsvLimits.MaxFileBytes, "a data file"), Encoding.UTF8);
        var lineNumber = 1;
        var header = ReadLine(reader, path, lineNumber) ?? throw new DataFormatException(path, 1, "the file is empty");
        // A file without its header would silently lose its first example.
        if (!header.StartsWith("label,", StringComparison.Ordinal))
            throw new DataFormatException(path, 1,
                $"expected a header starting with 'label,' ({layout}), found '{Excerpt.Of(header)}'");
        var any = false;
        for (var line = ReadLine(reader, path, ++lineNumber); line is not null;
             line = ReadLine(reader, path, ++lineNumber))
        {
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != columns)
                throw new DataFormatException(path, lineNumber,
                    $"expected {columns} columns ({layout}), found {fields.Length}");
            any = true;
            yield return (lineNumber, fields);
        }
        if (!any) throw new DataFormatException(path, 1, "no data rows");
    }

    // StreamReader.ReadLine, but refusing a line over the cap before holding more of it than that.
    private static string? ReadLine(StreamReader reader, string path, int lineNumber)
    {
        var line = new StringBuilder();
        while (true)
        {
            var c = reader.Read();
            if (c < 0) return line.Length == 0 ? null : line.ToString();
            if (c == '\n') return line.ToString();
            if (c == '\r')
            {
                if (reader.Peek() == '\n') reader.Read();
                return line.ToString();
            }
            if (line.Length == CsvLimits.MaxLineChars)
                throw new DataFormatException(path, lineNumber,
                    $"the line is longer than {CsvLimits.MaxLineChars} characters, the limit for a data file's line");
            line.Append((char)c);
        }
    }
}
