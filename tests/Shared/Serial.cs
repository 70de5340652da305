namespace TorchLab;

/// <summary>
/// Tests that train, seed libtorch's global generator, read the process-wide live-tensor count or
/// set process-wide torch settings run alone.
/// </summary>
[CollectionDefinition(nameof(Serial), DisableParallelization = true)]
public sealed class Serial;
