namespace TorchLab;

/// <summary>Image files that are not PNGs, for the tests that check they are refused by name.</summary>
internal static class ForeignImages
{
    /// <summary>A JPEG's first bytes (SOI, a JFIF APP0 segment) and its end marker.</summary>
    public static byte[] Jpeg => [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];
}
