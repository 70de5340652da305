using TorchLab.Runs;

namespace TorchLab.Bench;

/// <summary>One model's benchmark: TorchLab's median epoch time, accuracy and memory, beside PyTorch's run of the same protocol.</summary>
public sealed record BenchRow(string Model, double TorchLabSeconds, double TorchLabAccuracy, double TorchLabPeakMb, double RssGrowth,
    ReferenceRun? PyTorch)
{
    /// <summary>PyTorch's median seconds per timed epoch, when PyTorch ran.</summary>
    public double? PyTorchSeconds => PyTorch is null ? null : EpochTimes.Median(PyTorch.EpochSeconds);
}
