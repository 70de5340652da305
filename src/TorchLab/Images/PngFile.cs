using SkiaSharp;
using TorchLab.Runs;
using TorchLab.Training.Data;

namespace TorchLab.Images;

/// <summary>Reads the lab's input images, and the figures tests read back.</summary>
public static class PngFile
{
    /// <summary>The largest image read unless the caller sets a lower limit, in pixels (16 megapixels).</summary>
    public const long MaxPixels = 4096L * 4096;

    /// <summary>
    /// The largest image file, in bytes (256 MiB): above any PNG of <see cref="MaxPixels"/>
    /// (16 megapixels of 8-bit RGBA stored uncompressed is 64 MiB), 500 times the lab's largest image.
    /// </summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>
    /// The image's red, green and blue channels as [3, height, width] in [0, 1]; grey images give
    /// three equal channels, transparency is laid on white. An image over <paramref name="maxPixels"/>
    /// is refused from its header, before any pixel is decoded; the file must be a regular file
    /// of at most <see cref="MaxFileBytes"/>.
    /// </summary>
    public static float[,,] ReadRgb(string path, long maxPixels = MaxPixels)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"image '{path}' not found", path);
        using var file = InputFile.Open(path, MaxFileBytes, "an image");
        using var codec = SKCodec.Create(file, out var result)
            ?? throw new InvalidSettingException($"cannot read '{path}' as an image: {result}");
        if (codec.EncodedFormat != SKEncodedImageFormat.Png)
            throw new InvalidSettingException($"'{path}' is a {codec.EncodedFormat} image, not a PNG");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > maxPixels)
            throw new InvalidSettingException($"'{path}' is {width}x{height} pixels, over the limit of {maxPixels} pixels ({Math.Sqrt(maxPixels)}x{Math.Sqrt(maxPixels)})");
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[info.BytesSize];
        var status = codec.GetPixels(info, pixels);
        if (status != SKCodecResult.Success)   // Skia fills a truncated image's missing rows and reports IncompleteInput
            throw new InvalidSettingException($"cannot read '{path}' as a PNG: {(status == SKCodecResult.IncompleteInput ? "the file is truncated" : status.ToString())}");
        var rgb = new float[3, height, width];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var pixel = (y * width + x) * 4;
            var alpha = pixels[pixel + 3] / 255f;
            for (var c = 0; c < 3; c++)
                rgb[c, y, x] = pixels[pixel + c] / 255f * alpha + (1 - alpha);   // transparent parts read as white paper
        }
        return rgb;
    }
}
