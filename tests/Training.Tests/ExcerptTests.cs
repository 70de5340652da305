using System.Diagnostics;
using TorchLab.Training.Data;

namespace TorchLab.Training.Tests;

public class ExcerptTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("\u001b[2J\u0007\0\u007f", @"\x1b[2J\x07\x00\x7f")]
    [InlineData("a\\b", @"a\\b")]
    [InlineData("bidi \u202e flip, zero\u200bwidth", @"bidi \u202e flip, zero\u200bwidth")]
    [InlineData("tab\tand\nnewline\r", @"tab\x09and\x0anewline\x0d")]
    [InlineData("ACGT é 🧬", "ACGT é 🧬")]
    public void Control_and_format_characters_are_escaped(string text, string expected) =>
        Assert.Equal(expected, Excerpt.Of(text));

    [Theory]
    [InlineData("ACGN", 3, "'N'")]
    [InlineData("AC\u0410", 2, "'\u0410' (U+0410)")]
    [InlineData("\u001b[31m", 0, @"'\x1b' (U+001B)")]
    [InlineData("A\U0001F9EC", 1, "'\U0001F9EC' (U+1F9EC)")]
    public void A_character_is_named_with_its_code_point_unless_printable_ascii(string text, int index, string expected) =>
        Assert.Equal(expected, Excerpt.CharacterAt(text, index));

    [Fact]
    public void A_lone_surrogate_is_named_escaped() =>
        Assert.Equal(@"'\ud800' (U+D800)", Excerpt.CharacterAt("A" + (char)0xD800, 1));   // not in InlineData: it breaks there

    [Fact]
    public void Escaped_escapes_the_whole_text_and_never_cuts_it()
    {
        var name = new string('n', 200) + "\u001b[31m\n.csv";
        Assert.Equal(new string('n', 200) + @"\x1b[31m\x0a.csv", Excerpt.Escaped(name));
    }

    [Fact]
    public void A_long_text_is_cut_with_its_length_and_costs_only_its_start()
    {
        var text = new string('k', 60 << 20);
        var clock = Stopwatch.StartNew();
        var excerpt = Excerpt.Of(text);
        Assert.True(clock.ElapsedMilliseconds < 100, $"{clock.ElapsedMilliseconds} ms");
        Assert.Equal(new string('k', Excerpt.MaxLength) + $"... ({60 << 20} characters)", excerpt);
        Assert.Equal(new string('k', Excerpt.MaxLength), Excerpt.Of(new string('k', Excerpt.MaxLength)));
    }
}
