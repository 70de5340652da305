using TorchLab.Storage.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.TorchLab.Tests;

/// <summary>A real tiny-cnn checkpoint after one epoch, made once for the hostile edits below.</summary>
public sealed class TrainedCheckpoint : IDisposable
{
    public TempFolder Folder { get; } = new();

    public TrainedCheckpoint()
    {
        var (code, output) = CliRunner.Run("train", "tiny-cnn", "--epochs", "1", "--out", Folder.File("run"));
        if (code != 0) throw new InvalidOperationException($"training the checkpoint for the tests failed ({code}):\n{output}");
    }

    public string Path => Folder.File("run", "checkpoint.pt");

    public void Dispose() => Folder.Dispose();
}

/// <summary>
/// A checkpoint that passes the .pt reader but holds entries no run could have written is refused
/// before any of it is used: exit 2, one line naming the file and the entry, and no abort inside
/// libtorch (which, in-process, would take the test host down with it).
/// </summary>
[Collection(nameof(Serial))]
public sealed class CheckpointValidationTests(TrainedCheckpoint trained) : IClassFixture<TrainedCheckpoint>
{
    // Each case: the entry it breaks, how, and a fragment of the refusal.
    public static TheoryData<string, string> Cases => new()
    {
        { "rng_state as float32", "is Float32, not Byte" },
        { "rng_state of 100 bytes", "holds 100 bytes; libtorch's CPU generator state is" },
        { "history.epochs as a scalar", "has shape [], not 2 dimension(s)" },
        { "history.epochs with 6 columns", "has shape [1, 6], not [epochs, 7]" },
        { "history.epochs numbered -5", "row 1 numbers it -5" },
        { "history.epochs accuracy 1.5", "row 1 has a validation accuracy of 1.5, outside [0, 1]" },
        { "history.epochs NaN train loss", "row 1 has a train loss of NaN" },
        { "history.step_losses cut short", "holds 10 step losses, but 1 epoch(s) of 21 batches make 21" },
        { "history.step_losses negative", "holds -1 at step 1" },
        { "optimizer.param_groups.0.lr -1", "is -1; the run's constant rate (settings.lr) is 0.001" },
        { "optimizer.state.0.step 5", "counts 5 steps, but the history records 21" },
        { "optimizer.state.0.exp_avg cut", "has shape [4, 1, 3, 3], but its parameter's is [8, 1, 3, 3]" },
        { "optimizer.state.1.exp_avg_sq negative", "holds negative values" },
        { "optimizer.state.2.exp_avg NaN", "holds NaN or infinite values" },
        { "model.conv1.weight NaN", "holds NaN or infinite values" },
        { "best_model.fc.bias as float64", "is Float64, but the model's 'fc.bias' is Float32" },
        { "settings.epochs 1e12", "is 1000000000000, which is above the maximum, 10000" },
        { "settings.batch_size 0", "is 0, which is below the minimum, 1" },
        { "settings.batch_size -64", "is -64, which is below the minimum, 1" },
        { "settings.batch_size 1e12", "is 1000000000000, which is above the maximum" },
        { "settings.batch_size 2.5", "is 2.5, which is not a whole number" },
        { "settings.lr NaN", "is NaN, which is not a finite number" },
        { "settings.lr -0.001", "is -0.001, which must be positive" },
        { "settings.threads 0", "is 0, which is below the minimum, 1" },
        { "settings.lr_schedule 7", "is 7, which is above the maximum, 2" },
        { "settings.seed with two values", "holds 2 values of shape [2], not one number" },
        { "settings.epochs as float32", "is Float32, not Float64" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_hostile_entry_is_refused_naming_the_file_and_the_entry(string edit, string fragment)
    {
        var entry = edit.Split(' ')[0];
        var path = Edited(edit, state => Apply(edit, entry, state));
        var (code, stdout, stderr) = CliRunner.RunSplit("train", "tiny-cnn", "--epochs", "3", "--resume", path, "--out", trained.Folder.File("o-" + Guid.NewGuid().ToString("N")));
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.True(code == 2, $"exit {code} for {edit}:\n{stdout}\n{stderr}");
        Assert.StartsWith($"error: {path}: ", line);
        Assert.Contains($"'{entry}'", line);
        Assert.Contains(fragment, line);
    }

    [Fact]
    public void The_unedited_checkpoint_resumes()
    {
        // The control: the same run with nothing edited continues, so each refusal above is its edit's.
        var path = Edited("nothing", _ => { });
        var (code, output) = CliRunner.Run("train", "tiny-cnn", "--epochs", "2", "--resume", path, "--out", trained.Folder.File("resumed"));
        Assert.True(code == 0, output);
        Assert.Contains("resuming after epoch 1", output);
    }

    [Fact]
    public void Another_models_checkpoint_is_refused_naming_both_models()
    {
        // With --epochs 3 the step losses were refused (tiny-cnn's 21 an epoch against seq-sketch's 29); without
        // it, the finished run's one epoch.
        foreach (var epochs in new[] { new[] { "--epochs", "3" }, [] })
        {
            var (code, stdout, stderr) = CliRunner.RunSplit(["train", "seq-sketch", .. epochs, "--resume", trained.Path, "--out", trained.Folder.File("o-" + Guid.NewGuid().ToString("N"))]);
            Assert.True(code == 2, $"exit {code}:\n{stdout}\n{stderr}");
            var line = Assert.Single(stderr.TrimEnd().Split('\n'));
            Assert.Equal($"error: {trained.Path} is tiny-cnn's checkpoint, not seq-sketch's: its weights are a tiny-cnn model's (continue it with train tiny-cnn --resume)", line);
        }
    }

    [Fact]
    public void A_stride_0_view_is_refused_before_it_is_expanded()
    {
        // 13 bytes of storage, but history.step_losses claims 1e9 float64 elements over one of them:
        // 8 GB once copied into an array, which the first check used to let through.
        var path = trained.Folder.File("view.pt");
        var pickle = Pickler.StateDict([
            new Pickler.Entry("history.epochs", "0", "DoubleStorage", 7, [1, 7], [7, 1]),
            new Pickler.Entry("history.step_losses", "1", "DoubleStorage", 1, [1_000_000_000], [0]),
        ]);
        using (var zip = new System.IO.Compression.ZipArchive(File.Create(path), System.IO.Compression.ZipArchiveMode.Create))
        {
            foreach (var (record, bytes) in new[] { ("data.pkl", pickle), ("data/0", new byte[56]), ("data/1", new byte[8]) })
            {
                using var stream = zip.CreateEntry("archive/" + record, System.IO.Compression.CompressionLevel.NoCompression).Open();
                stream.Write(bytes);
            }
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, _, stderr) = CliRunner.RunSplit("train", "tiny-cnn", "--epochs", "3", "--resume", path, "--out", trained.Folder.File("o-view"));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2, code);
        Assert.Contains($"'{path}': tensor 'history.step_losses' is a view of 1000000000 Float64 elements (8000000000 bytes) over a storage of 1", stderr);
        Assert.True(allocated < 16 << 20, $"refusing the view allocated {allocated >> 20} MB");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"refusing the view took {clock.Elapsed}");
    }

