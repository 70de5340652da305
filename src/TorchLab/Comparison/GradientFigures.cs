using TorchLab.Storage.Files;
using TorchLab.Manual;
using TorchLab.Plotting;

namespace TorchLab.Comparison;

/// <summary>The gradient cases' figure: the toy image, its edge map, and the gradient that map sends back.</summary>
public static class GradientFigures
{
    /// <summary>The figure's file name, in compare's folder and in docs/figures.</summary>
    public const string ToyInputGradient = "toy_input_gradient.png";

    /// <summary>
    /// Draws the toy image, its edge map (<paramref name="edges"/>: dL/dout for L = ½ Σ out²) and
    /// dL/dX by hand (<paramref name="inputGradient"/>) into <paramref name="folder"/>; returns its
    /// (caption, path relative to the report).
    /// </summary>
    public static (string caption, string path) Write(string folder, CaseResults edges, CaseResults inputGradient)
    {
        var (height, width) = (edges.Input.Shape[0], edges.Input.Shape[1]);
        var gradient = inputGradient.Manual.Reshape(height, width);
        AtomicFile.Write(
            Path.Combine(folder, ToyInputGradient),
            path => ImageGrid.SavePng(
                path,
                [("toy square", [
                    new GridImage(edges.Input.ToMatrix(), $"input {height}x{width}", ColorMap.Grey),
                    new GridImage(edges.Manual.ToMatrix(), $"edge map = dL/dout"),
                    new GridImage(gradient.ToMatrix(), $"dL/dX {height}x{width}, by hand")])],
                "Input gradient of L = ½ Σ out²",
                ColorMap.Diverging));
        return (
            "The toy image, its edge map, and the input gradient of L = ½ Σ out²: the edge map correlated "
                + "with the flipped kernel (the full correlation), so it reaches the image's border too",
            Path.Combine(Path.GetFileName(folder), ToyInputGradient));
    }
}
