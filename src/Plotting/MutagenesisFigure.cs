namespace TorchLab.Plotting;

/// <summary>One sequence's in-silico mutagenesis: <c>Change[letter, position]</c>, letters A, C, G, T.</summary>
public sealed record MutagenesisMap(string Title, string Sequence, float[,] Change);

/// <summary>In-silico mutagenesis heatmaps, one panel per map, stacked.</summary>
public static class MutagenesisFigure
{
    /// <summary>Writes the figure; bad data throws <see cref="PlotException"/>.</summary>
    public static void SavePng(string path, string title, IReadOnlyList<MutagenesisMap> maps, int width = 1400) =>
        throw new PlotException("mutagenesis figure: not drawn yet");
}
