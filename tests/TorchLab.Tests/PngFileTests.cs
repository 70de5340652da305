using SkiaSharp;
using System.Buffers.Binary;
using System.Text;
using TorchLab.Images;

namespace TorchLab.TorchLab.Tests;

/// <summary>The input-image reader: exact pixels back, and every file that is not a usable PNG refused by name.</summary>
public class PngFileTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Reads_back_a_known_image_exactly()
    {
        // 3 wide, 2 high: red, green, blue over black, a grey of 128, white.
        SKColor[] colors = [SKColors.Red, new(0, 255, 0), SKColors.Blue, SKColors.Black, new(128, 128, 128), SKColors.White];
        var path = folder.File("known.png");
        using (var bitmap = new SKBitmap(new SKImageInfo(3, 2, SKColorType.Rgba8888, SKAlphaType.Unpremul)))
        {
            for (var i = 0; i < 6; i++) bitmap.SetPixel(i % 3, i / 3, colors[i]);
            using var stream = File.Create(path);
            bitmap.Encode(stream, SKEncodedImageFormat.Png, 100);
        }
        var rgb = PngFile.ReadRgb(path);
        Assert.Equal((3, 2, 3), (rgb.GetLength(0), rgb.GetLength(1), rgb.GetLength(2)));
        for (var i = 0; i < 6; i++)
        {
            var (x, y) = (i % 3, i / 3);
            float[] expected = [colors[i].Red / 255f, colors[i].Green / 255f, colors[i].Blue / 255f];
            float[] actual = [rgb[0, y, x], rgb[1, y, x], rgb[2, y, x]];
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Reads_transparency_as_laid_on_white_and_grey_as_three_equal_channels()
    {
        var path = folder.File("alpha.png");
        using (var bitmap = new SKBitmap(new SKImageInfo(2, 1, SKColorType.Rgba8888, SKAlphaType.Unpremul)))
        {
            bitmap.SetPixel(0, 0, new SKColor(0, 0, 0, 0));     // fully transparent
            bitmap.SetPixel(1, 0, new SKColor(0, 0, 0, 255));   // opaque black
            using var stream = File.Create(path);
            bitmap.Encode(stream, SKEncodedImageFormat.Png, 100);
        }
        var rgb = PngFile.ReadRgb(path);
        Assert.Equal([1f, 1f, 1f, 0f], [rgb[0, 0, 0], rgb[1, 0, 0], rgb[2, 0, 0], rgb[0, 0, 1]]);

        var grey = folder.File("grey.png");
        using (var bitmap = new SKBitmap(new SKImageInfo(1, 1, SKColorType.Gray8, SKAlphaType.Opaque)))
        {
            bitmap.SetPixel(0, 0, new SKColor(51, 51, 51));
            using var stream = File.Create(grey);
            bitmap.Encode(stream, SKEncodedImageFormat.Png, 100);
        }
        rgb = PngFile.ReadRgb(grey);
        Assert.Equal([0.2f, 0.2f, 0.2f], [rgb[0, 0, 0], rgb[1, 0, 0], rgb[2, 0, 0]]);
    }

    [Fact]
    public void Refuses_missing_garbage_truncated_foreign_and_oversized_files()
    {
        Assert.Throws<FileNotFoundException>(() => PngFile.ReadRgb(folder.File("none.png")));

        File.WriteAllText(folder.File("garbage.png"), "this is not an image");
        Assert.Contains("garbage.png", Assert.Throws<InvalidDataException>(() => PngFile.ReadRgb(folder.File("garbage.png"))).Message);

        var bytes = NoisePng(64);
        File.WriteAllBytes(folder.File("truncated.png"), bytes[..(bytes.Length / 2)]);
        Assert.Contains("truncated.png", Assert.Throws<InvalidDataException>(() => PngFile.ReadRgb(folder.File("truncated.png"))).Message);

        // A JPEG under a .png name.
        File.WriteAllBytes(folder.File("photo.png"), ForeignImages.Jpeg);
        Assert.Contains("photo.png", Assert.Throws<InvalidDataException>(() => PngFile.ReadRgb(folder.File("photo.png"))).Message);

        // A header claiming 8000x8000 pixels is refused before anything is decoded.
        File.WriteAllBytes(folder.File("huge.png"), PngHeader(8000, 8000));
        var huge = Assert.Throws<InvalidDataException>(() => PngFile.ReadRgb(folder.File("huge.png")));
        Assert.Contains("8000x8000", huge.Message);
        Assert.Contains("huge.png", huge.Message);
        Assert.True(8000L * 8000 > PngFile.MaxPixels);
    }

    // Random pixels, so the compressed data is long enough to cut in half.
    private static byte[] NoisePng(int size)
    {
        var random = new Random(0);
        using var bitmap = new SKBitmap(size, size);
        for (var i = 0; i < size * size; i++) bitmap.SetPixel(i % size, i / size, new SKColor((uint)random.Next() | 0xFF000000));
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    // PNG signature, an IHDR chunk (8-bit greyscale) and one empty IDAT chunk.
    private static byte[] PngHeader(int width, int height)
    {
        var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        Chunk(stream, "IHDR", ihdr);
        Chunk(stream, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(stream, "IEND", []);
        return stream.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        stream.Write(number);
        var body = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(body);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc(body));
        stream.Write(number);
    }

    private static uint Crc(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
