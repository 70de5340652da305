namespace TorchLab.Plotting.Tests;

/// <summary>
/// Renders every figure kind with sample data into $TORCHLAB_PLOT_GALLERY, for a person to look
/// at after changing the style; skipped unless that variable names a folder.
/// </summary>
public class Gallery
{
    [Fact]
    public void Renders_every_figure_kind()
    {
        var folder = Environment.GetEnvironmentVariable("TORCHLAB_PLOT_GALLERY");
        Assert.SkipWhen(string.IsNullOrEmpty(folder), "set TORCHLAB_PLOT_GALLERY to a folder to render the gallery");
        Directory.CreateDirectory(folder!);
        string File(string name) => Path.Combine(folder!, name);

        var random = new Random(1);
        double[] epochs = [.. Enumerable.Range(1, 12).Select(e => (double)e)];
        double Decay(double e, double start, double floor) => floor + (start - floor) * Math.Exp(-e / 3);
        double[] steps = [.. Enumerable.Range(1, 12 * 50).Select(i => Decay(i / 50.0, 2.3, 0.08) * Math.Exp(random.NextDouble() * 0.6 - 0.3))];
        HistoryFigure.SavePng(File("history.png"), new HistoryFigureData(epochs,
            [.. epochs.Select(e => Decay(e, 2.3, 0.08))], [.. epochs.Select(e => Decay(e, 2.3, 0.15))],
            [.. epochs.Select(e => 1 - Decay(e, 0.9, 0.02))], [.. epochs.Select(e => 1 - Decay(e, 0.9, 0.05))], steps),
            "LeNet-5 on MNIST: 12 epochs, batch 64, SGD lr 0.05");

        var counts = new int[10, 10];
        for (var t = 0; t < 10; t++)
        for (var p = 0; p < 10; p++)
            counts[t, p] = t == p ? 950 + random.Next(50) : random.Next(12);
        ConfusionMatrixFigure.SavePng(File("confusion.png"), counts, [.. Enumerable.Range(0, 10).Select(i => i.ToString())], "Confusion matrix (validation, 98.1 %)");
        ConfusionMatrixFigure.SavePng(File("confusion3.png"), new[,] { { 50, 2, 0 }, { 5, 30, 1 }, { 0, 0, 12 } }, ["T-shirt/top", "Trouser", "Pullover"], "Confusion matrix");

        float[,] Image(int size, Func<int, int, float> f)
        {
            var image = new float[size, size];
            for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                image[y, x] = f(y, x);
            return image;
        }
        var input = Image(28, (y, x) => MathF.Exp(-((y - 14) * (y - 14) + (x - 12) * (x - 12)) / 40f));
        var edgeX = Image(26, (y, x) => input[y + 1, x + 2] - input[y + 1, x]);
        var edgeY = Image(26, (y, x) => input[y + 2, x + 1] - input[y, x + 1]);
        Heatmap.SavePng(File("heatmap.png"), Image(12, (y, x) => MathF.Sin(x / 2f) * MathF.Cos(y / 3f)), "conv1 kernel 0 (signed)", ColorMap.Diverging);
        Heatmap.SavePng(File("heatmap_grey.png"), input, "input image");
        ImageGrid.SavePng(File("grid.png"),
        [
            ("input channels", [new GridImage(input, "red"), new GridImage(Image(28, (y, x) => input[y, 27 - x]), "green"), new GridImage(Image(28, (y, x) => input[27 - y, x]), "blue")]),
            ("per-channel terms", [new GridImage(edgeX, "red * k0"), new GridImage(edgeY, "green * k1"), new GridImage(Image(26, (y, x) => edgeX[y, x] + edgeY[y, x]), "blue * k2")]),
            ("outputs", [new GridImage(Image(26, (y, x) => edgeX[y, x] * 2 - edgeY[y, x]), "sum + bias", ColorMap.Diverging)]),
        ], "Conv components: 3 input channels, one output", ColorMap.Diverging);
        ImageGrid.SavePng(File("featuremaps.png"),
            [("conv1", [.. Enumerable.Range(0, 6).Select(i => new GridImage(Image(24, (y, x) => MathF.Sin((x * MathF.Cos(i) + y * MathF.Sin(i)) / 3f)), $"channel {i}"))]),
             ("conv2", [.. Enumerable.Range(0, 4).Select(i => new GridImage(Image(8, (y, x) => (x + y * i) % 5), $"channel {i}"))])],
            "Feature maps of digit 7", sharedScale: true);

        BarChart.SavePng(File("bars.png"), ["conv2d 5x5", "matmul 256", "im2col", "backward"],
            [("manual", [120.0, 40, 300, 800]), ("TorchSharp CPU", [12.0, 3, 25, 60]), ("TorchSharp CUDA", [0.9, 0.2, 1.5, 4])],
            "Time per call", "milliseconds", logY: true);
        BarChart.SavePng(File("bars_linear.png"), ["a", "b", "c"], [("one", [1.0, 2, 3]), ("two", [2.0, 1, 0.5])], "Linear bars", "value");

        double[] xs = [.. Enumerable.Range(0, 40).Select(i => i / 4.0)];
        LineChart.SavePng(File("line.png"), "Learning-rate sweep", "epoch", "validation loss",
        [
            new LineSeries("lr 0.01", xs, [.. xs.Select(x => Decay(x, 2.3, 0.3))]),
            new LineSeries("lr 0.1", xs, [.. xs.Select(x => x is > 4 and < 5 ? double.NaN : Decay(x * 2, 2.3, 0.1))], Markers: true),
        ], logY: true);
        LineChart.SavePng(File("line_linear.png"), "Linear", "x", "y", [new LineSeries("sin", xs, [.. xs.Select(Math.Sin)], Markers: true)]);
    }
}
