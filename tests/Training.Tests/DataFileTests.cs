using TorchLab.Training.Data;

namespace TorchLab.Training.Tests;

public class DataFileTests
{
    private static string Write(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"torchlab-data-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private static readonly string DigitsHeader = "label," + string.Join(',', Enumerable.Range(0, 64).Select(i => $"p{i}")) + "\n";
    private static readonly string Pixels = string.Join(',', Enumerable.Repeat("3", 64));

    [Fact]
    public void Real_files_load_with_the_documented_shapes_and_splits()
    {
        var (train, test) = LabSplits.Digits(DataFiles.File("digits.csv"), 0);
        Assert.Equal((1437, 360), (train.Count, test.Count));
        Assert.Equal([1L, 8, 8], train.ExampleShape);
        Assert.InRange(train.Features.Max(), 0.99f, 1f);
        var (splice, spliceTest) = LabSplits.Splice(DataFiles.File("splice.csv"));
        Assert.Equal((2000, 1186), (splice.Count, spliceTest.Count));
        Assert.Equal([464, 485, 1051], Enumerable.Range(0, 3).Select(c => splice.Labels.Count(l => l == c)).ToArray());
        Assert.Equal([4L, 60], splice.ExampleShape);
        Assert.Equal(60f * 2000, splice.Features.Sum()); // exactly one letter per position
    }

    [Theory]
    [InlineData("5,1,2\n", 2, "expected 65 columns")]
    [InlineData("x,{P}\n", 2, "label 'x' is not a digit 0-9")]
    [InlineData("3,{P}\n12,{P}\n", 3, "label '12'")]
    [InlineData("3,{P},\n", 2, "expected 65 columns (label and 64 pixels), found 66")]
    public void Malformed_digits_rows_name_file_line_and_value(string rows, int line, string fragment)
    {
        var path = Write(DigitsHeader + rows.Replace("{P}", Pixels));
        var error = Assert.Throws<DataFormatException>(() => DigitsCsv.Load(path));
        File.Delete(path);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"{path}:{line}: ", error.Message);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void A_non_numeric_pixel_is_named()
    {
        var path = Write(DigitsHeader + "1," + string.Join(',', Enumerable.Repeat("0", 10)) + ",abc," + string.Join(',', Enumerable.Repeat("0", 53)) + "\n");
        var error = Assert.Throws<DataFormatException>(() => DigitsCsv.Load(path));
        File.Delete(path);
        Assert.Contains("pixel p10 'abc' is not a number in 0..16", error.Message);
    }

    [Theory]
    [InlineData("EI,ACGT\n", "sequence has 4 letters, expected 60")]
    [InlineData("XX,{S}\n", "label 'XX' is not one of EI, IE, N")]
    [InlineData("N,{S},extra\n", "expected 2 columns")]
    public void Malformed_splice_rows_are_named(string rows, string fragment)
    {
        var path = Write("label,sequence\n" + rows.Replace("{S}", new string('A', 60)));
        var error = Assert.Throws<DataFormatException>(() => SpliceCsv.Load(path));
        File.Delete(path);
        Assert.Equal(2, error.Line);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void A_letter_outside_acgt_is_named_with_its_position()
    {
        var path = Write("label,sequence\nN," + new string('A', 20) + "N" + new string('C', 39) + "\n");
        var error = Assert.Throws<DataFormatException>(() => SpliceCsv.Load(path));
        File.Delete(path);
        Assert.Contains("letter 'N' at position 21 is not one of A, C, G, T", error.Message);
    }

    [Fact]
    public void A_missing_file_says_where_the_data_lives() =>
        Assert.Contains("data/README.md", Assert.Throws<FileNotFoundException>(() => DigitsCsv.Load("/nonexistent/digits.csv")).Message);
}
