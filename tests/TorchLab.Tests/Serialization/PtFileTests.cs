using TorchLab.Storage.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.TorchLab.Tests;

/// <summary>PtFile against itself and against PyTorch 1.13's torch.save / torch.load.</summary>
public sealed class PtFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("torchlab-pt-").FullName;
    private readonly DisposeScope scope = NewDisposeScope();

    public void Dispose()
    {
        scope.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static OrderedDictionary<string, Tensor> Sample() => new()
    {
        ["conv.weight"] = arange(24f).reshape(2, 3, 4) / 7,
        ["fc.bias"] = tensor(new[] { -1.5, 0.25, double.MaxValue }),
        ["steps"] = tensor(123456789012L),                              // 0-dim
        ["ids"] = tensor(new[] { 1, -2, int.MaxValue }),
        ["rng_state"] = tensor(new byte[] { 0, 7, 255 }),
        ["mask"] = tensor(new[] { true, false, true }),
        ["half"] = tensor(new[] { 0.5f, -2f, 65504f }).to(ScalarType.Float16),
        ["bf16"] = tensor(new[] { 0.5f, -2f, 3e38f }).to(ScalarType.BFloat16),
        ["empty"] = zeros(0, 3),
        ["slice"] = arange(100.0, 110.0).narrow(0, 2, 3),              // a view with a storage offset
        ["transposed"] = arange(6f).reshape(2, 3).t(),                 // non-contiguous
    };

    private static void AssertSame(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, tensor) in expected)
        {
            Assert.Equal(tensor.dtype, actual[name].dtype);
            Assert.Equal(tensor.shape, actual[name].shape);
            // Bit for bit: the bytes of both, laid out row-major.
            Assert.True(tensor.contiguous().bytes.SequenceEqual(actual[name].contiguous().bytes),
                $"'{name}' differs: [{Values(tensor)}] vs [{Values(actual[name])}]");
        }
    }

    private static string Values(Tensor t) => t.numel() == 0 ? "" : string.Join(", ", t.cpu().to(ScalarType.Float64).contiguous().data<double>().ToArray());

    [Fact]
    public void Save_then_Load_keeps_order_dtypes_shapes_and_exact_values()
    {
        var path = Path.Combine(folder, "sample.pt");
        var saved = Sample();
        PtFile.Save(saved, path);
        var loaded = PtFile.Load(path);
        AssertSame(saved, loaded);
        Assert.Equal([path], Directory.GetFiles(folder));               // no temporary file left behind
        Assert.True(new FileInfo(path).Length < 4000, "a view should not carry its base's storage");
    }

    [Fact]
    public void Storages_start_at_multiples_of_64_bytes_as_torch_save_lays_them_out()
    {
        var path = Path.Combine(folder, "aligned.pt");
        PtFile.Save(Sample(), path);
        // Walk the local headers: data start = header + 30 + name + extra field.
        var bytes = File.ReadAllBytes(path);
        var starts = new List<int>();
        for (var at = 0; BitConverter.ToUInt32(bytes, at) == 0x04034b50;)
        {
            int name = BitConverter.ToUInt16(bytes, at + 26), extra = BitConverter.ToUInt16(bytes, at + 28);
            var data = at + 30 + name + extra;
            starts.Add(data);
            at = data + BitConverter.ToInt32(bytes, at + 18);
        }
        Assert.Equal(Sample().Count + 3, starts.Count);
        Assert.All(starts, start => Assert.Equal(0, start % 64));
    }

    [Fact]
    public void TorchLab_to_PyTorch_to_TorchLab_round_trip_is_exact()
    {
        PythonTorch.RequireOrSkip();
        var path = Path.Combine(folder, "ours.pt");
        var back = Path.Combine(folder, "theirs.pt");
        var saved = Sample();
        PtFile.Save(saved, path);
        var output = PythonTorch.Run($$"""
            import torch
            d = torch.load({{PythonTorch.Literal(path)}})
            print(list(d.keys()))
            print(d['conv.weight'].dtype, tuple(d['conv.weight'].shape), d['conv.weight'].is_contiguous())
            assert torch.equal(d['conv.weight'], torch.arange(24.).reshape(2, 3, 4) / 7)
            assert d['steps'].dim() == 0 and d['steps'].item() == 123456789012
            assert d['transposed'].tolist() == [[0., 3.], [1., 4.], [2., 5.]]
            assert d['half'].dtype == torch.float16 and d['bf16'].dtype == torch.bfloat16 and d['mask'].dtype == torch.bool
            assert not any(t.requires_grad for t in d.values())
            torch.nn.Conv1d(3, 2, 4, bias=False).load_state_dict({'weight': d['conv.weight']})
            d['conv.weight'] = d['conv.weight'] * 2
            d['fc.bias'][0] = -3.0
            d['new'] = torch.full((2, 2), 0.125)
            torch.save(d, {{PythonTorch.Literal(back)}})
            """);
        Assert.Equal("['conv.weight', 'fc.bias', 'steps', 'ids', 'rng_state', 'mask', 'half', 'bf16', 'empty', 'slice', 'transposed']\n"
            + "torch.float32 (2, 3, 4) True", output);

        var expected = Sample();
        expected["conv.weight"] = expected["conv.weight"] * 2;
        expected["fc.bias"][0] = -3.0;
        expected["new"] = full(2, 2, 0.125f);
        AssertSame(expected, PtFile.Load(back));
    }

    [Fact]
    public void A_PyTorch_dict_with_every_dtype_views_and_one_shared_storage()
    {
        PythonTorch.RequireOrSkip();
        var path = Path.Combine(folder, "python.pt");
        PythonTorch.Run($$"""
            import collections, torch
            base = torch.arange(12.).reshape(3, 4)
            d = collections.OrderedDict()
            d['base'] = base
            d['t'] = base.t()                    # same storage, transposed strides
            d['window'] = base[1:, 1:3]          # same storage, offset 5, strides (4, 1)
            d['scalar'] = torch.tensor(3.5, dtype=torch.float64)
            d['i64'] = torch.tensor([-(2**40), 2**62])
            d['i32'] = torch.tensor([-7, 7], dtype=torch.int32)
            d['u8'] = torch.tensor([0, 200], dtype=torch.uint8)
            d['b'] = torch.tensor([True, False])
            d['f16'] = torch.tensor([1.5, -0.25], dtype=torch.float16)
            d['bf16'] = torch.tensor([1.5, -0.25], dtype=torch.bfloat16)
            d['param'] = torch.nn.Parameter(torch.ones(2))
            torch.save(d, {{PythonTorch.Literal(path)}})
            """);
        var loaded = PtFile.Load(path);
        Assert.Equal(["base", "t", "window", "scalar", "i64", "i32", "u8", "b", "f16", "bf16", "param"], loaded.Keys);
        Assert.Equal(arange(12f).reshape(3, 4).t().data<float>().ToArray(), loaded["t"].contiguous().data<float>().ToArray());
        Assert.Equal([5f, 6, 9, 10], loaded["window"].contiguous().data<float>().ToArray());
        Assert.Equal(5, loaded["window"].storage_offset());
        Assert.Empty(loaded["scalar"].shape);
        Assert.Equal(3.5, loaded["scalar"].item<double>());
        Assert.Equal([-(1L << 40), 1L << 62], loaded["i64"].data<long>().ToArray());
        Assert.Equal([-7, 7], loaded["i32"].data<int>().ToArray());
        Assert.Equal([(byte)0, 200], loaded["u8"].data<byte>().ToArray());
        Assert.Equal([true, false], loaded["b"].data<bool>().ToArray());
        Assert.Equal([1.5f, -0.25f], loaded["f16"].to(ScalarType.Float32).data<float>().ToArray());
        Assert.Equal([1.5f, -0.25f], loaded["bf16"].to(ScalarType.Float32).data<float>().ToArray());
        Assert.Equal([1f, 1f], loaded["param"].data<float>().ToArray());
        loaded["base"][0, 1] = tensor(100f);                           // one storage, as in PyTorch
        Assert.Equal(100f, loaded["t"][1, 0].item<float>());
    }

    [Fact]
    public void A_conv2d_state_dict_saved_by_PyTorch_loads_with_its_keys_and_exact_values()
    {
        // tests/TorchLab.Tests/pytorch/conv2d_fixture.py: torch.manual_seed(0);
        // torch.save(nn.Conv2d(1, 2, 3).state_dict(), ...), an OrderedDict with _metadata.
        var loaded = PtFile.Load(Path.Combine(AppContext.BaseDirectory, "fixtures", "conv2d_state_dict.pt"));
        Assert.Equal(["weight", "bias"], loaded.Keys);
        Assert.Equal([2L, 1, 3, 3], loaded["weight"].shape);
        Assert.Equal(ScalarType.Float32, loaded["weight"].dtype);
        Assert.Equal(new[]
        {
            -0.0024956068955361843f, 0.17881453037261963f, -0.2743483781814575f, -0.24531301856040955f, -0.1283847987651825f,
            0.08938579261302948f, -0.006604393478482962f, 0.2642965018749237f, -0.029581349343061447f, 0.08820419013500214f,
            -0.10073769092559814f, -0.06552179902791977f, -0.3184494972229004f, -0.22076070308685303f, -0.13740770518779755f,
            0.012347857467830181f, 0.13177840411663055f, 0.2000076025724411f,
        }, loaded["weight"].data<float>().ToArray());
        Assert.Equal([-0.22598037123680115f, -0.14515428245067596f], loaded["bias"].data<float>().ToArray());
    }

    [Fact]
    public void A_PyTorch_dict_with_a_non_tensor_value_is_refused_naming_the_entry()
    {
        PythonTorch.RequireOrSkip();
        var path = Path.Combine(folder, "mixed.pt");
        PythonTorch.Run($"import torch; torch.save({{'w': torch.zeros(2), 'epoch': 3}}, {PythonTorch.Literal(path)})");
        var error = Assert.Throws<PtFormatException>(() => PtFile.Load(path));
        Assert.Equal($"'{path}': entry 'epoch' is a int, not a tensor", error.Message);
    }

    [Fact]
    public void A_failed_save_keeps_the_previous_file_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(folder, "keep.pt");
        PtFile.Save(Sample(), path);
        var before = File.ReadAllBytes(path);
        var disposed = ones(1);
        disposed.Dispose();
        Assert.ThrowsAny<Exception>(() => PtFile.Save([new("x", disposed)], path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    [Fact]
    public void A_save_whose_final_rename_fails_names_the_path_and_removes_its_temporary_file()
    {
        var path = Directory.CreateDirectory(Path.Combine(folder, "model.pt")).FullName;  // a folder: the rename fails
        var error = Assert.Throws<IOException>(() => PtFile.Save(Sample(), path));
        Assert.Contains(path, error.Message);
        Assert.Equal([path], Directory.GetFileSystemEntries(folder));
        Assert.Empty(Directory.GetFileSystemEntries(path));
    }

    [Fact]
    public void Saving_into_a_missing_folder_fails_naming_the_path()
    {
        var path = Path.Combine(folder, "no-such-folder", "model.pt");
        var error = Assert.Throws<IOException>(() => PtFile.Save(Sample(), path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_name_given_twice_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => PtFile.Save([new("w", ones(1)), new("w", ones(1))], Path.Combine(folder, "twice.pt")));
        Assert.Contains("'w' twice", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }
}
