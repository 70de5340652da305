using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>One model's per-step losses of the TorchSharp run and of its by-hand twin.</summary>
public sealed record LockstepLosses(string Model, IReadOnlyList<double> TorchLosses, IReadOnlyList<double> HandLosses);

/// <summary>
/// The by-hand training runs against TorchSharp's: one row per model, the two losses over the
/// steps on the left (they lie on each other), their difference on a log axis on the right.
/// </summary>
public static class LockstepLossFigure
{
    public static void SavePng(string path, IReadOnlyList<LockstepLosses> models, int width = 1300) =>
        Build(models).SavePng(path, width, 300 * models.Count);

    internal static Multiplot Build(IReadOnlyList<LockstepLosses> models)
    {
        if (models.Count == 0) throw new PlotException("nothing to plot: no by-hand training runs");
        var plots = new List<Plot>();
        foreach (var model in models)
        {
            if (model.TorchLosses.Count != model.HandLosses.Count)
                throw new PlotException(
                    $"'{model.Model}': {model.TorchLosses.Count} TorchSharp losses "
                    + $"for {model.HandLosses.Count} by hand");
            double[] steps = [.. Enumerable.Range(1, model.TorchLosses.Count).Select(s => (double)s)];
            var losses = FigureStyle.NewPlot($"{model.Model}: training loss", "step", "loss");
            LineChart.AddLine(losses, new LineSeries("TorchSharp", steps, model.TorchLosses), FigureStyle.Series(0),
                logY: false, width: 4);
            LineChart.AddLine(losses, new LineSeries("by hand", steps, model.HandLosses), FigureStyle.Series(1),
                logY: false);
            losses.ShowLegend(Edge.Right);

            double[] differences = [.. model.TorchLosses.Zip(model.HandLosses, (a, b) => Math.Abs(a - b))];
            var drift = FigureStyle.NewPlot($"{model.Model}: |difference|", "step", "|loss difference|");
            LineChart.AddLine(drift, new LineSeries("|TorchSharp − by hand|", steps, differences),
                FigureStyle.Series(2), logY: true);
            // Equal losses have no logarithm: such steps are gaps; with only those there is no axis to draw.
            if (differences.Any(d => d > 0)) FigureStyle.LogScale(drift, differences);
            plots.Add(losses);
            plots.Add(drift);
        }
        // Multiplot's constructor takes the first subplot; a bare one would bring an empty plot of its own.
        var figure = new Multiplot(plots[0]);
        foreach (var plot in plots.Skip(1)) figure.AddPlot(plot);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(models.Count, 2);
        return figure;
    }
}
