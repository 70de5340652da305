using TorchLab.Runs;
using TorchLab.Training;
using TorchLab.Training.Data;
using static TorchSharp.torch;

namespace TorchLab.Checkpoints;

/// <summary>
/// A checkpoint's entries, each checked for dtype, shape and range before anything in it is
/// used: a file can pass the <c>.pt</c> reader's checks and still hold an <c>rng_state</c> that
/// aborts libtorch, a history of the wrong width, or settings no command line would accept.
/// Every refusal is an <see cref="InvalidDataException"/> naming the file and the entry.
/// </summary>
internal static class CheckpointEntries
{
    public const string Model = "model.", Best = "best_model.", Optimizer = "optimizer.", Rng = "rng_state",
        Epochs = "history.epochs", StepLosses = "history.step_losses", LearningRate = "optimizer.param_groups.0.lr",
        Settings = "settings.";

    /// <summary>Columns of a <c>history.epochs</c> row: epoch, train loss and accuracy, validation loss and accuracy,
    /// learning rate, seconds.</summary>
    public const int EpochColumns = 7;

    public static InvalidDataException Refuse(string path, string entry, string problem) =>
        new($"{path}: entry '{Excerpt.Of(entry)}' {problem}");

    public static Tensor Entry(string path, IReadOnlyDictionary<string, Tensor> state, string key) =>
        state.TryGetValue(key, out var value) ? value : throw new InvalidDataException($"{path}: the checkpoint has " +
            $"no '{key}' (saved for another model or optimizer?)");

    /// <summary>Refuses <paramref name="value"/> unless it has <paramref name="dtype"/> and <paramref
    /// name="dimensions"/> dimensions.</summary>
    public static void Expect(string path, string entry, Tensor value, ScalarType dtype, int dimensions)
    {
        if (value.dtype != dtype)
            throw Refuse(path, entry, $"is {value.dtype}, not {dtype}");
        if (value.dim() != dimensions)
            throw Refuse(path, entry, dimensions == 0
                ? $"holds {value.numel()} values of shape {Shape(value)}, not one number"
                : $"has shape {Shape(value)}, not {dimensions} dimension(s)");
    }

    /// <summary>
    /// The <c>settings.*</c> entries: each one float64 number within its <see cref="SettingRange"/>,
    /// the ranges the command line's options have (a patience of 0 records "none").
    /// </summary>
    public static Dictionary<string, double> ReadSettings(string path, IReadOnlyDictionary<string, Tensor> state)
    {
        var settings = new Dictionary<string, double>();
        foreach (var range in SettingRange.All)
        {
            var key = Settings + range.Key;
            if (!state.TryGetValue(key, out var entry)) continue;
            Expect(path, key, entry, ScalarType.Float64, 0);
            var value = entry.item<double>();
            if ((range != SettingRange.Patience || value != 0) && range.Problem(value) is { } problem)
                throw Refuse(path, key, $"is {SettingRange.Text(value)}, which {problem}");
            settings[range.Key] = value;
        }
        return settings;
    }

