namespace TorchLab.Training.Data;

internal static class CsvFile
{
    /// <summary>
    /// The data rows of a CSV file after its header, split at commas, with their 1-based line
    /// numbers; blank lines are skipped, and a row with another column count than
    /// <paramref name="columns"/> is an error naming the file and line.
    /// </summary>
    public static IEnumerable<(int line, string[] fields)> Rows(string path, int columns, string layout)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"data file '{path}' not found (the lab's data lives in data/; see data/README.md)", path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new DataFormatException(path, 1, "the file is empty");
        // A file without its header would silently lose its first example.
        if (!lines[0].StartsWith("label,", StringComparison.Ordinal))
            throw new DataFormatException(path, 1, $"expected a header starting with 'label,' ({layout}), found '{Clip(lines[0])}'");
        var any = false;
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var fields = lines[i].Split(',');
            if (fields.Length != columns)
                throw new DataFormatException(path, i + 1, $"expected {columns} columns ({layout}), found {fields.Length}");
            any = true;
            yield return (i + 1, fields);
        }
        if (!any) throw new DataFormatException(path, 1, "no data rows");
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
