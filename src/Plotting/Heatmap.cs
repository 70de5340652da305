using TorchLab.Plotting.Cairo;

namespace TorchLab.Plotting;

/// <summary>A matrix drawn as an image, one cell per value, with a colour bar showing the scale.</summary>
public static class Heatmap
{
    /// <summary>Draws <paramref name="values"/> (row 0 at the top) and writes the PNG atomically. NaN cells are magenta.</summary>
    public static void SavePng(string path, float[,] values, string title, ColorMap map = ColorMap.Grey, int width = 600, int height = 520)
    {
        var (rows, columns) = (values.GetLength(0), values.GetLength(1));
        if (rows == 0 || columns == 0) throw new PlotException($"nothing to plot: '{title}' is an empty matrix");
        using var canvas = new Canvas(width, height);
        canvas.Text(title, width / 2.0, 22, 15, Color.Text, Align.Center, bold: true);
        var layout = Layout(width, height, rows, columns);
        var scale = ColorScale.For(map, values.Cast<float>());
        canvas.Image(Pixels(values, scale), columns, rows, layout.x, layout.y, layout.cell * columns, layout.cell * rows);
        canvas.StrokeRectangle(layout.x, layout.y, layout.cell * columns, layout.cell * rows, Color.Frame);
        ColorBar.Draw(canvas, scale, layout.x + layout.cell * columns + 24, layout.y, layout.cell * rows);
        canvas.SavePng(path);
    }

    /// <summary>Where the cells go: square cells, as large as fit left of the colour bar.</summary>
    internal static (double x, double y, double cell) Layout(int width, int height, int rows, int columns)
    {
        var cell = Math.Min((width - 150.0) / columns, (height - 60.0) / rows);
        return ((width - 110 - cell * columns) / 2, 44, cell);
    }

    internal static uint[] Pixels(float[,] values, ColorScale scale)
    {
        var (rows, columns) = (values.GetLength(0), values.GetLength(1));
        var pixels = new uint[rows * columns];
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < columns; c++)
            pixels[r * columns + c] = scale.Pixel(values[r, c]);
        return pixels;
    }
}

/// <summary>A vertical colour ramp with ticks, beside a heatmap.</summary>
internal static class ColorBar
{
    public static void Draw(Canvas canvas, ColorScale scale, double x, double y, double height, double width = 18)
    {
        const int steps = 256;
        var ramp = new uint[steps];
        for (var i = 0; i < steps; i++) ramp[i] = scale.Pixel(scale.High - (scale.High - scale.Low) * i / (steps - 1));
        canvas.Image(ramp, 1, steps, x, y, width, height);
        canvas.StrokeRectangle(x, y, width, height, Color.Frame);
        var (ticks, _, _) = Ticks.Linear(scale.Low, scale.High, 5);
        var step = ticks.Length > 1 ? ticks[1] - ticks[0] : 1;
        foreach (var t in ticks.Where(t => t >= scale.Low - 1e-12 && t <= scale.High + 1e-12))
        {
            var py = y + height * (scale.High - t) / (scale.High - scale.Low);
            canvas.Line(x + width, py, x + width + 4, py, Color.Frame);
            canvas.Text(Ticks.Label(t, step), x + width + 7, py, 11, Color.Text);
        }
    }
}
