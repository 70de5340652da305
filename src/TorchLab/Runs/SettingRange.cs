using System.Globalization;

namespace TorchLab.Runs;

/// <summary>
/// The values one training setting may take, defined once: the command-line options check what
/// was typed against it, and a checkpoint's <c>settings.{Key}</c> entries are checked against it
/// before a resumed run uses them.
/// </summary>
/// <param name="Key">The setting's name in a checkpoint (<see cref="TrainSettings.ToCheckpoint"/>).</param>
/// <param name="Whole">Whether only whole numbers are allowed.</param>
/// <param name="Exclusive">Whether <paramref name="Minimum"/> itself is outside (a learning rate must be above
/// 0).</param>
public sealed record SettingRange(string Key, double Minimum, double Maximum, bool Whole, bool Exclusive = false)
{
    public static readonly SettingRange Epochs = new("epochs", 1, TrainSettings.MaxEpochs, Whole: true);
    public static readonly SettingRange BatchSize = new("batch_size", 1, int.MaxValue, Whole: true);
    public static readonly SettingRange LearningRate = new("lr", 0, double.MaxValue, Whole: false, Exclusive: true);
    public static readonly SettingRange Patience = new("patience", 1, int.MaxValue, Whole: true);
    // A seed is a long; the largest double below 2^63 is the largest that converts to one.
    public static readonly SettingRange Seed = new("seed", long.MinValue,
        Math.BitDecrement(-(double)long.MinValue), Whole: true);
    public static readonly SettingRange Threads = new("threads", 1, 1024, Whole: true);
    public static readonly SettingRange Schedule = new("lr_schedule", 0,
        Enum.GetValues<LrSchedule>().Length - 1, Whole: true);

    /// <summary>Every setting a checkpoint records.</summary>
    public static readonly IReadOnlyList<SettingRange> All = [Epochs, BatchSize, LearningRate,
        Patience, Seed, Threads, Schedule];

    /// <summary>
    /// Why <paramref name="value"/> is not allowed ("must be positive", "is below the minimum, 1"),
    /// to follow the value in a message, or null when it is allowed.
    /// </summary>
    public string? Problem(double value)
    {
        if (!double.IsFinite(value)) return "is not a finite number";
        if (Whole && value != Math.Floor(value)) return "is not a whole number";
        if (Exclusive && value <= Minimum) return Minimum == 0 ? "must be positive" : $"must be above {Text(Minimum)}";
        if (value < Minimum) return $"is below the minimum, {Text(Minimum)}";
        if (value > Maximum) return $"is above the maximum, {Text(Maximum)}";
        return null;
    }

    /// <summary>A number as the messages write it: invariant culture, shortest round-trip form.</summary>
    public static string Text(double value) =>
        Math.Abs(value) < 1e15 && value == Math.Floor(value) ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
}
