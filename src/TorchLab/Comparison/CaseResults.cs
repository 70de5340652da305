using TorchLab.Manual;

namespace TorchLab.Comparison;

/// <summary>One case's input and its two outputs: by hand and by libtorch.</summary>
public sealed record CaseResults(string Name, NdArray Input, NdArray Manual, NdArray LibTorch);
