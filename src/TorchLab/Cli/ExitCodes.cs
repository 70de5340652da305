namespace TorchLab.Cli;

/// <summary>The program's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Success = 0;
    /// <summary>The work failed (a check did not pass, training diverged, a file could not be written).</summary>
    public const int Failure = 1;
    /// <summary>The command line was wrong (unknown model, bad option value, missing data).</summary>
    public const int Usage = 2;
    /// <summary>Stopped by Ctrl+C after saving (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
    /// <summary>Stopped by SIGTERM after saving (128 + SIGTERM).</summary>
    public const int Terminated = 143;
}
