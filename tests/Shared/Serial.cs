namespace TorchLab;

/// <summary>Tests that train, read the process-wide live-tensor count or set process-wide torch settings run alone.</summary>
[CollectionDefinition(nameof(Serial), DisableParallelization = true)]
public sealed class Serial;