    /// <summary>
    /// <c>history.epochs</c> (float64 [epochs, 7]: epochs numbered 1..n in order, finite losses
    /// of at least 0, accuracies in [0, 1], learning rates from 0 up to the run's, seconds of at least 0)
    /// and <c>history.step_losses</c> (float64 [epochs × <paramref name="batchesPerEpoch"/>] when that is
    /// known, finite and at least 0), as a history.
    /// </summary>
    public static History ReadHistory(string path, IReadOnlyDictionary<string, Tensor> state,
        IReadOnlyDictionary<string, double> settings,
        int? batchesPerEpoch = null)
    {
        var epochs = Entry(path, state, Epochs);
        Expect(path, Epochs, epochs, ScalarType.Float64, 2);
        if (epochs.shape[1] != EpochColumns)
            throw Refuse(path, Epochs, $"has shape {Shape(epochs)}, not [epochs, {EpochColumns}] (epoch, train loss, " +
                $"train accuracy, validation loss, validation accuracy, learning rate, seconds)");
        if (epochs.shape[0] == 0) throw Refuse(path, Epochs, "records no finished epoch");
        var rows = epochs.contiguous().data<double>().ToArray();
        var maxRate = settings.TryGetValue(SettingRange.LearningRate.Key, out var lr) ? lr : double.MaxValue;
        var constantRate = settings.GetValueOrDefault(SettingRange.Schedule.Key) == (int)LrSchedule.None
            && maxRate != double.MaxValue;
        var history = new History();
        for (var i = 0; i < rows.Length / EpochColumns; i++)
        {
            var r = rows.AsSpan(i * EpochColumns, EpochColumns);
            var problem =
                r[0] != i + 1 ? $"numbers it {SettingRange.Text(r[0])}; the epochs must be 1, 2, 3... in order" :
                !(double.IsFinite(r[1]) && r[1] >= 0) ? $"has a train loss of {SettingRange.Text(r[1])}; a loss is a " +
                    $"finite number of at least 0" :
                !(r[2] is >= 0 and <= 1) ? $"has a train accuracy of {SettingRange.Text(r[2])}, outside [0, 1]" :
                r[3] < 0 || double.IsNegativeInfinity(r[3])
                    ? $"has a validation loss of {SettingRange.Text(r[3])}; a loss is at least 0" :
                !(r[4] is >= 0 and <= 1) ? $"has a validation accuracy of {SettingRange.Text(r[4])}, outside [0, 1]" :
                !RateFits(r[5], maxRate, constantRate) ? $"has a learning rate of {SettingRange.Text(r[5])}; " +
                    $"{RateRule(maxRate, constantRate)}" :
                !(double.IsFinite(r[6]) && r[6] >= 0) ? $"took {SettingRange.Text(r[6])} seconds; a time is a " +
                    $"finite number of at least 0" : null;
            if (problem is not null) throw Refuse(path, Epochs, $"row {i + 1} {problem}");
            history.Epochs.Add(new EpochRecord(i + 1, r[1], r[2], r[3], r[4], r[5], r[6]));
        }

        var steps = Entry(path, state, StepLosses);
        Expect(path, StepLosses, steps, ScalarType.Float64, 1);
        var count = history.Epochs.Count;
        var expected = batchesPerEpoch is { } perEpoch ? (long)count * perEpoch : (long?)null;
        if (expected is { } n ? steps.shape[0] != n : steps.shape[0] % count != 0 || steps.shape[0] == 0)
            throw Refuse(path, StepLosses, $"holds {steps.shape[0]} step losses, but {count} epoch(s) of " +
                (batchesPerEpoch is { } b ? $"{b} batches make {expected}"
                    : "the same number of batches cannot make that many"));
        var losses = steps.contiguous().data<double>().ToArray();
        var bad = Array.FindIndex(losses, l => !(double.IsFinite(l) && l >= 0));
        if (bad >= 0)
            throw Refuse(path, StepLosses, $"holds {SettingRange.Text(losses[bad])} at step {bad + 1}; a loss is a " +
                $"finite number of at least 0");
        history.StepLosses.AddRange(losses);
        return history;
    }

    /// <summary>The generator state: uint8, exactly as long as libtorch's CPU generator's, or <c>set_rng_state</c>
    /// aborts the process.</summary>
    public static Tensor ReadRngState(string path, IReadOnlyDictionary<string, Tensor> state)
    {
        var rng = Entry(path, state, Rng);
        Expect(path, Rng, rng, ScalarType.Byte, 1);
        using var own = get_rng_state();
        if (rng.shape[0] != own.shape[0])
            throw Refuse(path, Rng, $"holds {rng.shape[0]} bytes; libtorch's CPU generator state is {own.shape[0]}");
        return rng.contiguous();
    }