    private string Edited(string edit, Action<OrderedDictionary<string, Tensor>> change)
    {
        using var scope = NewDisposeScope();
        var state = PtFile.Load(trained.Path);
        change(state);
        var path = trained.Folder.File(string.Concat(edit.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')) + ".pt");
        PtFile.Save(state, path);
        return path;
    }

    private static void Apply(string edit, string entry, OrderedDictionary<string, Tensor> state)
    {
        var old = state[entry];
        state[entry] = edit switch
        {
            "rng_state as float32" => old.to_type(ScalarType.Float32),
            "rng_state of 100 bytes" => old.narrow(0, 0, 100),
            "history.epochs as a scalar" => tensor(1.0),
            "history.epochs with 6 columns" => old.narrow(1, 0, 6),
            "history.epochs numbered -5" => Set(old, [0, 0], -5),
            "history.epochs accuracy 1.5" => Set(old, [0, 4], 1.5),
            "history.epochs NaN train loss" => Set(old, [0, 1], double.NaN),
            "history.step_losses cut short" => old.narrow(0, 0, 10),
            "history.step_losses negative" => Set(old, [0], -1),
            "optimizer.state.0.exp_avg cut" => old.narrow(0, 0, 4),
            "optimizer.state.1.exp_avg_sq negative" => Set(old, [0], -1),
            "optimizer.state.2.exp_avg NaN" => Set(old, [0, 0, 0, 0], double.NaN),
            "model.conv1.weight NaN" => Set(old, [0, 0, 0, 0], double.NaN),
            "best_model.fc.bias as float64" => old.to_type(ScalarType.Float64),
            "settings.seed with two values" => tensor(new[] { 0.0, 1.0 }),
            "settings.epochs as float32" => tensor(1f),
            "optimizer.state.0.step 5" => tensor(5f),
            _ => tensor(double.Parse(edit.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)),
        };
    }

    private static Tensor Set(Tensor value, long[] at, double number)
    {
        var copy = value.clone();
        copy[at.Select(i => TensorIndex.Single(i)).ToArray()] = tensor(number, copy.dtype);
        return copy;
    }
}
