namespace TorchLab.Plotting.Tests;

/// <summary>The confusion matrix, heatmaps and image grids: cells shaded in the order of their values.</summary>
public class MatrixFigureTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Confusion_matrix_is_darkest_at_the_largest_count_with_readable_counts()
    {
        var counts = new[,] { { 50, 2, 0 }, { 5, 30, 1 }, { 0, 0, 12 } };
        string[] names = ["EI", "IE", "N"];
        var path = folder.File("confusion.png");
        ConfusionMatrixFigure.SavePng(path, counts, names, "confusion");
        var png = new PngReadBack(path);
        Assert.Equal((640, 560), (png.Width, png.Height));
        Assert.True(PngReadBack.IsWhite(png.At(2, 2)), "the background is not white");
        Assert.InRange(png.InkShare(250, 5, 390, 35), 0.02, 0.6);   // the title

        var plot = ConfusionMatrixFigure.Build(counts, names, "confusion");
        var centre = (int t, int p) => PlotPixels.Of(plot, p, 2 - t, 640, 560);   // true class 0 at the top
        double Shade(int t, int p) => png.Brightness(centre(t, p).X + 30, centre(t, p).Y + 30);   // inside the cell, beside the number
        Assert.True(Shade(0, 0) < Shade(1, 1) && Shade(1, 1) < Shade(2, 2) && Shade(2, 2) < Shade(0, 2),
            $"cell shades {Shade(0, 0):F2} {Shade(1, 1):F2} {Shade(2, 2):F2} {Shade(0, 2):F2} are not ordered like 50 > 30 > 12 > 0");
        // The count is written in white on the darkest cell and in black on a white one.
        var (dark, light) = (centre(0, 0), centre(0, 2));
        Assert.True(png.CountColor((255, 255, 255), (int)dark.X - 15, (int)dark.Y - 10, (int)dark.X + 15, (int)dark.Y + 10) > 10, "no white digits on the dark cell");
        Assert.True(png.CountColor((0, 0, 0), (int)light.X - 15, (int)light.Y - 10, (int)light.X + 15, (int)light.Y + 10, tolerance: 150) > 10, "no dark digit on the light cell");
        Assert.True(png.InkShare(560, 60, 580, 500) > 0.3, "no colour bar at the right");

        Assert.Throws<PlotException>(() => ConfusionMatrixFigure.SavePng(path, counts, ["a", "b"], "wrong"));
    }

    [Fact]
    public void Heatmap_shades_cells_in_the_order_of_their_values_with_row_zero_on_top()
    {
        var values = new float[,] { { 0, 1, 2 }, { 3, 4, 5 } };
        var path = folder.File("heat.png");
        HeatmapFigure.SavePng(path, values, "grey");
        var png = new PngReadBack(path);
        Assert.Equal((600, 520), (png.Width, png.Height));
        var plot = HeatmapFigure.Build(values, "grey", ColorMap.Grey);
        var shades = new List<double>();
        for (var r = 0; r < 2; r++)
        for (var c = 0; c < 3; c++)
        {
            var cell = PlotPixels.Of(plot, c, 1 - r, 600, 520);
            shades.Add(png.Brightness(cell.X, cell.Y));
        }
        Assert.True(shades.Zip(shades.Skip(1)).All(pair => pair.First < pair.Second), $"shades {string.Join(" ", shades.Select(s => s.ToString("F2")))} do not rise like 0..5");
        Assert.True(shades[0] < 0.05 && shades[^1] > 0.95, "the range does not run from black to white");
    }

    [Fact]
    public void Diverging_heatmap_is_symmetric_around_zero()
    {
        // -1 and 2 on a scale from -2 to 2: -1 is mid blue, 2 full red, 0 (nearly) white.
        var values = new float[,] { { -1, 0, 2 } };
        var path = folder.File("signed.png");
        HeatmapFigure.SavePng(path, values, "signed", ColorMap.Diverging);
        var png = new PngReadBack(path);
        var plot = HeatmapFigure.Build(values, "signed", ColorMap.Diverging);
        var (negative, zero, positive) = (PlotPixels.Of(plot, 0, 0, 600, 520), PlotPixels.Of(plot, 1, 0, 600, 520), PlotPixels.Of(plot, 2, 0, 600, 520));
        var (r, g, b) = png.At(negative.X, negative.Y);
        Assert.True(b > r + 40, $"-1 shows as ({r}, {g}, {b}), not blue");
        (r, g, b) = png.At(positive.X, positive.Y);
        Assert.True(r > b + 20 && r > g, $"2 shows as ({r}, {g}, {b}), not red");
        Assert.True(png.Brightness(zero.X, zero.Y) > 0.85, "0 is not pale");

        var nan = new float[,] { { float.NaN } };
        var error = Assert.Throws<PlotException>(() => HeatmapFigure.SavePng(path, nan, "nan"));
        Assert.Contains("nothing to plot", error.Message);
    }

    [Fact]
    public void Image_grid_puts_each_image_upright_in_its_cell()
    {
        var path = folder.File("grid.png");
        ImageGrid.SavePng(path, [("row one", [new GridImage(new float[,] { { 0, 1 }, { 1, 0 } }, "checker")])], "grid");
        var png = new PngReadBack(path);
        Assert.Equal((170 + 140 + 2 * 16, 48 + 140 + 24 + 2 * 16), (png.Width, png.Height));
        // The cell spans x 170..310 and y 48..188; row 0 of the image is its top half.
        Assert.True(png.Brightness(205, 83) < 0.1, "the top-left quarter should be black (0)");
        Assert.True(png.Brightness(275, 83) > 0.9, "the top-right quarter should be white (1)");
        Assert.True(png.Brightness(205, 153) > 0.9, "the bottom-left quarter should be white (1)");
        Assert.InRange(png.InkShare(10, 100, 160, 135), 0.01, 0.6);   // the row label
        Assert.InRange(png.InkShare(200, 190, 280, 210), 0.01, 0.6);   // the caption
        Assert.InRange(png.InkShare(100, 5, 240, 40), 0.02, 0.6);   // the title

        Assert.Contains("nothing to plot", Assert.Throws<PlotException>(() => ImageGrid.SavePng(path, [], "empty")).Message);
        Assert.Throws<PlotException>(() => ImageGrid.SavePng(path, [("r", [new GridImage(new float[0, 0], "empty")])], "t"));
    }

    [Fact]
    public void Image_grid_scales_each_image_to_its_own_range_unless_shared()
    {
        // [0, 1] and [0, 10]: on their own both end in white; on a shared scale 1 is nearly black.
        IReadOnlyList<GridImage> images = [new(new float[,] { { 0, 1 } }, "small"), new(new float[,] { { 0, 10 } }, "large")];
        var own = folder.File("own.png");
        var shared = folder.File("shared.png");
        ImageGrid.SavePng(own, [("r", images)], "own");
        ImageGrid.SavePng(shared, [("r", images)], "shared", sharedScale: true);
        // The right half of the first image: x 240..310, y 48..188.
        Assert.True(new PngReadBack(own).Brightness(275, 118) > 0.95, "its own maximum should be white");
        var brightness = new PngReadBack(shared).Brightness(275, 118);
        Assert.True(brightness is > 0.05 and < 0.2, $"1 of 10 is shown at brightness {brightness:F2}");
        Assert.True(new PngReadBack(shared).Brightness(431, 118) > 0.95, "the shared maximum should be white");
    }

    [Fact]
    public void Image_grid_widens_the_label_column_for_a_long_row_label()
    {
        var path = folder.File("long.png");
        var label = "a rather long label for a row of images";
        ImageGrid.SavePng(path, [(label, [new GridImage(new float[,] { { 0, 1 } }, "black and white")])], "t");
        var png = new PngReadBack(path);
        Assert.True(png.Width > 170 + 140 + 2 * 16, $"the figure is {png.Width} wide, as if the label were short");
        var imageLeft = png.Width - 2 * 16 - 140;   // then the gap after the cell, then the margin
        Assert.True(png.Brightness(imageLeft + 5, 118) < 0.05, "the image is not where the layout puts it");
        Assert.True(PngReadBack.IsWhite(png.At(imageLeft - 6, 118)), "the row label runs into the image");
    }
}
