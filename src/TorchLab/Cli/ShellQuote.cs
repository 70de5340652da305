namespace TorchLab.Cli;

/// <summary>Paths in the command lines that messages suggest, ready to paste into a shell.</summary>
public static class ShellQuote
{
    /// <summary>
    /// <paramref name="path"/> as it is when plain, else in single quotes, which keep $, backticks
    /// and spaces literal.
    /// </summary>
    public static string Of(string path) =>
        path.Length > 0 && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_')
            ? path
            : $"'{path.Replace("'", "'\\''")}'";
}
