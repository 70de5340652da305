using System.Diagnostics;

namespace TorchLab.TorchLab.Tests;

/// <summary>Whether the Python with PyTorch 1.13 (Debian's python3-torch) is there for the tests that open our files in PyTorch.</summary>
internal static class PythonTorch
{
    public static string Python { get; } = Environment.GetEnvironmentVariable("TORCHLAB_PYTHON") ?? "/usr/bin/python3";

    public static bool Available { get; } = Check();

    private static bool Check()
    {
        if (!File.Exists(Python)) return false;
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import torch"]) { RedirectStandardError = true })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
