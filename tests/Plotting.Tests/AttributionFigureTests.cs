using ScottPlot;

namespace TorchLab.Plotting.Tests;

/// <summary>The explain figures: logos by sign and height, mutagenesis and digit maps by colour, bad data refused.</summary>
public class AttributionFigureTests : IDisposable
{
    private static readonly (int r, int g, int b) Red = Rgb(FigureStyle.Letter('T'));
    private static readonly (int r, int g, int b) Orange = Rgb(FigureStyle.Letter('G'));

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Logo_draws_a_positive_letter_above_the_axis_and_a_negative_one_below_as_tall_as_its_height()
    {
        // G at position 3 with +1, T at position 8 with -0.5, every other position 0 (nothing drawn).
        var heights = new double[10];
        (heights[2], heights[7]) = (1, -0.5);
        var path = folder.File("logo.png");
        var (figure, height) = AttributionLogoFigure.Build("logo", [new("one sequence", "ACGTACGTAC", heights)]);
        figure.SavePng(path, 1000, height);
        var png = new PngReadBack(path);
        Assert.Equal((1000, FigureStyle.HeadingHeight + AttributionLogoFigure.PanelHeight), (png.Width, png.Height));
        var panel = figure.GetPlot(1);
        var at = (double x, double y) => panel.GetPixel(new Coordinates(x, y));
        int Count((int, int, int) color, double x0, double y0, double x1, double y1)
        {
            var (a, b) = (at(x0, y1), at(x1, y0));   // y grows downwards in pixels
            return png.CountColor(color, (int)a.X, (int)a.Y, (int)b.X + 1, (int)b.Y + 1);
        }

        Assert.True(Count(Orange, 2.55, 0.02, 3.45, 1) > 100, "no orange G above the axis at position 3");
        Assert.Equal(0, Count(Orange, 2.5, -0.6, 3.5, -0.02));
        Assert.True(Count(Red, 7.55, -0.5, 8.45, -0.02) > 50, "no red T below the axis at position 8");
        Assert.Equal(0, Count(Red, 7.5, 0.02, 8.5, 1));
        // As tall as the height: the G fills 0..1 and nothing of it reaches 1.1; the T's bar hangs from the axis and
        // its stem ends at -0.5.
        Assert.True(Count(Orange, 2.55, 0.9, 3.45, 0.99) > 10, "the G does not reach its height 1");
        Assert.Equal(0, Count(Orange, 2.5, 1.03, 3.5, 1.15));
        Assert.True(Count(Red, 7.55, -0.06, 8.45, -0.02) > 20, "the T's bar is not at the axis");
        Assert.True(Count(Red, 7.95, -0.49, 8.05, -0.45) > 0, "the T's stem does not reach -0.5");
        Assert.Equal(0, Count(Red, 7.5, -0.6, 8.5, -0.53));
        // The junction: a dashed line between positions 5 and 6 of 10.
        var line = at(5.5, 0);
        var dark = Enumerable.Range(-60, 120).Count(dy => png.Brightness(line.X, line.Y + dy) < 0.7);
        Assert.True(dark > 20, $"only {dark} dark pixels along the junction");
        Assert.Equal(Enumerable.Range(1, 10).Select(p => ((double)p, $"{p}")),
            panel.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => (t.Position, t.Label)));
    }

    [Fact]
    public void Logo_stacks_one_panel_per_logo_and_refuses_bad_data_in_one_line()
    {
        var path = folder.File("logos.png");
        double[] heights = [0.2, -0.1, 0.4];
        AttributionLogoFigure.SavePng(path, "three", [new("a", "ACG", heights), new("b", "tga", heights)], 800);
        Assert.Equal(FigureStyle.HeadingHeight + 2 * AttributionLogoFigure.PanelHeight, new PngReadBack(path).Height);

        string Refused(params AttributionLogo[] logos) =>
            Assert.Throws<PlotException>(() => AttributionLogoFigure.SavePng(path, "bad", logos)).Message;
        Assert.Equal("attribution logo figure 'bad': no logos to plot", Refused());
        Assert.Equal("attribution logo 'short': the sequence has 4 letters but there are 3 heights",
            Refused(new AttributionLogo("short", "ACGT", heights)));
        Assert.Equal("attribution logo 'N': position 2 holds 'N', not one of the letters A, C, G, T",
            Refused(new AttributionLogo("N", "ANG", heights)));
        Assert.Equal("attribution logo 'nan': nothing to plot, no height is finite",
            Refused(new AttributionLogo("nan", "ACG", [double.NaN, double.NaN, double.PositiveInfinity])));
    }

    [Fact]
    public void Mutagenesis_map_colours_the_largest_rise_with_the_positive_end_and_marks_the_letter_present()
    {
        // Sequence ACGTAC; G at position 2 raises the logit by 2 (the largest), T at position 5 lowers it by 1.
        var change = new float[4, 6];
        (change[2, 1], change[3, 4]) = (2, -1);
        var path = folder.File("mutagenesis.png");
        var (figure, height) = MutagenesisFigure.Build("ism", [new("one sequence", "ACGTAC", change)]);
        figure.SavePng(path, 1000, height);
        var png = new PngReadBack(path);
        var panel = figure.GetPlot(1);
        var cell = (int position, int letter, double dx) =>
            panel.GetPixel(new Coordinates(position - 1 + dx, 3 - letter));   // beside the cell's centre, off the dot

        var positiveEnd = Rgb(new ScottPlot.Colormaps.Balance().GetColor(1));
        var rise = cell(2, 2, 0.3);
        Assert.True(png.HasColorNear(rise.X, rise.Y, positiveEnd, radius: 0, tolerance: 30),
            $"the largest rise shows as {png.At(rise.X, rise.Y)}, not the positive end {positiveEnd}");
        var (r, g, b) = png.At(cell(5, 3, 0.3).X, cell(5, 3, 0.3).Y);
        Assert.True(b > r + 40, $"-1 of a range ±2 shows as ({r}, {g}, {b}), not blue");
        Assert.True(png.Brightness(cell(1, 1, 0.3).X, cell(1, 1, 0.3).Y) > 0.85, "0 is not pale");
        // A dot at the letter present: position 1 is A, position 3 G; none where the letter is absent.
        for (var p = 1; p <= 6; p++)
        {
            var present = "ACGT".IndexOf("ACGTAC"[p - 1]);
            for (var l = 0; l < 4; l++)
            {
                var centre = cell(p, l, 0);
                var dot = png.HasColorNear(centre.X, centre.Y, (0, 0, 0), radius: 1, tolerance: 30);
                Assert.True(dot == (l == present), $"position {p}, letter {"ACGT"[l]}: dot {dot}");
            }
        }
        Assert.Equal(["A", "C", "G", "T"], panel.Axes.Left.TickGenerator.Ticks.OrderByDescending(t => t.Position)
            .Select(t => t.Label));
        Assert.True(png.InkShare(1000 - 120, 80, 1000 - 100, height - 80) > 0.3, "no colour bar at the right");
    }

    [Fact]
    public void Mutagenesis_refuses_a_wrong_shape_a_letter_not_ACGT_or_no_finite_change()
    {
        var path = folder.File("bad.png");
        string Refused(params MutagenesisMap[] maps) =>
            Assert.Throws<PlotException>(() => MutagenesisFigure.SavePng(path, "bad", maps)).Message;
        Assert.Equal("mutagenesis figure 'bad': no maps to plot", Refused());
        Assert.Equal("mutagenesis map 'short': the change is 4x5, not 4x6 (letters x positions of the sequence)",
            Refused(new MutagenesisMap("short", "ACGTAC", new float[4, 5])));
        Assert.Contains("the change is 3x6, not 4x6", Refused(new MutagenesisMap("rows", "ACGTAC", new float[3, 6])));
        Assert.Equal("mutagenesis map 'x': position 6 holds 'X', not one of the letters A, C, G, T",
            Refused(new MutagenesisMap("x", "ACGTAX", new float[4, 6])));
        var nan = new float[4, 2];
        for (var l = 0; l < 4; l++) nan[l, 0] = nan[l, 1] = float.NaN;
        Assert.Equal("mutagenesis map 'nan': nothing to plot, no change is finite", Refused(new MutagenesisMap("nan", "AC", nan)));
    }

    [Fact]
    public void Digit_attribution_puts_the_digit_in_dark_ink_beside_its_map_on_a_symmetric_scale()
    {
        // One ink pixel at (2, 3); attribution +1 at (1, 1), -0.5 at (6, 6), 0 elsewhere: the scale is ±1.
        var (pixels, attribution) = (new float[8, 8], new float[8, 8]);
        pixels[2, 3] = 16;
        (attribution[1, 1], attribution[6, 6]) = (1, -0.5f);
        DigitAttribution item = new("a digit", pixels, attribution);
        var path = folder.File("digits.png");
        DigitAttributionFigure.SavePng(path, "digits", [item]);
        var png = new PngReadBack(path);
        var (_, width, height) = DigitAttributionFigure.Build("digits", [item]);
        Assert.Equal((width, height), (png.Width, png.Height));

        const double pixel = DigitAttributionFigure.Cell / 8.0;
        var left = DigitAttributionFigure.ItemLeft(0, DigitAttributionFigure.ItemWidth([item]));
        var top = DigitAttributionFigure.ImageTop(0);
        var mapLeft = left + DigitAttributionFigure.Cell + DigitAttributionFigure.Gap;
        (double x, double y) Digit(int r, int c) => (left + (c + 0.5) * pixel, top + (r + 0.5) * pixel);
        (double x, double y) Map(int r, int c) => (mapLeft + (c + 0.5) * pixel, top + (r + 0.5) * pixel);

        Assert.True(png.Brightness(Digit(2, 3).x, Digit(2, 3).y) < 0.05, "the ink pixel is not dark");
        Assert.True(png.Brightness(Digit(5, 5).x, Digit(5, 5).y) > 0.95, "blank paper is not white");
        var balance = new ScottPlot.Colormaps.Balance();
        var positive = Rgb(balance.GetColor(1));
        Assert.True(png.HasColorNear(Map(1, 1).x, Map(1, 1).y, positive, radius: 0, tolerance: 30),
            $"+1 shows as {png.At(Map(1, 1).x, Map(1, 1).y)}, not the positive end {positive}");
        var quarter = Rgb(balance.GetColor(0.25));   // -0.5 on a scale from -1 to +1
        Assert.True(png.HasColorNear(Map(6, 6).x, Map(6, 6).y, quarter, radius: 0, tolerance: 30),
            $"-0.5 shows as {png.At(Map(6, 6).x, Map(6, 6).y)}, not {quarter}");
        var (r, g, b) = png.At(Map(6, 6).x, Map(6, 6).y);
        Assert.True(b > r + 40, $"-0.5 shows as ({r}, {g}, {b}), not blue");
        Assert.True(png.Brightness(Map(4, 4).x, Map(4, 4).y) > 0.85, "0 is not pale");
        // The strip under the map runs from the negative end to the positive one, labelled ±1.
        var stripY = top + DigitAttributionFigure.Cell + 6 + DigitAttributionFigure.StripHeight / 2.0;
        var negative = Rgb(balance.GetColor(0));
        Assert.True(png.HasColorNear(mapLeft + 1, stripY, negative, radius: 1, tolerance: 40), "the strip does not start blue");
        Assert.True(png.HasColorNear(mapLeft + DigitAttributionFigure.Cell - 2, stripY, positive, radius: 1, tolerance: 40),
            "the strip does not end red");
        Assert.InRange(png.InkShare((int)mapLeft, (int)stripY + 8, (int)mapLeft + 30, (int)stripY + 24), 0.02, 0.7);
    }

    [Fact]
    public void Digit_attribution_lays_items_out_four_to_a_row_and_refuses_bad_data()
    {
        var items = Enumerable.Range(0, 5).Select(i => new DigitAttribution($"item {i}", new float[8, 8],
            new float[8, 8])).ToList();
        var path = folder.File("grid.png");
        DigitAttributionFigure.SavePng(path, "five", items);
        var (_, width, height) = DigitAttributionFigure.Build("five", items);
        Assert.Equal(DigitAttributionFigure.ImageTop(4) - DigitAttributionFigure.ImageTop(0),
            DigitAttributionFigure.RowHeight);
        Assert.True(width > 4 * 2 * DigitAttributionFigure.Cell && height > 2 * DigitAttributionFigure.Cell,
            $"{width}x{height} does not hold two rows of four items");

        string Refused(params DigitAttribution[] bad) =>
            Assert.Throws<PlotException>(() => DigitAttributionFigure.SavePng(path, "bad", bad)).Message;
        Assert.Equal("digit attribution figure 'bad': no items to plot", Refused());
        Assert.Equal("digit attribution 'shape': the digit is 8x8 and its attribution 7x8; they must be the same, "
            + "non-empty shape", Refused(new DigitAttribution("shape", new float[8, 8], new float[7, 8])));
        Assert.Contains("the digit is 0x0", Refused(new DigitAttribution("empty", new float[0, 0], new float[0, 0])));
        var nan = new float[8, 8];
        for (var r = 0; r < 8; r++) for (var c = 0; c < 8; c++) nan[r, c] = float.NaN;
        Assert.Equal("digit attribution 'nan': nothing to plot, no attribution is finite",
            Refused(new DigitAttribution("nan", new float[8, 8], nan)));
    }

    private static (int r, int g, int b) Rgb(Color color) => (color.R, color.G, color.B);
}