    /// <summary>
    /// The optimizer's learning rate: one finite float64 above 0, equal to <c>settings.lr</c> for a
    /// constant rate, and at most it under a schedule (cosine and plateau only lower it).
    /// </summary>
    public static double ReadLearningRate(string path, IReadOnlyDictionary<string, Tensor> state,
        IReadOnlyDictionary<string, double> settings)
    {
        var entry = Entry(path, state, LearningRate);
        Expect(path, LearningRate, entry, ScalarType.Float64, 0);
        var value = entry.item<double>();
        var maxRate = settings.TryGetValue(SettingRange.LearningRate.Key, out var lr) ? lr : double.MaxValue;
        var constantRate = settings.GetValueOrDefault(SettingRange.Schedule.Key) == (int)LrSchedule.None
            && maxRate != double.MaxValue;
        if (!RateFits(value, maxRate, constantRate))
            throw Refuse(path, LearningRate, $"is {SettingRange.Text(value)}; {RateRule(maxRate, constantRate)}");
        return value;
    }

    /// <summary>
    /// One parameter's Adam state, <c>optimizer.state.{index}.*</c>: a step count equal to the
    /// steps taken, and moments of the parameter's shape and dtype, finite, <c>exp_avg_sq</c> at least 0.
    /// </summary>
    public static (long step, Tensor expAvg, Tensor expAvgSq) ReadMoments(string path,
        IReadOnlyDictionary<string, Tensor> state, int index,
        Tensor like, long stepsTaken)
    {
        var prefix = $"{Optimizer}state.{index}.";
        var step = Entry(path, state, prefix + "step");
        Expect(path, prefix + "step", step, ScalarType.Float32, 0);
        var steps = step.item<float>();
        if (steps != stepsTaken)
            throw Refuse(path, prefix + "step", $"counts {SettingRange.Text(steps)} steps, but the " +
                $"history records {stepsTaken}");
        var expAvg = Moment(path, state, prefix + "exp_avg", like, mayBeNegative: true);
        var expAvgSq = Moment(path, state, prefix + "exp_avg_sq", like, mayBeNegative: false);
        return (stepsTaken, expAvg, expAvgSq);
    }

    /// <summary>Refuses weights whose dtypes differ from the model's own or that hold NaN or infinity (keys and shapes
    /// are checked by the caller).</summary>
    public static void CheckValues(string path, string prefix, IReadOnlyDictionary<string, Tensor> own,
        IReadOnlyDictionary<string, Tensor> weights)
    {
        foreach (var (key, value) in own)
        {
            var weight = weights[key];
            if (weight.dtype != value.dtype)
                throw Refuse(path, prefix + key, $"is {weight.dtype}, but the model's '{key}' is {value.dtype}");
            if (weight.is_floating_point() && !isfinite(weight).all().item<bool>())
                throw Refuse(path, prefix + key, "holds NaN or infinite values");
        }
    }

    private static Tensor Moment(string path, IReadOnlyDictionary<string, Tensor> state, string key,
        Tensor like, bool mayBeNegative)
    {
        var value = Entry(path, state, key);
        if (value.dtype != like.dtype) throw Refuse(path, key, $"is {value.dtype}, not {like.dtype}");
        if (!value.shape.SequenceEqual(like.shape))
            throw Refuse(path, key, $"has shape {Shape(value)}, but its parameter's is {Shape(like)}");
        if (!isfinite(value).all().item<bool>()) throw Refuse(path, key, "holds NaN or infinite values");
        if (!mayBeNegative && (value < 0).any().item<bool>())
            throw Refuse(path, key, "holds negative values; a mean of squares is at least 0");
        return value;
    }

    // A schedule's rate is recomputed from the last one (TorchSharp's cosine, as PyTorch's, is
    // recursive), so on its way back up it may overshoot settings.lr in the last bits.
    private static bool RateFits(double rate, double maxRate, bool constantRate) =>
        double.IsFinite(rate) && (constantRate ? rate == maxRate : rate >= 0 && rate <= maxRate * (1 + 1e-9));

    private static string RateRule(double maxRate, bool constantRate) => constantRate
        ? $"the run's constant rate (settings.lr) is {SettingRange.Text(maxRate)}"
        : maxRate == double.MaxValue ? "a rate is a finite number of at least 0"
            : $"a scheduled rate runs from settings.lr, {SettingRange.Text(maxRate)}, down to 0";

    private static string Shape(Tensor value) => $"[{string.Join(", ", value.shape)}]";
}
