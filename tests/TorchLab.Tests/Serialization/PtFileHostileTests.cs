using System.IO.Compression;
using System.Text;
using TorchLab.Storage.Serialization;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// Damaged and hostile files: each is refused with a PtFormatException naming the file, runs
/// nothing, and costs a bounded amount of memory (PtLimits).
/// </summary>
public sealed class PtFileHostileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("torchlab-pt-hostile-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // A zip of named records, as torch.save lays them out under "archive/".
    private string Zip(string name, params (string Record, byte[] Data)[] records)
    {
        var path = Path.Combine(folder, name);
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        foreach (var (record, data) in records)
        {
            using var stream = zip.CreateEntry("archive/" + record, CompressionLevel.NoCompression).Open();
            stream.Write(data);
        }
        return path;
    }

    private static byte[] Pickle(string body) => [0x80, 2, .. Encoding.Latin1.GetBytes(body), (byte)'.'];

    private static PtFormatException Refused(string path, string problem)
    {
        var error = Assert.Throws<PtFormatException>(() => PtFile.Load(path));
        Assert.StartsWith($"'{path}': ", error.Message);
        Assert.Contains(problem, error.Message);
        return error;
    }

    [Theory]
    [InlineData("os", "system")]
    [InlineData("posix", "system")]
    [InlineData("builtins", "eval")]
    [InlineData("subprocess", "getoutput")]
    public void A_pickle_that_calls_a_command_is_refused_and_runs_nothing(string module, string function)
    {
        var marker = Path.Combine(folder, "pwned");
        // module.function('touch marker'), as Python's pickle.loads (and torch.load) would run it.
        var command = $"touch {marker}";
        var call = function == "eval" ? $"__import__('os').system('{command}')" : command;
        var path = Zip("hostile.pt", ("data.pkl", Pickle($"c{module}\n{function}\nX{Len(call)}{call}\x85R")));
        Refused(path, $"refuses global '{module}.{function}'");
        Assert.False(File.Exists(marker), "the command ran");

        // The control: Python's own unpickler does run it, so the refusal is what protects us.
        PythonTorch.RequireOrSkip();
        PythonTorch.Run($"import pickle, zipfile; pickle.loads(zipfile.ZipFile({PythonTorch.Literal(path)}).read('archive/data.pkl'))");
        Assert.True(File.Exists(marker), "the hostile pickle should run its command under Python's pickle.loads");
    }

    private static string Len(string text) => Encoding.Latin1.GetString(BitConverter.GetBytes(Encoding.UTF8.GetByteCount(text)));

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused()
    {
        var path = Path.Combine(folder, "text.pt");
        File.WriteAllText(path, "this is not a checkpoint");
        Refused(path, "not a PyTorch zip file");
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var whole = Path.Combine(folder, "whole.pt");
        PtFile.Save([new("w", TorchSharp.torch.ones(1000))], whole);
        var bytes = File.ReadAllBytes(whole);
        var path = Path.Combine(folder, "cut.pt");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Refused(path, "truncated");
    }

    [Fact]
    public void A_zip_without_data_pkl_is_refused()
    {
        Refused(Zip("empty.pt", ("version", "3"u8.ToArray())), "no data.pkl");
    }

    [Fact]
    public void A_pickle_that_ends_early_is_refused_as_truncated()
    {
        Refused(Zip("short.pt", ("data.pkl", [0x80, 2, (byte)'X', 100, 0, 0, 0, (byte)'a'])), "truncated");
    }

    [Fact]
    public void A_tensor_larger_than_its_storage_is_refused_before_any_tensor_is_made()
    {
        var pickle = Pickler.StateDict([new Pickler.Entry("fc.weight", "0", "FloatStorage", 10, [4, 10], [10, 1])]);
        Refused(Zip("overrun.pt", ("data.pkl", pickle), ("data/0", new byte[40])), "tensor 'fc.weight' needs 40 elements but its storage holds 10");
    }

    [Fact]
    public void A_storage_record_of_the_wrong_size_is_refused()
    {
        var pickle = Pickler.StateDict([new Pickler.Entry("w", "0", "FloatStorage", 10, [10], [1])]);
        Refused(Zip("short-storage.pt", ("data.pkl", pickle), ("data/0", new byte[39])), "storage record 'data/0' holds 39 bytes");
    }

    [Fact]
    public void A_record_is_read_only_up_to_the_size_its_header_declares()
    {
        // data/0 deflates 1 MiB of zeros, but both its headers are patched to declare 40 bytes.
        var pickle = Pickler.StateDict([new Pickler.Entry("w", "0", "FloatStorage", 10, [10], [1])]);
        var path = Path.Combine(folder, "liar.pt");
        using (var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create))
        {
            using (var stream = zip.CreateEntry("archive/data.pkl", CompressionLevel.NoCompression).Open()) stream.Write(pickle);
            using (var stream = zip.CreateEntry("archive/data/0", CompressionLevel.Fastest).Open()) stream.Write(new byte[1 << 20]);
        }
        var bytes = File.ReadAllBytes(path);
        var name = "archive/data/0"u8;
        for (var at = bytes.AsSpan().IndexOf(name); at >= 0; at = NextAfter(bytes, name, at))
        {
            // The name follows the local header's 30 bytes or the central directory entry's 46.
            var local = at >= 30 && BitConverter.ToUInt32(bytes, at - 30) == 0x04034b50;
            var uncompressedSize = local ? at - 30 + 22 : at - 46 + 24;
            Assert.True(local || BitConverter.ToUInt32(bytes, at - 46) == 0x02014b50, "unexpected zip layout");
            BitConverter.TryWriteBytes(bytes.AsSpan(uncompressedSize, 4), 40u);
        }
        File.WriteAllBytes(path, bytes);
        // The declared size is what the limits were checked against; nothing past it is inflated.
        using var w = PtFile.Load(path)["w"];
        Assert.Equal(new float[10], w.data<float>().ToArray());
    }

    private static int NextAfter(byte[] bytes, ReadOnlySpan<byte> text, int at)
    {
        var next = bytes.AsSpan(at + 1).IndexOf(text);
        return next < 0 ? -1 : at + 1 + next;
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        Refused(Zip("deep.pt", ("data.pkl", Pickle(new string('(', 10_000)))), "nests deeper than");
    }

    [Fact]
    public void A_huge_stack_is_refused()
    {
        Refused(Zip("wide.pt", ("data.pkl", Pickle(new string('N', PtLimits.MaxStackDepth + 1)))), "stack deeper than");
    }

    [Fact]
    public void A_huge_object_count_is_refused()
    {
        // None, POP, repeated: the stack stays empty while values pile up.
        Refused(Zip("many.pt", ("data.pkl", Pickle(string.Concat(Enumerable.Repeat("N0", PtLimits.MaxObjects + 1))))), "more than");
    }

    [Fact]
    public void A_zip_bomb_is_refused_without_inflating_it()
    {
        // 1 GiB of zeros deflates to about 1 MiB; the pickle claims it as one float storage.
        var path = Path.Combine(folder, "bomb.pt");
        const long bytes = 1L << 30;
        using (var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create))
        {
            using (var pickle = zip.CreateEntry("archive/data.pkl", CompressionLevel.NoCompression).Open())
                pickle.Write(Pickler.StateDict([new Pickler.Entry("w", "0", "FloatStorage", bytes / 4, [bytes / 4], [1])]));
            using var data = zip.CreateEntry("archive/data/0", CompressionLevel.Fastest).Open();
            var zeros = new byte[1 << 20];
            for (long written = 0; written < bytes; written += zeros.Length) data.Write(zeros);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        Refused(path, "zip bomb");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16 << 20, $"refusing the bomb allocated {allocated} bytes");
    }

    [Fact]
    public void A_deflated_pickle_of_empty_dicts_is_refused_with_little_memory()
    {
        // 20 MiB of EMPTY_DICT opcodes deflate to about 20 KB; read, they would be 20 million dicts.
        var path = Path.Combine(folder, "dicts.pt");
        using (var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create))
        using (var pickle = zip.CreateEntry("archive/data.pkl", CompressionLevel.Optimal).Open())
            pickle.Write(Pickle(new string('}', 20 << 20)));
        Assert.InRange(new FileInfo(path).Length, 1, 256 << 10);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Refused(path, "zip bomb");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16 << 20, $"refusing the pickle allocated {allocated} bytes");
    }
}
