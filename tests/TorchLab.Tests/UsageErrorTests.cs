using TorchLab.Cli;

namespace TorchLab.TorchLab.Tests;

/// <summary>Bad command lines exit with code 2 and one line naming what was wrong, without a stack trace.</summary>
public class UsageErrorTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static void AssertUsageError(string[] args, string fragment)
    {
        var (code, output) = CliRunner.Run(args);
        Assert.True(code == 2, $"exit code {code} for '{string.Join(' ', args)}':\n{output}");
        Assert.Contains(fragment, output);
        Assert.DoesNotContain("   at ", output);   // no stack trace without --verbose
    }

    [Fact]
    public void Unknown_model() =>
        AssertUsageError(["train", "resnet"], "MODEL: 'resnet' is not a model; the models are tiny-cnn, seq-sketch, seq-cnn, seq-gru, seq-attn");

    [Theory]
    [InlineData("bench", "--models", "foo", "--models: 'foo' is not a model")]
    [InlineData("train", "--seed", "abc", "--seed: 'abc' is not a whole number")]
    [InlineData("train", "--seed", "99999999999999999999", "--seed: '99999999999999999999' is not a whole number")]
    [InlineData("train", "--out", "", "--out: the folder name is empty")]
    [InlineData("compare", "--out", " ", "--out: the folder name is empty")]
    public void Bad_values_name_the_option(string command, string option, string value, string message) =>
        AssertUsageError(command == "train" ? [command, "tiny-cnn", option, value] : [command, option, value], message);

    [Theory]
    [InlineData("--epochs", "0", "--epochs: 0 is below the minimum, 1")]
    [InlineData("--epochs", "abc", "--epochs: 'abc' is not a whole number")]
    [InlineData("--epochs", "1e9", "--epochs: '1e9' is not a whole number")]
    [InlineData("--batch-size", "3000000000", "--batch-size: '3000000000' is not a whole number up to 2147483647")]
    [InlineData("--batch-size", "1,000", "--batch-size: '1,000' is not a whole number")]
    [InlineData("--lr", "-1", "--lr: -1 must be positive")]
    [InlineData("--lr", "inf", "--lr: 'inf' is not a number")]
    [InlineData("--lr", "abc", "--lr: 'abc' is not a number")]
    [InlineData("--lr", "1,5", "--lr: '1,5' is not a number")]
    public void Bad_numbers_name_the_option(string option, string value, string message) =>
        AssertUsageError(["train", "tiny-cnn", option, value], message);

    [Fact]
    public void Data_problems_name_the_file_and_line()
    {
        var digits = File.ReadAllLines(Path.Combine(DataFiles.Folder, "digits.csv"));
        void Check(string[] lines, string message)
        {
            File.WriteAllLines(folder.File("digits.csv"), lines);
            AssertUsageError(["train", "tiny-cnn", "--data", folder.Path, "--out", folder.File("o")], message);
        }
        Check([digits[0], "3," + string.Join(',', Enumerable.Repeat("NaN", 64))], "digits.csv:2: pixel p0 'NaN' is not a number in 0..16");
        Check(digits[1..], "digits.csv:1: expected a header starting with 'label,'");
        Check(digits[..3], "digits.csv:3: too few rows (2) for the 80/20 split with 144 validation rows");
        Check(digits[..2], "digits.csv:2: too few rows (1) for the 80/20 split with 144 validation rows");

        // The splice split is by position (rows 1-2000 train): 2001 rows leave one test example.
        File.WriteAllLines(folder.File("splice.csv"), File.ReadLines(Path.Combine(DataFiles.Folder, "splice.csv")).Take(2002));
        AssertUsageError(["train", "seq-cnn", "--data", folder.Path, "--out", folder.File("o")], "splice.csv:2002: too few rows: the train, validation and test sets have 1800, 200 and 1 examples; each needs at least one batch of 64");
    }

    [Fact]
    public void A_second_run_into_a_locked_folder_is_refused()
    {
        Directory.CreateDirectory(folder.File("o"));
        using var held = new FileStream(folder.File(".o.lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        AssertUsageError(["train", "seq-sketch", "--epochs", "1", "--out", folder.File("o")], "another run is writing to");
    }

    [Fact]
    public void Errors_go_to_stderr_as_one_line_and_verbose_adds_the_stack_trace()
    {
        File.WriteAllText(folder.File("digits.csv"), "label,p0\n3,1\n");
        string[] args = ["train", "tiny-cnn", "--data", folder.Path, "--out", folder.File("o")];
        var (code, stdout, stderr) = CliRunner.RunSplit(args);
        Assert.Equal(2, code);
        Assert.DoesNotContain("digits.csv", stdout);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith($"error: {folder.File("digits.csv")}:2: expected 65 columns", line);
        Assert.DoesNotContain("(Parameter", line);
        (code, _, stderr) = CliRunner.RunSplit([.. args, "--verbose"]);
        Assert.Equal(2, code);
        Assert.Contains("   at ", stderr);
    }

    [Fact]
    public void Unknown_option() => AssertUsageError(["train", "tiny-cnn", "--epoch", "3"], "--epoch");

    // The README promises one line; System.CommandLine alone gives a line per stray token, one
    // naming only the command for a missing argument, and a second line pointing at --help.
    [Theory]
    [InlineData("train", "train: MODEL is missing (the model to train: tiny-cnn, seq-sketch, seq-cnn, seq-gru, seq-attn)")]
    [InlineData("train --epochs 3", "train: MODEL is missing (the model to train: tiny-cnn, seq-sketch, seq-cnn, seq-gru, seq-attn)")]
    [InlineData("train tiny-cnn --epoch 3", "'--epoch' is not an option of train; train --help lists them")]
    [InlineData("compare --bogus", "'--bogus' is not an option of compare; compare --help lists them")]
    [InlineData("--bogus", "'--bogus' is not an option; --help lists them")]
    [InlineData("trian tiny-cnn", "'trian' is not a command; the commands are info, train, compare, bench, summary, predict, explain (--help says what each does)")]
    [InlineData("train tiny-cnn extra", "unexpected argument 'extra' for train; train --help shows the usage")]
    [InlineData("train tiny-cnn --epochs", "Required argument missing for option: '--epochs'")]
    [InlineData("train tiny-cnn --epochs 10001", "--epochs: 10001 is above the maximum, 10000")]
    [InlineData("train tiny-cnn --epochs 2147483647", "--epochs: 2147483647 is above the maximum, 10000")]
    [InlineData("--epochs 10001", "--epochs: 10001 is above the maximum, 10000")]
    [InlineData("bench --models foo bar", "--models: 'foo' is not a model; the models are tiny-cnn, seq-sketch, seq-cnn, seq-gru, seq-attn; --models: 'bar' is not a model; the models are tiny-cnn, seq-sketch, seq-cnn, seq-gru, seq-attn")]
    public void Every_parse_error_is_one_line_on_stderr(string commandLine, string message)
    {
        var (code, stdout, stderr) = CliRunner.RunSplit(commandLine.Split(' '));
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"error: {message}", Assert.Single(stderr.TrimEnd('\n').Split('\n')));
    }

    [Fact]
    public void Help_states_the_epochs_limit()
    {
        var (code, output) = CliRunner.Run("train", "--help");
        Assert.Equal(0, code);
        Assert.Contains("at most 10000", output);
    }

    [Fact]
    public void Unwritable_output_folder()
    {
        var file = folder.File("a-file");
        File.WriteAllText(file, "");
        AssertUsageError(["train", "tiny-cnn", "--out", Path.Combine(file, "run")], "--out: cannot write to");
    }

    [Fact]
    public void Missing_data_names_only_the_files_the_command_reads()
    {
        AssertUsageError(["train", "tiny-cnn", "--data", folder.Path, "--out", folder.File("o")], "' lacks digits.csv (the lab's data");
        AssertUsageError(["compare", "--data", folder.Path, "--out", folder.File("o")], "lacks ihc.png and microaneurysms.png and splice.csv");
    }

    [Fact]
    public void Oversized_truncated_and_foreign_images_are_refused_by_name()
    {
        var data = DataFiles.Folder;
        foreach (var file in new[] { "splice.csv", "microaneurysms.png" }) File.Copy(Path.Combine(data, file), folder.File(file));
        using (var bitmap = new SkiaSharp.SKBitmap(3000, 3000))
        using (var png = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100))
            File.WriteAllBytes(folder.File("ihc.png"), png.ToArray());
        var before = GC.GetAllocatedBytesForCurrentThread();
        AssertUsageError(["compare", "--data", folder.Path, "--out", folder.File("o")], "ihc.png' is 3000x3000 pixels, over the limit of 1048576 pixels");
        // Decoding it would take 36 MB of pixels and 108 MB of floats.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16 << 20, $"refusing the image allocated {allocated >> 20} MB");

        var real = File.ReadAllBytes(Path.Combine(data, "ihc.png"));
        foreach (var (bytes, message) in new[] { ("not a png"u8.ToArray(), "ihc.png' as an image"), (real[..(real.Length / 2)], "ihc.png' as a PNG: the file is truncated"), (ForeignImages.Jpeg, "ihc.png") })
        {
            File.WriteAllBytes(folder.File("ihc.png"), bytes);
            AssertUsageError(["compare", "--data", folder.Path, "--out", folder.File("o")], message);
        }
    }

    // ihc.png goes through a 5x5 layer and microaneurysms.png through the 3x3 edge filter.
    [Theory]
    [InlineData("ihc.png", 1, 1, "1x1 pixels, smaller than the 5x5 kernel of the conv layer it goes through")]
    [InlineData("ihc.png", 2, 2, "2x2 pixels, smaller than the 5x5 kernel of the conv layer it goes through")]
    [InlineData("ihc.png", 4, 4, "4x4 pixels, smaller than the 5x5 kernel of the conv layer it goes through")]
    [InlineData("ihc.png", 4096, 1, "4096x1 pixels, smaller than the 5x5 kernel of the conv layer it goes through")]
    [InlineData("microaneurysms.png", 2, 2, "2x2 pixels, smaller than the 3x3 kernel of the edge filter it goes through")]
    [InlineData("microaneurysms.png", 1, 4096, "1x4096 pixels, smaller than the 3x3 kernel of the edge filter it goes through")]
    public void An_image_smaller_than_its_kernel_is_refused_by_name_and_size(string file, int width, int height, string message)
    {
        foreach (var name in new[] { "splice.csv", "ihc.png", "microaneurysms.png" }) File.Copy(Path.Combine(DataFiles.Folder, name), folder.File(name));
        using (var bitmap = new SkiaSharp.SKBitmap(width, height))
        using (var png = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100))
            File.WriteAllBytes(folder.File(file), png.ToArray());
        var (code, stdout, stderr) = CliRunner.RunSplit("compare", "--data", folder.Path, "--out", folder.File("o"));
        Assert.True(code == 2, $"exit {code}: {stdout}{stderr}");
        Assert.Equal($"error: '{folder.File(file)}' is {message}", Assert.Single(stderr.TrimEnd('\n').Split('\n')));
        Assert.Empty(Directory.GetFileSystemEntries(folder.File("o")));
    }

    [Fact]
    public void Missing_checkpoint() => AssertUsageError(["train", "tiny-cnn", "--resume", folder.File("none.pt"), "--out", folder.File("o")], "--resume: checkpoint");

    [Fact]
    public void Unavailable_cuda()
    {
        if (TorchSharp.torch.cuda.is_available()) Assert.Skip("this check is about machines without a GPU");
        AssertUsageError(["train", "tiny-cnn", "--device", "cuda", "--out", folder.File("o")], "CUDA is not available");
    }

    [Fact]
    public void Bad_device_name() => AssertUsageError(["train", "tiny-cnn", "--device", "tpu", "--out", folder.File("o")], "'tpu' is not auto, cpu, cuda or cuda:N");

    [Fact]
    public void Malformed_data_names_file_and_line()
    {
        File.Copy(Path.Combine(DataFiles.Folder, "splice.csv"), folder.File("splice.csv"));
        File.WriteAllText(folder.File("digits.csv"), "label,p0\n3,1\n");
        AssertUsageError(["train", "tiny-cnn", "--data", folder.Path, "--out", folder.File("o")], "digits.csv:2: expected 65 columns");
    }

    [Fact]
    public void Help_and_info_succeed()
    {
        var (code, output) = CliRunner.Run("info");
        Assert.Equal(0, code);
        Assert.Contains("libtorch", output);
        Assert.Equal(0, CliRunner.Run("train", "--help").exitCode);
    }
}

public class ResumeHintTests
{
    [Theory]
    [InlineData("out/seq-cnn")]
    [InlineData("r $HOME `touch PWNED`")]
    [InlineData("it's \"here\" $(id) \\ end")]
    [InlineData("")]
    public void A_path_in_the_hint_reaches_a_shell_as_itself_and_runs_nothing(string path)
    {
        var quoted = Cli.ShellQuote.Of(path);
        var start = new System.Diagnostics.ProcessStartInfo("bash", ["-c", $"printf %s {quoted}"]) { RedirectStandardOutput = true };
        using var shell = System.Diagnostics.Process.Start(start)!;
        var echoed = shell.StandardOutput.ReadToEnd();
        shell.WaitForExit();
        Assert.Equal(path, echoed);
    }
}
