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
        var (train, valid, test) = LabSplits.Digits(DataFiles.File("digits.csv"), 0);
        Assert.Equal((1293, 144, 360), (train.Count, valid.Count, test.Count));
        Assert.Equal([1L, 8, 8], train.ExampleShape);
        Assert.InRange(train.Features.Max(), 0.99f, 1f);
        // Every digit lands in exactly one set: the three sets' label counts add up to the file's.
        var all = DigitsCsv.Load(DataFiles.File("digits.csv"));
        Assert.Equal(Count(all.Labels, 10), Count([.. train.Labels, .. valid.Labels, .. test.Labels], 10));

        var (splice, spliceValid, spliceTest) = LabSplits.Splice(DataFiles.File("splice.csv"), 0);
        Assert.Equal((1800, 200, 1186), (splice.Count, spliceValid.Count, spliceTest.Count));
        Assert.Equal([464, 485, 1051], Count([.. splice.Labels, .. spliceValid.Labels], 3));
        Assert.Equal([4L, 60], splice.ExampleShape);
        Assert.Equal(60f * 1800, splice.Features.Sum()); // exactly one letter per position
        // The test set is StatLog's: rows 2001-3186 in file order.
        Assert.Equal(SpliceCsv.Load(DataFiles.File("splice.csv")).Labels[2000..], spliceTest.Labels);
        // Another seed holds out other rows, and the test set stays.
        var other = LabSplits.Splice(DataFiles.File("splice.csv"), 1);
        Assert.NotEqual(spliceValid.Labels, other.Valid.Labels);
        Assert.Equal(spliceTest.Labels, other.Test.Labels);
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

    [Fact]
    public void A_line_over_the_cap_is_refused_before_more_of_it_is_held()
    {
        // A 100 MB line once took 2.9 GB; 1 MB is past the cap and shows the cost stays flat.
        var path = Write(DigitsHeader + "3," + new string('1', 1 << 20) + "\n");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DataFormatException>(() => DigitsCsv.Load(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        File.Delete(path);
        Assert.Equal($"{path}:2: the line is longer than {CsvLimits.MaxLineChars} characters, the limit for a data file's line", error.Message);
        Assert.True(allocated < 4 << 20, $"refusing the line allocated {allocated >> 10} KB");
    }

    [Fact]
    public void A_file_over_the_cap_is_refused_from_its_size()
    {
        var path = Path.Combine(Path.GetTempPath(), $"torchlab-data-{Guid.NewGuid():N}.csv");
        using (var file = File.Create(path)) file.SetLength(CsvLimits.MaxFileBytes + 1);   // sparse: nothing written
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InputFileException>(() => SpliceCsv.Load(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        File.Delete(path);
        Assert.Equal($"'{path}' is {CsvLimits.MaxFileBytes + 1} bytes, over the limit of {CsvLimits.MaxFileBytes} bytes for a data file", error.Message);
        Assert.True(allocated < 1 << 20, $"refusing the file allocated {allocated >> 10} KB");
    }

    [Fact]
    public void A_directory_is_refused_as_one()
    {
        var path = Directory.CreateTempSubdirectory("torchlab-data-").FullName;
        var error = Assert.Throws<InputFileException>(() => DigitsCsv.Load(path));
        Directory.Delete(path);
        Assert.Contains("is a directory, not a regular file", error.Message);
    }

    [Fact]
    public void Values_are_quoted_short_and_with_control_characters_escaped()
    {
        var label = "\u001b]0;pwned\u0007\0" + new string('x', 10_000);
        var path = Write("label,sequence\n" + label + "," + new string('A', 60) + "\n");
        var error = Assert.Throws<DataFormatException>(() => SpliceCsv.Load(path));
        File.Delete(path);
        Assert.StartsWith($"{path}:2: label '\\x1b]0;pwned\\x07\\x00xxx", error.Message);
        Assert.Contains("... (10011 characters)' is not one of EI, IE, N", error.Message);
        Assert.DoesNotContain(error.Message, c => char.IsControl(c));
        Assert.True(error.Message.Length < path.Length + 150, error.Message);
    }

    [Fact]
    public void Crlf_files_and_a_missing_last_newline_read_as_before()
    {
        var rows = string.Join("\r\n", Enumerable.Repeat("3," + Pixels, 3));
        var path = Write(DigitsHeader.TrimEnd('\n') + "\r\n" + rows);
        var data = DigitsCsv.Load(path);
        File.Delete(path);
        Assert.Equal([3L, 3, 3], data.Labels);
        Assert.Equal(3f / 16, data.Features[^1]);
    }

    private static int[] Count(IReadOnlyList<long> labels, int classes) =>
        Enumerable.Range(0, classes).Select(c => labels.Count(l => l == c)).ToArray();
}
