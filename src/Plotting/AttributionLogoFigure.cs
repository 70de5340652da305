namespace TorchLab.Plotting;

/// <summary>One sequence's attribution logo: <c>Heights[i]</c> belongs to the letter at <c>Sequence[i]</c>.</summary>
public sealed record AttributionLogo(string Title, string Sequence, IReadOnlyList<double> Heights);

/// <summary>DNA attribution logos, one panel per logo, stacked.</summary>
public static class AttributionLogoFigure
{
    /// <summary>Writes the figure; bad data throws <see cref="PlotException"/>.</summary>
    public static void SavePng(string path, string title, IReadOnlyList<AttributionLogo> logos, int width = 1400) =>
        throw new PlotException("attribution logo figure: not drawn yet");
}
