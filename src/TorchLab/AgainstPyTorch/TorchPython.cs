namespace TorchLab.AgainstPyTorch;

/// <summary>
/// The Python whose torch is the lab's reference: Debian's python3-torch (the PATH's python3 may
/// be another one), or the interpreter <c>TORCHLAB_PYTHON</c> names. The test projects link this
/// file (tests/Directory.Build.props), so bench and the tests ask the same interpreter.
/// </summary>
internal static class TorchPython
{
    public static string Executable { get; } =
        Environment.GetEnvironmentVariable("TORCHLAB_PYTHON") ?? "/usr/bin/python3";
}
