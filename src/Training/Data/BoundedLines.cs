using System.Text;

namespace TorchLab.Training.Data;

/// <summary>
/// A text's lines, each refused once it is longer than a cap, after at most the cap and one more character
/// have been held: <see cref="TextReader.ReadLine"/> would read a 30 MB line whole before its length could be
/// checked. The data reader and <c>predict</c>'s input files read their lines through it.
/// </summary>
public static class BoundedLines
{
    /// <summary>
    /// The lines of <paramref name="reader"/> (ended by \n, \r\n or \r; a last line may have no end) with
    /// their 1-based numbers, read as they are asked for.
    /// </summary>
    /// <param name="reader">The text, read one character at a time (a StreamReader buffers it).</param>
    /// <param name="path">The file, for the message.</param>
    /// <param name="maxChars">The longest line allowed, in characters.</param>
    /// <param name="what">What a line is, for the message: "a data file's line".</param>
    /// <exception cref="DataFormatException">A line is longer than <paramref name="maxChars"/>, naming the
    /// file, the line and the limit.</exception>
    public static IEnumerable<(int number, string text)> Of(TextReader reader, string path, int maxChars,
        string what)
    {
        var line = new StringBuilder();
        for (var number = 1; ; number++)
        {
            line.Clear();
            int c;
            while ((c = reader.Read()) >= 0 && c != '\n' && c != '\r')
            {
                if (line.Length == maxChars)
                    throw new DataFormatException(path, number,
                        $"the line is longer than {maxChars} characters, the limit for {what}");
                line.Append((char)c);
            }
            if (c < 0 && line.Length == 0) yield break;
            if (c == '\r' && reader.Peek() == '\n') reader.Read();
            yield return (number, line.ToString());
            if (c < 0) yield break;
        }
    }
}
