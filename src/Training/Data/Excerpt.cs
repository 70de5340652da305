using System.Globalization;
using System.Text;

namespace TorchLab.Training.Data;

/// <summary>
/// The one way an error message quotes what it read from an input file: short, and safe to print
/// to a terminal. A hostile file can hold a 60 MB key or raw escape sequences (ESC, BEL, NUL),
/// and a message that echoed them whole would flood or reprogram the terminal.
/// </summary>
public static class Excerpt
{
    /// <summary>Most characters of the input a message quotes, before the ellipsis.</summary>
    public const int MaxLength = 60;

    /// <summary>
    /// The start of <paramref name="text"/>: control and format characters (ESC, BEL, NUL, DEL,
    /// bidi overrides...) and lone surrogates written as <c>\x1b</c> or <c>\u202e</c>, a backslash
    /// as <c>\\</c>, and cut after <paramref name="maxLength"/> characters with "..." and the
    /// whole length. Only the start is looked at, so the cost does not grow with the text.
    /// </summary>
    public static string Of(string text, int maxLength = MaxLength)
    {
        var result = new StringBuilder();
        var i = 0;
        for (; i < text.Length && result.Length < maxLength; i++)
        {
            var c = text[i];
            if (char.IsSurrogatePair(text, i)) result.Append(c).Append(text[++i]);
            else if (c == '\\') result.Append(@"\\");
            else if (c < 0x100 && char.IsControl(c)) result.Append($"\\x{(int)c:x2}");
            else if (char.IsControl(c) || char.IsSurrogate(c) || IsInvisible(CharUnicodeInfo.GetUnicodeCategory(c)))
                result.Append($"\\u{(int)c:x4}");
            else result.Append(c);
        }
        return i < text.Length ? $"{result}... ({text.Length} characters)" : result.ToString();
    }

    // Characters that draw nothing or break the line, so a message would hide them.
    private static bool IsInvisible(UnicodeCategory category) =>
        category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary><see cref="Of(string, int)"/> for one character.</summary>
    public static string Of(char c) => Of(c.ToString());

    /// <summary>
    /// The whole of <paramref name="text"/>, escaped as <see cref="Of(string, int)"/> escapes it but never cut:
    /// for a name a table or a CSV file shows in full (a file name is at most 4,096 bytes).
    /// </summary>
    public static string Escaped(string text) => Of(text, int.MaxValue);

    /// <summary>
    /// <paramref name="text"/> as one CSV field: <see cref="Escaped"/>, so the row stays one line that prints
    /// safely, then quoted as RFC 4180 says when it holds a comma or a quote (its quotes doubled).
    /// </summary>
    public static string CsvField(string text)
    {
        var field = Escaped(text);
        return field.IndexOfAny([',', '"']) < 0 ? field : $"\"{field.Replace("\"", "\"\"")}\"";
    }

    /// <summary>
    /// The character (or surrogate pair) at <paramref name="index"/> quoted, with its code point unless it is
    /// printable ASCII: 'N', but 'А' (U+0410) and '\x1b' (U+001B), since a look-alike letter or a control
    /// character cannot be told by eye.
    /// </summary>
    public static string CharacterAt(string text, int index)
    {
        if (!Rune.TryGetRuneAt(text, index, out var rune)) return $"'{Of(text[index])}' (U+{(int)text[index]:X4})";
        var quoted = $"'{Of(rune.ToString())}'";
        return rune.Value is >= 0x20 and < 0x7f ? quoted : $"{quoted} (U+{rune.Value:X4})";
    }
}
