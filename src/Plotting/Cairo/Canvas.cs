using static TorchLab.Plotting.Cairo.CairoNative;

namespace TorchLab.Plotting.Cairo;

/// <summary>Where text sits relative to the point it is drawn at.</summary>
internal enum Align { Start, Center, End }

/// <summary>
/// A white image surface with a cairo context: the drawing primitives the figures use, every
/// cairo status checked, both native objects released on Dispose.
/// </summary>
internal sealed unsafe class Canvas : IDisposable
{
    private const string Font = "DejaVu Sans";
    private IntPtr surface, context;

    public Canvas(int width, int height)
    {
        if (width is < 16 or > 16384 || height is < 16 or > 16384)
            throw new PlotException($"figure size {width}x{height} is outside 16..16384 pixels");
        (Width, Height) = (width, height);
        surface = cairo_image_surface_create(FormatArgb32, width, height);
        CheckSurface(surface, "creating the image surface");
        context = cairo_create(surface);
        Check("creating the drawing context");
        Fill(0, 0, width, height, Color.White);
    }

    public int Width { get; }
    public int Height { get; }

    public void Fill(double x, double y, double width, double height, Color color)
    {
        SetColor(color);
        cairo_rectangle(context, x, y, width, height);
        cairo_fill(context);
    }

    public void StrokeRectangle(double x, double y, double width, double height, Color color, double lineWidth = 1)
    {
        SetColor(color);
        cairo_set_line_width(context, lineWidth);
        cairo_rectangle(context, x, y, width, height);
        cairo_stroke(context);
    }

    public void Line(double x1, double y1, double x2, double y2, Color color, double lineWidth = 1, bool dashed = false)
    {
        SetColor(color);
        cairo_set_line_width(context, lineWidth);
        SetDash(dashed);
        cairo_move_to(context, x1, y1);
        cairo_line_to(context, x2, y2);
        cairo_stroke(context);
        SetDash(false);
    }

    /// <summary>A polyline through the points; a null point breaks it (a gap).</summary>
    public void Polyline(IEnumerable<(double x, double y)?> points, Color color, double lineWidth)
    {
        SetColor(color);
        cairo_set_line_width(context, lineWidth);
        cairo_set_line_join(context, 1);   // round joins keep dense curves smooth
        cairo_set_line_cap(context, 1);
        var drawing = false;
        foreach (var point in points)
        {
            if (point is not { } p) { drawing = false; continue; }
            if (drawing) cairo_line_to(context, p.x, p.y);
            else cairo_move_to(context, p.x, p.y);
            drawing = true;
        }
        cairo_stroke(context);
    }

    public void Dot(double x, double y, double radius, Color color)
    {
        SetColor(color);
        cairo_new_path(context);
        cairo_arc(context, x, y, radius, 0, 2 * Math.PI);
        cairo_fill(context);
    }

    /// <summary>Draws text with its anchor at (x, y): horizontal by <paramref name="align"/>, vertically centred.</summary>
    public void Text(string text, double x, double y, double size, Color color, Align align = Align.Start, bool bold = false, bool vertical = false)
    {
        if (text.Length == 0) return;
        cairo_save(context);
        cairo_select_font_face(context, Font, 0, bold ? 1 : 0);
        cairo_set_font_size(context, size);
        cairo_text_extents(context, text, out var extents);
        cairo_translate(context, x, y);
        if (vertical) cairo_rotate(context, -Math.PI / 2);
        var dx = align switch { Align.Center => -extents.XAdvance / 2, Align.End => -extents.XAdvance, _ => 0 };
        SetColor(color);
        cairo_move_to(context, dx, size * 0.36);   // about half the cap height below the anchor
        cairo_show_text(context, text);
        cairo_restore(context);
        Check($"drawing the text '{text}'");
    }

    public double TextWidth(string text, double size, bool bold = false)
    {
        cairo_select_font_face(context, Font, 0, bold ? 1 : 0);
        cairo_set_font_size(context, size);
        cairo_text_extents(context, text, out var extents);
        return extents.XAdvance;
    }

    /// <summary>Draws <paramref name="argb"/> (premultiplied 0xAARRGGBB per pixel, row-major) scaled into the rectangle.</summary>
    public void Image(uint[] argb, int columns, int rows, double x, double y, double width, double height)
    {
        var image = cairo_image_surface_create(FormatArgb32, columns, rows);
        try
        {
            CheckSurface(image, "creating an image");
            cairo_surface_flush(image);
            var data = cairo_image_surface_get_data(image);
            var stride = cairo_image_surface_get_stride(image);
            for (var r = 0; r < rows; r++)
                new ReadOnlySpan<uint>(argb, r * columns, columns).CopyTo(new Span<uint>(data + r * stride, columns));
            cairo_surface_mark_dirty(image);
            cairo_save(context);
            cairo_rectangle(context, x, y, width, height);
            cairo_clip(context);
            cairo_translate(context, x, y);
            cairo_scale(context, width / columns, height / rows);
            cairo_set_source_surface(context, image, 0, 0);
            // Enlarged cells stay crisp squares; shrunk images are averaged instead of aliased.
            cairo_pattern_set_filter(cairo_get_source(context), width >= columns ? FilterNearest : FilterGood);
            cairo_paint(context);
            cairo_restore(context);
            Check("drawing an image");
        }
        finally
        {
            cairo_surface_destroy(image);
        }
    }

    /// <summary>Runs <paramref name="draw"/> with drawing clipped to the rectangle.</summary>
    public void Clipped(double x, double y, double width, double height, Action draw)
    {
        cairo_save(context);
        cairo_rectangle(context, x, y, width, height);
        cairo_clip(context);
        try { draw(); }
        finally { cairo_restore(context); }
    }

    /// <summary>Writes the PNG to a temporary file beside <paramref name="path"/>, then renames it into place.</summary>
    public void SavePng(string path) => AtomicPng.Write(path, temporary =>
    {
        Check("drawing the figure");
        cairo_surface_flush(surface);
        var status = cairo_surface_write_to_png(surface, temporary);
        if (status != 0) throw new PlotException($"cannot write '{path}': {Describe(status)}");
    });

    public void Dispose()
    {
        if (context != IntPtr.Zero) cairo_destroy(context);
        if (surface != IntPtr.Zero) cairo_surface_destroy(surface);
        (context, surface) = (IntPtr.Zero, IntPtr.Zero);
    }

    private void SetColor(Color c) => cairo_set_source_rgba(context, c.R, c.G, c.B, c.A);

    private void SetDash(bool dashed)
    {
        var pattern = stackalloc double[] { 4, 3 };
        cairo_set_dash(context, pattern, dashed ? 2 : 0, 0);
    }

    private void Check(string what)
    {
        var status = cairo_status(context);
        if (status != 0) throw new PlotException($"cairo failed {what}: {Describe(status)}");
    }

    private static void CheckSurface(IntPtr s, string what)
    {
        var status = cairo_surface_status(s);
        if (status != 0) throw new PlotException($"cairo failed {what}: {Describe(status)}");
    }
}
