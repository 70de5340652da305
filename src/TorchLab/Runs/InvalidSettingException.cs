namespace TorchLab.Runs;

/// <summary>A setting that cannot work (an unwritable folder, missing data, an absent device), found before any work starts.</summary>
public sealed class InvalidSettingException(string message) : Exception(message);
