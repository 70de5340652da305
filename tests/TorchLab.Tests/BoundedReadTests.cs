using System.Diagnostics;
using TorchLab.Storage.Serialization;
using TorchLab.Training.Data;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// Inputs are read only as regular files within their caps: a FIFO, a link to /dev/zero or a
/// directory is refused at once (exit 2, naming the file) instead of blocking or growing without
/// end, and errors quote at most a short, sanitised excerpt of what the file held.
/// </summary>
[Collection(nameof(Serial))]
public sealed class BoundedReadTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(20);

    // Runs on another thread, so a read that blocks fails the test (TimeoutException) instead of hanging it.
    private static Task<T> Quick<T>(Func<T> work) => Task.Run(work).WaitAsync(Quickly);

    private static async Task<(int code, string stderr)> RunQuickly(params string[] args)
    {
        var (code, _, stderr) = await Quick(() => CliRunner.RunSplit(args));
        return (code, stderr);
    }

    private string Fifo(string name)
    {
        var path = folder.File(name);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private string DataFolderWith(string name, Func<string, string> make)
    {
        var data = folder.File($"data-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        foreach (var file in new[] { "digits.csv", "splice.csv", "ihc.png", "microaneurysms.png" }.Where(f => f != name))
            File.CreateSymbolicLink(Path.Combine(data, file), DataFiles.File(file));
        make(Path.Combine(data, name));
        return data;
    }

    [Theory]
    [InlineData("train", "digits.csv")]
    [InlineData("compare", "ihc.png")]
    public async Task A_data_file_that_is_a_fifo_or_a_link_to_dev_zero_is_refused_at_once(string command, string file)
    {
        foreach (var (kind, make) in new (string, Func<string, string>)[]
        {
            ("a FIFO (named pipe), not a regular file", path => { File.Move(Fifo("pipe-" + Guid.NewGuid().ToString("N")), path); return path; }),
            ("a character device, not a regular file", path => { File.CreateSymbolicLink(path, "/dev/zero"); return path; }),
        })
        {
            var data = DataFolderWith(file, make);
            string[] args = command == "train" ? ["train", "tiny-cnn", "--data", data, "--out", folder.File("o")] : ["compare", "--data", data, "--out", folder.File("o")];
            var (code, stderr) = await RunQuickly(args);
            Assert.True(code == 2, $"exit {code}: {stderr}");
            Assert.Contains($"--data: '{Path.Combine(data, file)}' is {kind}", stderr);
        }
    }

    [Fact]
    public async Task Readers_refuse_a_fifo_even_past_the_data_folder_check()
    {
        // The readers check for themselves, so a FIFO swapped in after the --data check still cannot block them.
        var fifo = Fifo("late.csv");
        var error = await Quick(() => Assert.Throws<InputFileException>(() => DigitsCsv.Load(fifo)));
        Assert.Equal($"'{fifo}' is a FIFO (named pipe), not a regular file", error.Message);
        error = await Quick(() => Assert.Throws<InputFileException>(() => Images.PngFile.ReadRgb(fifo)));
        Assert.Equal($"'{fifo}' is a FIFO (named pipe), not a regular file", error.Message);
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("/dev/zero")]
    [InlineData("/dev/stdin")]
    [InlineData("directory")]
    public async Task A_checkpoint_that_is_not_a_regular_file_is_refused_at_once(string kind)
    {
        var path = folder.File("checkpoint.pt");
        switch (kind)
        {
            case "fifo": File.Move(Fifo("pipe"), path); break;
            case "directory": Directory.CreateDirectory(path); break;
            default: File.CreateSymbolicLink(path, kind); break;
        }
        var (code, stderr) = await RunQuickly("train", "tiny-cnn", "--epochs", "2", "--resume", path, "--out", folder.File("o"));
        Assert.True(code == 2, $"exit {code}: {stderr}");
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains(kind == "directory" ? "checkpoint" : $"'{path}': is a", line);
    }

    [Fact]
    public void A_link_to_a_regular_file_is_read()
    {
        var real = folder.File("real.pt");
        PtFile.Save([new("w", TorchSharp.torch.arange(4f))], real);
        var link = folder.File("link.pt");
        File.CreateSymbolicLink(link, real);
        using var w = PtFile.Load(link)["w"];
        Assert.Equal([0f, 1, 2, 3], w.data<float>().ToArray());
    }

    [Fact]
    public void A_file_over_its_cap_is_refused_from_its_size_without_reading_it()
    {
        // Sparse: the size is the cap's plus one, but no block is written.
        var path = folder.File("huge.pt");
        using (var file = File.Create(path)) file.SetLength(PtLimits.MaxFileBytes + 1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<PtFormatException>(() => PtFile.Load(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "refusing the file allocated more than 1 MB");
        Assert.Equal($"'{path}': is {PtLimits.MaxFileBytes + 1} bytes, over the limit of {PtLimits.MaxFileBytes} bytes for a .pt file", error.Message);
    }

    [Fact]
    public void A_huge_key_is_refused_with_a_short_message_and_little_memory()
    {
        // A 60 MB key once made a 62-million-character error line and 811 MB of memory.
        var key = new string('k', 60 << 20);
        var pickle = Pickler.StateDict([new Pickler.Entry(key, "0", "FloatStorage", 1, [1], [1])]);
        var path = Zip("huge-key.pt", ("data.pkl", pickle), ("data/0", new byte[4]));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<PtFormatException>(() => PtFile.Load(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains($"over the {PtLimits.MaxStringBytes}-byte limit for a key or name", error.Message);
        Assert.True(error.Message.Length < 300, $"the message is {error.Message.Length} characters");
        // The pickle itself (60 MB) is read once; nothing is decoded from it.
        Assert.True(allocated < 80L << 20, $"refusing the key allocated {allocated >> 20} MB");
    }

    [Fact]
    public void Control_characters_from_a_file_are_escaped_in_messages()
    {
        // A key that is not a tensor, named with ESC, BEL and NUL: the message must not carry them raw.
        byte[] pickle = [0x80, 2, (byte)'}', (byte)'X', 10, 0, 0, 0, 0x1b, .. "[31mred"u8, 0x07, 0x00, (byte)'N', (byte)'s', (byte)'.'];
        var path = Zip("escape.pt", ("data.pkl", pickle));
        var error = Assert.Throws<PtFormatException>(() => PtFile.Load(path));
        Assert.Contains(@"entry '\x1b[31mred\x07\x00' is a None, not a tensor", error.Message);
        Assert.DoesNotContain(error.Message, c => c < 0x20);
    }

    private string Zip(string name, params (string Record, byte[] Data)[] records)
    {
        var path = folder.File(name);
        using var zip = new System.IO.Compression.ZipArchive(File.Create(path), System.IO.Compression.ZipArchiveMode.Create);
        foreach (var (record, data) in records)
        {
            using var stream = zip.CreateEntry("archive/" + record, System.IO.Compression.CompressionLevel.NoCompression).Open();
            stream.Write(data);
        }
        return path;
    }
}
