using TorchLab.Training.Data;

namespace TorchLab.Training.Tests;

public class BoundedLinesTests
{
    [Fact]
    public void Lines_end_at_each_kind_of_line_break_and_keep_their_numbers()
    {
        var lines = BoundedLines.Of(new StringReader("a\nbb\r\n\rccc\r\n\ndd"), "f.csv", 10, "a line").ToList();
        Assert.Equal([(1, "a"), (2, "bb"), (3, ""), (4, "ccc"), (5, ""), (6, "dd")], lines);
        Assert.Empty(BoundedLines.Of(new StringReader(""), "f.csv", 10, "a line"));
        Assert.Equal([(1, "x")], BoundedLines.Of(new StringReader("x\n"), "f.csv", 10, "a line"));
    }

    [Fact]
    public void A_line_over_the_cap_is_refused_after_one_character_more_is_read()
    {
        var reader = new StringReader("1234\n12345\n" + new string('x', 1000));
        var error = Assert.Throws<DataFormatException>(() => BoundedLines.Of(reader, "f.csv", 4, "a line").ToList());
        Assert.Equal("f.csv:2: the line is longer than 4 characters, the limit for a line", error.Message);
        Assert.Equal('\n', (char)reader.Read());   // line 2's fifth character was the last one read
    }
}
