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
