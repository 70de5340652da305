namespace TorchLab.Plotting;

/// <summary>One digit (<c>Pixels</c>, bright is ink) and its attribution map, both 8x8.</summary>
public sealed record DigitAttribution(string Title, float[,] Pixels, float[,] Attribution);

/// <summary>Digits beside their attribution maps, in a grid.</summary>
public static class DigitAttributionFigure
{
    /// <summary>Writes the figure; bad data throws <see cref="PlotException"/>.</summary>
    public static void SavePng(string path, string title, IReadOnlyList<DigitAttribution> items) =>
        throw new PlotException("digit attribution figure: not drawn yet");
}
