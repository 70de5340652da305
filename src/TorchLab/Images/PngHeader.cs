namespace TorchLab.Images;

/// <summary>
/// A PNG's IHDR: size, bits per sample and colour type (0 grey, 2 RGB, 3 palette, 4 grey and alpha, 6 RGBA).
/// </summary>
public sealed record PngHeader(int Width, int Height, int BitDepth, int ColorType)
{
    /// <summary>What the image is, in words: "8x8 pixels, 8-bit greyscale", "28x28 pixels, 8-bit RGBA".</summary>
    public override string ToString() => $"{Width}x{Height} pixels, {BitDepth}-bit {ColorType switch
    {
        0 => "greyscale",
        2 => "RGB",
        3 => "palette",
        4 => "greyscale with alpha",
        6 => "RGBA",
        _ => $"colour type {ColorType}",
    }}";
}
