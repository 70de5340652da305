namespace TorchLab.Training.Data;

internal static class CsvFile
{
    /// <summary>All lines of a data file, with a clear error when it is missing.</summary>
    public static string[] ReadLines(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"data file '{path}' not found (the lab's data lives in data/; see data/README.md)", path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new DataFormatException(path, 1, "the file is empty");
        return lines;
    }
}
