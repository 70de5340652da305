using System.Buffers.Binary;
using System.Text;

namespace TorchLab.Plotting.Tests;

public class PngFileTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Reads_back_a_written_image()
    {
        var path = folder.File("grid.png");
        ImageGrid.SavePng(path, [("r", [new GridImage(new float[,] { { 0, 1 } }, "c")])], "t");
        var rgb = PngFile.ReadRgb(path);
        Assert.Equal(3, rgb.GetLength(0));
        Assert.Equal((new PngReadBack(path).Height, 170 + 140 + 2 * 16), (rgb.GetLength(1), rgb.GetLength(2)));
        Assert.Equal(1f, rgb[0, 2, 2]);   // white corner
    }

    [Fact]
    public void Refuses_missing_garbage_truncated_foreign_and_oversized_files()
    {
        Assert.Throws<FileNotFoundException>(() => PngFile.ReadRgb(folder.File("none.png")));

        File.WriteAllText(folder.File("garbage.png"), "this is not an image");
        Assert.Contains("garbage.png", Assert.Throws<PlotException>(() => PngFile.ReadRgb(folder.File("garbage.png"))).Message);

        var good = folder.File("good.png");
        LineChart.SavePng(good, "t", "x", "y", [new LineSeries("a", [0, 1], [0, 1])]);
        var bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(folder.File("truncated.png"), bytes[..(bytes.Length / 2)]);
        Assert.Contains("truncated.png", Assert.Throws<PlotException>(() => PngFile.ReadRgb(folder.File("truncated.png"))).Message);

        // A JPEG's first bytes (SOI, JFIF APP0) under a .png name.
        File.WriteAllBytes(folder.File("photo.png"), [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9]);
        Assert.Contains("photo.png", Assert.Throws<PlotException>(() => PngFile.ReadRgb(folder.File("photo.png"))).Message);

        // A header claiming 8000x8000 pixels is refused before anything is decoded.
        File.WriteAllBytes(folder.File("huge.png"), PngHeader(8000, 8000));
        var huge = Assert.Throws<PlotException>(() => PngFile.ReadRgb(folder.File("huge.png")));
        Assert.Contains("8000x8000", huge.Message);
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
