using TorchLab.Runs;

namespace TorchLab.AgainstPyTorch;

/// <summary>
/// One model at one thread count: TorchLab's median epoch time over every round, its last
/// validation accuracy and memory, beside PyTorch's runs of the same protocol (null when PyTorch did not run).
/// </summary>
public sealed record BenchRow(
    string Model,
    int Threads,
    double TorchLabSeconds,
    double TorchLabAccuracy,
    double TorchLabPeakMb,
    double RssGrowth,
    IReadOnlyList<ReferenceRun>? PyTorch)
{
    public double? PyTorchSeconds =>
        PyTorch is null ? null : EpochTimes.Median(PyTorch.SelectMany(r => r.EpochSeconds));

    public double? PyTorchAccuracy => PyTorch?[^1].ValidAccuracy;

    public double? PyTorchPeakMb => PyTorch?.Max(r => r.PeakRssMegabytes);
}
