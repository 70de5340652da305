using System.Globalization;

namespace TorchLab.Plotting;

/// <summary>"Nice" axis ticks: steps of 1, 2 or 5 times a power of ten, and labels without float noise.</summary>
internal static class Ticks
{
    /// <summary>About <paramref name="target"/> ticks covering [min, max], and the range widened to the outer ticks.</summary>
    public static (double[] ticks, double low, double high) Linear(double min, double max, int target = 6)
    {
        if (max <= min) (min, max) = (min - 0.5 * Math.Max(1, Math.Abs(min)), max + 0.5 * Math.Max(1, Math.Abs(max)));
        var step = NiceStep((max - min) / target);
        var low = Math.Floor(min / step) * step;
        var high = Math.Ceiling(max / step) * step;
        var count = (int)Math.Round((high - low) / step);
        return (Enumerable.Range(0, count + 1).Select(i => Clean(low + i * step, step)).ToArray(), low, high);
    }

    /// <summary>Powers of ten covering [min, max] (both positive), for a log axis.</summary>
    public static (double[] ticks, double low, double high) Log(double min, double max)
    {
        var low = Math.Floor(Math.Log10(min));
        var high = Math.Ceiling(Math.Log10(max));
        if (high <= low) high = low + 1;
        return (Enumerable.Range((int)low, (int)(high - low) + 1).Select(e => Math.Pow(10, e)).ToArray(), Math.Pow(10, low), Math.Pow(10, high));
    }

    /// <summary>The shortest label that shows the tick exactly at its axis's precision.</summary>
    public static string Label(double value, double step)
    {
        if (value == 0) return "0";
        var magnitude = Math.Abs(value);
        if (magnitude >= 1e5 || magnitude < 1e-4) return value.ToString("0.#E+0", CultureInfo.InvariantCulture);
        var decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 6);
        return value.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    // 0.1 * 3 is 0.30000000000000004; rounding to the step's precision removes the noise.
    private static double Clean(double value, double step) =>
        Math.Round(Math.Round(value / step) * step, Math.Clamp((int)Math.Ceiling(-Math.Log10(step)), 0, 15));
}
