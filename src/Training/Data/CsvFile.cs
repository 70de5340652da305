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
        using var lines = BoundedLines.Of(reader, path, CsvLimits.MaxLineChars, "a data file's line").GetEnumerator();
        if (!lines.MoveNext()) throw new DataFormatException(path, 1, "the file is empty");
        var header = lines.Current.text;
        // A file without its header would silently lose its first example.
        if (!header.StartsWith("label,", StringComparison.Ordinal))
            throw new DataFormatException(path, 1,
                $"expected a header starting with 'label,' ({layout}), found '{Excerpt.Of(header)}'");
        var any = false;
        while (lines.MoveNext())
        {
            var (lineNumber, line) = lines.Current;
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
}
