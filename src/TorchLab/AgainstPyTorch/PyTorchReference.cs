using System.Text.Json;
using TorchLab.Runs;

namespace TorchLab.AgainstPyTorch;

/// <summary>Where a reference came from: the command that made it, PyTorch's version, the CPU and the date.</summary>
public sealed record ReferenceSource(string Command, string Torch, string Cpu, string Date);

/// <summary>
/// PyTorch 1.13's run of one model's full protocol (data/pytorch-reference/MODEL.json, written by
/// benchmarks/pytorch_reference.py): every step's train loss as the float32 PyTorch computed, the
/// best epoch and the test score, with the settings it ran under and where it ran.
/// </summary>
public sealed record PyTorchReference(string Model, ReferenceSource Source, int Epochs, double LearningRate,
    int BatchSize, long Seed, int Threads, int BestEpoch, double TestAccuracy, IReadOnlyList<float> StepLosses)
{
    /// <summary>The folder under the data folder that holds one reference per model.</summary>
    public const string Folder = "pytorch-reference";

    public static string PathFor(string dataFolder, string model) => Path.Combine(dataFolder, Folder, model + ".json");

    /// <summary>
    /// Reads <paramref name="path"/>; a bad or missing file throws <see cref="ReferenceFileException"/>.
    /// </summary>
    public static PyTorchReference Read(string path)
    {
        if (!File.Exists(path)) throw new ReferenceFileException(path, "no such file");
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            var source = root.GetProperty("source");
            var protocol = root.GetProperty("protocol");
            if (protocol.GetProperty("patience").ValueKind != JsonValueKind.Null
                || protocol.GetProperty("lr_schedule").GetString() != "none")
                throw new ReferenceFileException(path, "early stopping or a schedule is not the lab's protocol");
            var losses = root.GetProperty("step_losses").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
            var epochs = protocol.GetProperty("epochs").GetInt32();
            var run = root.GetProperty("epochs_run").GetInt32();
            if (losses.Length == 0 || losses.Length % epochs != 0 || run != epochs)
                throw new ReferenceFileException(path, $"{losses.Length} step losses are not {epochs} whole epochs");
            string Text(JsonElement parent, string name) => parent.GetProperty(name).GetString()!;
            var from = new ReferenceSource(
                Text(source, "command"), Text(source, "torch"), Text(source, "cpu"), Text(source, "date"));
            return new PyTorchReference(Text(root, "model"), from,
                epochs, protocol.GetProperty("lr").GetDouble(), protocol.GetProperty("batch_size").GetInt32(),
                protocol.GetProperty("seed").GetInt64(), protocol.GetProperty("threads").GetInt32(),
                root.GetProperty("best_epoch").GetInt32(), root.GetProperty("test_accuracy").GetDouble(), losses);
        }
        catch (JsonException e)
        {
            throw new ReferenceFileException(path, $"not JSON: {e.Message}");
        }
        catch (IOException e)
        {
            throw new ReferenceFileException(path, $"cannot be read: {e.Message}");
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ReferenceFileException(path, $"not a PyTorch reference ({e.Message})");
        }
    }

    public int StepsPerEpoch => StepLosses.Count / Epochs;

    /// <summary>Why <paramref name="settings"/> are not the run this reference made, or null when they are.</summary>
    public string? Differs(TrainSettings settings)
    {
        var wanted = (Epochs, LearningRate, BatchSize, Seed, Threads);
        var got = (settings.Epochs, settings.LearningRate, settings.BatchSize, settings.Seed, settings.Threads);
        if (settings.Patience is not null || settings.Schedule != LrSchedule.None)
            return "the run used early stopping or a schedule";
        if (got != wanted)
            return $"the run's epochs, lr, batch, seed, threads {got} are not the reference's {wanted}";
        var cpu = settings.Device.type == TorchSharp.DeviceType.CPU;
        return cpu ? null : $"the run was on {settings.Device}, the reference on CPU";
    }
}
