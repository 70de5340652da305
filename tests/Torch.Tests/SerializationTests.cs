using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Versioning;
using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Tests;

public sealed class SerializationTests : IDisposable
{
    // Debian's python3-torch (scripts/install-deps.sh installs it), not a virtualenv's python;
    // TORCHLAB_PYTHON names another (the GPU machine's PyTorch lives in a virtualenv).
    private static readonly string Python = Environment.GetEnvironmentVariable("TORCHLAB_PYTHON") ?? "/usr/bin/python3";
    private readonly string folder = Directory.CreateTempSubdirectory("torchlab-serialization-").FullName;
    private readonly DisposeScope scope = NewDisposeScope();

    public void Dispose()
    {
        scope.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static OrderedDictionary<string, Tensor> Sample() => new()
    {
        ["layer.weight"] = arange(6.0, 12.0).reshape(2, 3),
        ["layer.bias"] = tensor(new[] { -1.5, 0.25 }),
        ["count"] = tensor(7L),
        ["a.first.entry.saved.last"] = tensor(new[] { 1L, -2L, 3L }),
    };

    [Fact]
    public void Round_trip_keeps_order_dtypes_shapes_and_values()
    {
        var path = Path.Combine(folder, "sample.pt");
        var saved = Sample();
        save(saved, path);
        var loaded = load(path);
        Assert.Equal(saved.Keys, loaded.Keys);
        foreach (var (name, tensor) in saved)
        {
            Assert.Equal(tensor.dtype, loaded[name].dtype);
            Assert.Equal(tensor.shape, loaded[name].shape);
            Assert.True(tensor.allclose(loaded[name], rtol: 0, atol: 0), $"{name} differs after the round trip");
        }
        Assert.Equal(new float[] { 6, 7, 8, 9, 10, 11 }, loaded["layer.weight"].data<float>());
        Assert.Equal(7L, loaded["count"].item<long>());
        Assert.Equal(new[] { path }, Directory.GetFiles(folder));  // no temporary file left behind
    }

    [Fact]
    public void Views_are_saved_as_their_own_values()
    {
        var path = Path.Combine(folder, "view.pt");
        var big = arange(100.0, 110.0);
        save(new Dictionary<string, Tensor> { ["slice"] = big.narrow(0, 2, 3), ["t"] = big.reshape(2, 5).transpose(0, 1) }, path);
        var loaded = load(path);
        Assert.Equal(new float[] { 102, 103, 104 }, loaded["slice"].data<float>());
        Assert.Equal(new long[] { 5, 2 }, loaded["t"].shape);
        Assert.Equal(new float[] { 100, 105, 101, 106, 102, 107, 103, 108, 104, 109 }, loaded["t"].data<float>());
        Assert.True(new FileInfo(path).Length < 2000, "the slice should not carry its base's storage");
    }

    [Fact]
    public void Python_torch_load_reads_a_torchlab_file_into_a_module()
    {
        var path = Path.Combine(folder, "linear.pt");
        save(new OrderedDictionary<string, Tensor>
        {
            ["weight"] = tensor(new[] { 1f, 2, 3, 4, 5, 6 }, new long[] { 2, 3 }),
            ["bias"] = tensor(new[] { 0.5f, -0.5f }),
        }, path);
        var output = RunPython($$"""
            import torch
            d = torch.load({{PythonString(path)}})
            print(list(d.keys()), d['weight'].dtype, tuple(d['weight'].shape))
            m = torch.nn.Linear(3, 2)
            m.load_state_dict(d)
            print(m(torch.tensor([[1.0, 0.0, -1.0]])).tolist())
            """);
        Assert.Equal("['weight', 'bias'] torch.float32 (2, 3)\n[[-1.5, -2.5]]", output);
    }

    [Fact]
    public void A_state_dict_saved_by_pytorch_loads_with_its_keys_and_values()
    {
        // Written by tests/Torch.Tests/pytorch/conv2d_fixture.py: torch.manual_seed(0);
        // torch.save(nn.Conv2d(1, 2, 3).state_dict(), ...) — an OrderedDict with _metadata.
        var loaded = load(Path.Combine(TestsFolder(), "fixtures", "conv2d_state_dict.pt"));
        Assert.Equal(new[] { "weight", "bias" }, loaded.Keys);
        Assert.Equal(new long[] { 2, 1, 3, 3 }, loaded["weight"].shape);
        Assert.Equal(ScalarType.Float32, loaded["weight"].dtype);
        OracleAssert.Close(new[]
        {
            -0.0024956068955361843, 0.17881453037261963, -0.2743483781814575, -0.24531301856040955, -0.1283847987651825,
            0.08938579261302948, -0.006604393478482962, 0.2642965018749237, -0.029581349343061447, 0.08820419013500214,
            -0.10073769092559814, -0.06552179902791977, -0.3184494972229004, -0.22076070308685303, -0.13740770518779755,
            0.012347857467830181, 0.13177840411663055, 0.2000076025724411,
        }, loaded["weight"].data<float>(), 0, "conv weight");
        OracleAssert.Close(new[] { -0.22598037123680115, -0.14515428245067596 }, loaded["bias"].data<float>(), 0, "conv bias");
    }

    [Fact]
    public void A_python_dict_with_one_entry_and_one_with_a_non_tensor_value()
    {
        var single = Path.Combine(folder, "single.pt");
        var mixed = Path.Combine(folder, "mixed.pt");
        RunPython($$"""
            import torch
            torch.save({'only': torch.tensor([1.0, 2.0], dtype=torch.float64)}, {{PythonString(single)}})
            torch.save({'w': torch.zeros(2), 'epoch': 3}, {{PythonString(mixed)}})
            """);
        Assert.Equal(new[] { 1.0, 2.0 }, load(single)["only"].data<double>());
        var error = Assert.Throws<TorchException>(() => load(mixed));
        Assert.Contains(mixed, error.Message);
        Assert.Contains("entry 'epoch' is a int, not a tensor", error.Message);
    }

    [Fact]
    public void Loading_a_missing_or_garbage_file_names_the_path()
    {
        var missing = Path.Combine(folder, "nothing-here.pt");
        var error = Assert.Throws<FileNotFoundException>(() => load(missing));
        Assert.Contains(missing, error.Message);

        var garbage = Path.Combine(folder, "garbage.pt");
        File.WriteAllText(garbage, "this is not a checkpoint");
        var bad = Assert.Throws<TorchException>(() => load(garbage));
        Assert.Contains(garbage, bad.Message);
        Assert.Contains("not a PyTorch file", bad.Message);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]  // TorchLab runs on Linux (Debian's libtorch)
    public void Saving_into_an_unwritable_folder_fails_and_leaves_no_partial_file()
    {
        var locked = Directory.CreateDirectory(Path.Combine(folder, "locked")).FullName;
        var path = Path.Combine(locked, "model.pt");
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            if (CanWriteTo(locked)) return;  // root ignores permissions; the missing-folder case below still runs
            var error = Assert.Throws<TorchException>(() => save(Sample(), path));
            Assert.Contains(path, error.Message);
            Assert.Empty(Directory.GetFileSystemEntries(locked));
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void A_save_that_fails_after_writing_removes_its_temporary_file()
    {
        // The target is a folder, so the final rename fails after the data was fully written
        // (this fails even for root, unlike a permission test).
        var path = Directory.CreateDirectory(Path.Combine(folder, "model.pt")).FullName;
        var error = Assert.Throws<TorchException>(() => save(Sample(), path));
        Assert.Contains(path, error.Message);
        Assert.Equal(new[] { path }, Directory.GetFileSystemEntries(folder));
        Assert.Empty(Directory.GetFileSystemEntries(path));
    }

    [Fact]
    public void Saving_into_a_missing_folder_fails_naming_the_path()
    {
        var path = Path.Combine(folder, "no-such-folder", "model.pt");
        var error = Assert.Throws<TorchException>(() => save(Sample(), path));
        Assert.Contains(path, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_failed_save_keeps_the_previous_file()
    {
        var path = Path.Combine(folder, "keep.pt");
        save(Sample(), path);
        var before = File.ReadAllBytes(path);
        using var disposed = ones(1);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => save(new Dictionary<string, Tensor> { ["x"] = disposed }, path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(folder));
    }

    private static bool CanWriteTo(string directory)
    {
        try
        {
            File.WriteAllText(Path.Combine(directory, "probe"), "");
            File.Delete(Path.Combine(directory, "probe"));
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string TestsFolder([CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;

    private static string PythonString(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    private static string RunPython(string script)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: run scripts/install-deps.sh (it installs python3-torch)");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python failed ({process.ExitCode}): {stderr.Result}");
        return stdout;
    }
}
