using System.Diagnostics;

namespace TorchLab.AgainstPyTorch;

/// <summary>
/// The process's peak resident memory since the last <see cref="Reset"/>, so each model in one
/// bench process gets its own peak rather than the largest of all before it. Linux resets the
/// high-water mark through /proc/self/clear_refs; elsewhere the peak cannot be reset and is the
/// process's peak so far.
/// </summary>
public static class PeakMemory
{
    private const string ClearRefs = "/proc/self/clear_refs", Status = "/proc/self/status";

    /// <summary>Sets the peak to the current resident memory (Linux 4.0 and later); a no-op elsewhere.</summary>
    public static void Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // "5" resets VmHWM only; the other values of clear_refs touch page flags we leave alone.
        // Where /proc is read-only (some containers) the peak stays the process's so far.
        try
        {
            if (File.Exists(ClearRefs)) File.WriteAllText(ClearRefs, "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>The peak resident memory in MiB (VmHWM, as PyTorch's ru_maxrss is).</summary>
    public static double Megabytes()
    {
        if (File.Exists(Status))
            foreach (var line in File.ReadLines(Status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return double.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) / 1024;
                }
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
    }
}
