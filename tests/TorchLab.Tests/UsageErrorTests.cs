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
    public void Unknown_model() => AssertUsageError(["train", "resnet"], "resnet");

    [Fact]
    public void Non_positive_epochs() => AssertUsageError(["train", "tiny-cnn", "--epochs", "0"], "--epochs must be a positive whole number, got 0");

    [Fact]
    public void Bad_learning_rate() => AssertUsageError(["train", "tiny-cnn", "--lr", "-1"], "--lr must be a positive number");

    [Fact]
    public void Unknown_option() => AssertUsageError(["train", "tiny-cnn", "--epoch", "3"], "--epoch");

    [Fact]
    public void Unwritable_output_folder()
    {
        var file = folder.File("a-file");
        File.WriteAllText(file, "");
        AssertUsageError(["train", "tiny-cnn", "--out", Path.Combine(file, "run")], "--out: cannot write to");
    }

    [Fact]
    public void Missing_data() => AssertUsageError(["train", "tiny-cnn", "--data", folder.Path, "--out", folder.File("o")], "lacks digits.csv and splice.csv");

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
        File.Copy(Path.Combine(Cli.LabOptions.DefaultDataFolder(), "splice.csv"), folder.File("splice.csv"));
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
