using TorchLab.Plotting.Cairo;

namespace TorchLab.Plotting;

/// <summary>
/// A rectangle of the figure mapped to data ranges, with its frame, grid, ticks and labels:
/// what a line chart and each panel of the history figure draw into.
/// </summary>
internal sealed class Axes
{
    /// <summary>With <paramref name="categoricalX"/> the x range is exactly [xMin, xMax] and gets no numeric ticks (bar charts label it themselves).</summary>
    public Axes(double left, double top, double width, double height, double xMin, double xMax, double yMin, double yMax, bool logY,
        bool categoricalX = false)
    {
        (Left, Top, Width, Height, LogY) = (left, top, width, height, logY);
        (XTicks, XLow, XHigh) = categoricalX ? ([], xMin, xMax) : Ticks.Linear(xMin, xMax);
        (YTicks, YLow, YHigh) = logY ? Ticks.Log(yMin, yMax) : Ticks.Linear(yMin, yMax, 5);
    }

    public double Left { get; }
    public double Top { get; }
    public double Width { get; }
    public double Height { get; }
    public bool LogY { get; }
    public double[] XTicks { get; }
    public double[] YTicks { get; }
    public double XLow { get; }
    public double XHigh { get; }
    public double YLow { get; }
    public double YHigh { get; }

    /// <summary>The pixel where data point (x, y) is drawn.</summary>
    public (double x, double y) ToPixel(double x, double y)
    {
        var fx = (x - XLow) / (XHigh - XLow);
        var fy = LogY ? (Math.Log10(y) - Math.Log10(YLow)) / (Math.Log10(YHigh) - Math.Log10(YLow)) : (y - YLow) / (YHigh - YLow);
        return (Left + fx * Width, Top + Height - fy * Height);
    }

    /// <summary>Whether a value can be drawn on this axis (finite, and positive on a log axis).</summary>
    public bool Drawable(double x, double y) => double.IsFinite(x) && double.IsFinite(y) && (!LogY || y > 0);

    public void DrawBackground(Canvas canvas, string? xLabel, string? yLabel)
    {
        foreach (var t in YTicks)
        {
            var (_, py) = ToPixel(XLow, t);
            canvas.Line(Left, py, Left + Width, py, Color.Grid);
            // On a log axis each power of ten is its own precision.
            var step = LogY ? t : YTicks.Length > 1 ? Math.Abs(YTicks[1] - YTicks[0]) : 1;
            canvas.Text(Ticks.Label(t, step), Left - 8, py, 12, Color.Text, Align.End);
        }
        foreach (var t in XTicks)
        {
            var (px, _) = ToPixel(t, YLow);
            canvas.Line(px, Top, px, Top + Height, Color.Grid);
            canvas.Line(px, Top + Height, px, Top + Height + 5, Color.Frame);
            canvas.Text(Ticks.Label(t, XTicks.Length > 1 ? XTicks[1] - XTicks[0] : 1), px, Top + Height + 16, 12, Color.Text, Align.Center);
        }
        canvas.StrokeRectangle(Left, Top, Width, Height, Color.Frame);
        if (xLabel is not null) canvas.Text(xLabel, Left + Width / 2, Top + Height + 38, 13, Color.Text, Align.Center);
        if (yLabel is not null) canvas.Text(yLabel, Left - 52, Top + Height / 2, 13, Color.Text, Align.Center, vertical: true);
    }

    /// <summary>A legend box in the upper right corner of the axes.</summary>
    public void DrawLegend(Canvas canvas, IReadOnlyList<(string name, Color color)> entries, bool bottom = false)
    {
        if (entries.Count == 0) return;
        var width = entries.Max(e => canvas.TextWidth(e.name, 12)) + 44;
        var height = entries.Count * 20 + 10;
        var x = Left + Width - width - 10;
        var y = bottom ? Top + Height - height - 10 : Top + 10;
        canvas.Fill(x, y, width, height, Color.White.WithAlpha(0.85));
        canvas.StrokeRectangle(x, y, width, height, Color.Grid);
        for (var i = 0; i < entries.Count; i++)
        {
            var cy = y + 15 + i * 20;
            canvas.Line(x + 8, cy, x + 30, cy, entries[i].color, 2.5);
            canvas.Text(entries[i].name, x + 36, cy, 12, Color.Text);
        }
    }
}
