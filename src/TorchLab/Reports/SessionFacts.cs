using System.Runtime.InteropServices;
using TorchSharp;

namespace TorchLab.Reports;

/// <summary>The facts a report records about where it ran (the course's sessionInfo()).</summary>
public static class SessionFacts
{
    /// <summary>The facts as key/value pairs, for <c>info</c>, reports and metrics files.</summary>
    public static IEnumerable<(string key, string value)> All()
    {
        yield return ("TorchLab", typeof(SessionFacts).Assembly.GetName().Version?.ToString() ?? "?");
        yield return ("TorchSharp", typeof(torch).Assembly.GetName().Version?.ToString() ?? "?");
        yield return ("libtorch", torch.__version__);
        yield return ("runtime", RuntimeInformation.FrameworkDescription);
        yield return ("OS", RuntimeInformation.OSDescription);
        yield return ("CPU cores", Environment.ProcessorCount.ToString());
        yield return ("torch threads", torch.get_num_threads().ToString());
        yield return ("CUDA available",
            torch.cuda.is_available() ? $"yes, {torch.cuda.device_count()} device(s)" : "no");
        yield return ("default device", torch.cuda.is_available() ? "cuda" : "cpu");
    }
}
