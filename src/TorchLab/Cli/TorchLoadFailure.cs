namespace TorchLab.Cli;

/// <summary>
/// One line for a TorchSharp that cannot load its natives, in place of its multi-page trace:
/// what failed and what to do about it.
/// </summary>
public static class TorchLoadFailure
{
    /// <summary>The cause and the fix, from the exception TorchSharp's type initializer threw.</summary>
    public static string Describe(TypeInitializationException e)
    {
        var reason = e.InnerException?.Message ?? e.Message;
        var libstdcxx = reason.Contains("GLIBCXX", StringComparison.Ordinal);
        var cause = libstdcxx
            ? "libLibTorchSharp.so needs GLIBCXX_3.4.32, which this system's libstdc++ lacks"
            : "TorchSharp could not load libtorch (libLibTorchSharp.so and libtorch*.so)";
        var fix = libstdcxx
            ? "rebuild with dotnet build, whose WeakGlibcxx step patches the copy in the output " +
                "folder (README, Platform notes)"
            : Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") is null
                ? "build with the default TorchBackend=cpu, or for TorchBackend=external put libtorch's folder " +
                    "(torch/lib of a PyTorch install) on LD_LIBRARY_PATH (README, Platform notes)"
                : "check that LD_LIBRARY_PATH names a libtorch 2.10 folder matching TorchSharp " +
                    "0.107 (README, Platform notes)";
        return $"{cause}; {fix}.";
    }
}
