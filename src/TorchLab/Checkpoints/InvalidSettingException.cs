namespace TorchLab.Checkpoints;

/// <summary>
/// Settings that cannot continue the run being resumed (options that conflict with its checkpoint,
/// or a run that is already over), found before any work starts.
/// </summary>
public sealed class InvalidSettingException(string message) : Exception(message);
