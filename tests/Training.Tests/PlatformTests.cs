using System.Diagnostics;
using static TorchSharp.torch;

namespace TorchLab.Training.Tests;

/// <summary>TorchSharp loads on this machine (build/WeakGlibcxx.targets) and computes.</summary>
public class PlatformTests
{
    private static readonly string Library = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");

    [Fact]
    public void TorchSharp_loads_libtorch_2_10_and_runs_a_conv()
    {
        Assert.StartsWith("2.10", __version__);
        using var scope = NewDisposeScope();
        var image = arange(16f).reshape(1, 1, 4, 4);
        var kernel = tensor(new float[] { -1, 1 }).reshape(1, 1, 1, 2);
        var edges = nn.functional.conv2d(image, kernel);                      // every step to the right adds 1
        Assert.Equal([1L, 1, 4, 3], edges.shape);
        Assert.All(edges.data<float>().ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Only_the_output_copy_of_LibTorchSharp_is_patched()
    {
        if (SystemHasGlibcxx332()) Assert.Skip("this system's libstdc++ has GLIBCXX_3.4.32, so nothing is patched");
        Assert.True(File.Exists(Library), $"{Library} missing");
        Assert.Contains("weak version `GLIBCXX_3.4.32' not found", Ldd(Library));

        var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!File.Exists(cached)) Assert.Skip($"no NuGet cache copy at {cached} to compare with");
        var original = Ldd(cached);
        Assert.Contains("version `GLIBCXX_3.4.32' not found", original);
        Assert.DoesNotContain("weak version", original);
    }

    private static bool SystemHasGlibcxx332() =>
        new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }.Where(File.Exists)
            .Any(path => File.ReadAllText(path, System.Text.Encoding.Latin1).Contains("GLIBCXX_3.4.32"));

    private static string Ldd(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("ldd", [path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output.Result + errors;
    }
}
