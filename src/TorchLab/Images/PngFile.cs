using SkiaSharp;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using TorchLab.Storage.Files;
using TorchLab.Training.Data;

namespace TorchLab.Images;

/// <summary>Reads the lab's input images, and the figures tests read back; writes grey images.</summary>
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
        var rgba = ReadRgba(path, maxPixels);
        var (height, width) = (rgba.GetLength(1), rgba.GetLength(2));
        var rgb = new float[3, height, width];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var alpha = rgba[3, y, x] / 255f;
            for (var c = 0; c < 3; c++)
                rgb[c, y, x] = rgba[c, y, x] / 255f * alpha + (1 - alpha);   // transparent reads as white paper
        }
        return rgb;
    }

    /// <summary>
    /// The image's red, green, blue and alpha samples as [4, height, width], 0..255, not laid on any
    /// background: grey images give three equal channels, and a tRNS chunk or an alpha channel gives
    /// alpha below 255 where a pixel is transparent. Limits as for <see cref="ReadRgb"/>.
    /// </summary>
    public static byte[,,] ReadRgba(string path, long maxPixels = MaxPixels)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"image '{path}' not found", path);
        using var file = InputFile.Open(path, MaxFileBytes, "an image");
        using var codec = SKCodec.Create(file, out var result)
            ?? throw new InvalidDataException($"cannot read '{path}' as an image: {result}");
        if (codec.EncodedFormat != SKEncodedImageFormat.Png)
            throw new InvalidDataException($"'{path}' is a {codec.EncodedFormat} image, not a PNG");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > maxPixels)
            throw new InvalidDataException(
                $"'{path}' is {width}x{height} pixels, over the limit of {maxPixels} pixels "
                + $"({Math.Sqrt(maxPixels)}x{Math.Sqrt(maxPixels)})");
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[info.BytesSize];
        var status = codec.GetPixels(info, pixels);
        // Skia fills a truncated image's missing rows and reports IncompleteInput.
        if (status != SKCodecResult.Success)
        {
            var why = status == SKCodecResult.IncompleteInput ? "the file is truncated" : status.ToString();
            throw new InvalidDataException($"cannot read '{path}' as a PNG: {why}");
        }
        var rgba = new byte[4, height, width];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        for (var c = 0; c < 4; c++)
            rgba[c, y, x] = pixels[(y * width + x) * 4 + c];
        return rgba;
    }

    /// <summary>
    /// The PNG's size, bit depth and colour type as its IHDR chunk states them, from the file's first
    /// 29 bytes (so a file of any size costs nothing); null if the file does not start as a PNG does.
    /// </summary>
    public static PngHeader? ReadHeader(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"image '{path}' not found", path);
        Span<byte> head = stackalloc byte[29];
        using (var stream = InputFile.Open(path, MaxFileBytes, "an image"))
            if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length) return null;
        if (!head[..8].SequenceEqual(Signature) || !head[12..16].SequenceEqual("IHDR"u8)) return null;
        return new PngHeader(
            BinaryPrimitives.ReadInt32BigEndian(head[16..]),
            BinaryPrimitives.ReadInt32BigEndian(head[20..]),
            head[24],
            head[25]);
    }

    /// <summary>
    /// Writes <paramref name="grey"/> [height, width] as an 8-bit greyscale PNG (colour type 0), atomically.
    /// </summary>
    public static void WriteGrey(string path, byte[,] grey)
    {
        var (height, width) = (grey.GetLength(0), grey.GetLength(1));
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        var row = new byte[width];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++) row[x] = grey[y, x];
            Marshal.Copy(row, 0, bitmap.GetPixels() + y * bitmap.RowBytes, width);
        }
        AtomicFile.Write(path, stream =>
        {
            if (!bitmap.Encode(stream, SKEncodedImageFormat.Png, 100))
                throw new IOException($"cannot encode '{path}' as a PNG");
        });
    }

    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];
}
