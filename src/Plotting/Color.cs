namespace TorchLab.Plotting;

/// <summary>An RGBA colour with components in [0, 1].</summary>
internal readonly record struct Color(double R, double G, double B, double A = 1)
{
    public static readonly Color White = new(1, 1, 1), Black = new(0, 0, 0), Text = new(0.13, 0.13, 0.13),
        Grid = new(0.88, 0.88, 0.88), Frame = new(0.35, 0.35, 0.35);

    /// <summary>Tableau's ten categorical colours: distinct, and readable by most colour-blind readers.</summary>
    private static readonly Color[] Palette =
    [
        Hex(0x1f77b4), Hex(0xff7f0e), Hex(0x2ca02c), Hex(0xd62728), Hex(0x9467bd),
        Hex(0x8c564b), Hex(0xe377c2), Hex(0x7f7f7f), Hex(0xbcbd22), Hex(0x17becf),
    ];

    public static Color Series(int index) => Palette[((index % Palette.Length) + Palette.Length) % Palette.Length];

    public static Color Hex(int rgb) => new(((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0);

    public Color WithAlpha(double alpha) => this with { A = alpha };

    /// <summary>Perceived brightness (Rec. 601 weights), to pick black or white text on a cell.</summary>
    public double Luminance => 0.299 * R + 0.587 * G + 0.114 * B;
}
