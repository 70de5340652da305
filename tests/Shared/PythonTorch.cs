using System.Diagnostics;

namespace TorchLab;

/// <summary>
/// Runs a script in the Python bench uses (<see cref="AgainstPyTorch.TorchPython"/>: Debian's python3-torch,
/// PyTorch 1.13, unless TORCHLAB_PYTHON names another), the oracle for the .pt format. Tests skip
/// when it is not installed. Linked into every test project (tests/Directory.Build.props).
/// </summary>
internal static class PythonTorch
{
    private static readonly string Python = AgainstPyTorch.TorchPython.Executable;
    private static readonly Lazy<bool> available = new(() => File.Exists(Python) && Run("import torch", out _, out _) == 0);

    /// <summary>Whether the interpreter imports torch.</summary>
    public static bool Available => available.Value;

    public static void RequireOrSkip()
    {
        if (!Available) Assert.Skip($"{Python} cannot import torch (scripts/install-deps.sh installs python3-torch)");
    }

    /// <summary>Runs <paramref name="script"/> and returns its trimmed standard output.</summary>
    public static string Run(string script)
    {
        var code = Run(script, out var output, out var errors);
        Assert.True(code == 0, $"python failed ({code}): {errors}");
        return output;
    }

    /// <summary>A Python string literal holding <paramref name="text"/>.</summary>
    public static string Literal(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    private static int Run(string script, out string output, out string errors)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        errors = stderr.Result;
        return process.ExitCode;
    }
}
