using TorchLab.Training.Data;

namespace TorchLab.Prediction;

/// <summary>
/// A command-line argument that names no file but was meant as a DNA sequence, and what keeps it from being
/// one: "not found" would hide a look-alike letter (a Cyrillic А), GenBank's groups of ten or a pasted
/// escape sequence.
/// </summary>
internal static class SequenceArgument
{
    // Shorter than this, an argument that is not letters alone reads as a file name ("cat.txt").
    private const int MinLength = 20;

    /// <summary>Whether <paramref name="argument"/> was meant as a sequence: letters alone, or at least
    /// <see cref="MinLength"/> characters, at least half of them A, C, G or T (either case), and no '/'.</summary>
    public static bool LooksLikeOne(string argument)
    {
        if (argument.Length == 0 || argument.Contains('/')) return false;
        if (argument.All(char.IsAsciiLetter)) return true;
        var bases = argument.Count(c => "ACGTacgt".Contains(c));
        return argument.Length >= MinLength && 2 * bases >= argument.Count(c => c != ' ');
    }

    /// <summary>
    /// What keeps <paramref name="argument"/> from being a sequence of <see cref="SpliceCsv.Length"/> letters
    /// of <see cref="SpliceCsv.Alphabet"/>: its spaces, its first other character with its 1-based position
    /// and code point, or else its length; null when it is one.
    /// </summary>
    public static string? Problem(string argument)
    {
        var problems = new List<string>();
        var spaces = argument.Count(c => c == ' ');
        if (spaces > 0)
            problems.Add($"it holds {spaces} space{(spaces == 1 ? "" : "s")}, the first at position " +
                $"{argument.IndexOf(' ') + 1} (GenBank's groups of ten): remove them");
        var bad = argument.AsSpan().IndexOfAnyExcept(SpliceCsv.Alphabet + " ");
        if (bad >= 0)
        {
            var what = char.IsLetter(argument, bad) ? "letter" : "character";
            var capitals = "acgt".Contains(argument[bad]) ? " (the models read capitals)" : "";
            problems.Add($"{what} {Excerpt.CharacterAt(argument, bad)} at position {bad + 1} is not one of " +
                $"A, C, G, T{capitals}");
        }
        var letters = argument.Length - spaces;
        if (bad < 0 && letters != SpliceCsv.Length)
            problems.Add($"sequence has {letters} letters{(spaces > 0 ? " besides the spaces" : "")}, expected " +
                $"{SpliceCsv.Length}");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
