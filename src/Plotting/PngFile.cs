using TorchLab.Plotting.Cairo;
using static TorchLab.Plotting.Cairo.CairoNative;

namespace TorchLab.Plotting;

/// <summary>Reads PNG files through cairo (which also writes the figures).</summary>
public static unsafe class PngFile
{
    /// <summary>The image's red, green and blue channels as [3, height, width] in [0, 1]; grey images give three equal channels.</summary>
    public static float[,,] ReadRgb(string path)
    {
        var (width, height, pixels) = ReadArgb(path);
        var rgb = new float[3, height, width];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var p = pixels[y * width + x];
            rgb[0, y, x] = ((p >> 16) & 255) / 255f;
            rgb[1, y, x] = ((p >> 8) & 255) / 255f;
            rgb[2, y, x] = (p & 255) / 255f;
        }
        return rgb;
    }

    /// <summary>Width, height and 0xAARRGGBB pixels (row-major) of a PNG.</summary>
    internal static (int width, int height, uint[] pixels) ReadArgb(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"image '{path}' not found", path);
        var surface = cairo_image_surface_create_from_png(path);
        try
        {
            var status = cairo_surface_status(surface);
            if (status != 0) throw new PlotException($"cannot read '{path}' as a PNG: {Describe(status)}");
            cairo_surface_flush(surface);
            int width = cairo_image_surface_get_width(surface), height = cairo_image_surface_get_height(surface);
            var stride = cairo_image_surface_get_stride(surface);
            var data = cairo_image_surface_get_data(surface);
            var pixels = new uint[width * height];
            for (var y = 0; y < height; y++)
                new ReadOnlySpan<uint>(data + y * stride, width).CopyTo(pixels.AsSpan(y * width, width));
            return (width, height, pixels);
        }
        finally
        {
            cairo_surface_destroy(surface);
        }
    }
}
