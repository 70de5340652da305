namespace TorchLab.Training.Data;

/// <summary>
/// The caps on a data file, far above the lab's own files (digits.csv is 265 KB with rows of
/// about 200 characters, splice.csv 202 KB with rows of 65) yet low enough that a broken or
/// hostile file costs a bounded amount of memory: a file is read a line at a time, so the
/// memory is the parsed examples (at most a few times the file) plus one line.
/// </summary>
public static class CsvLimits
{
    /// <summary>Largest data file, in bytes (64 MiB: 250 times digits.csv).</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>Longest line, in characters (64 Ki: 300 times the longest row of the lab's files).</summary>
    public const int MaxLineChars = 64 << 10;
}
