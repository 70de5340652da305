using TorchLab.Manual;
using TorchLab.Plotting;
using TorchLab.Storage.Files;

namespace TorchLab.Comparison;

/// <summary>
/// The comparison's figures: the toy square, its signed edge response, the step response, the layer's components,
/// the retina's edges, one attention head's weights.
/// </summary>
public static class ComparisonFigures
{
    /// <summary>
    /// Draws every figure into <paramref name="folder"/>; returns (caption, path relative to the report) pairs.
    /// </summary>
    public static IReadOnlyList<(string caption, string path)> Write(
        string folder,
        CaseResults toy,
        CaseResults step,
        (CaseResults outcome, NdArray image, NdArray weights) layer,
        CaseResults retina,
        NdArray attentionWeights)
    {
        var figures = new List<(string caption, string path)>();
        void Figure(string file, string caption, Action<string> draw)
        {
            AtomicFile.Write(Path.Combine(folder, file), draw);
            figures.Add((caption, Path.Combine(Path.GetFileName(folder), file)));
        }

        Figure("toy_square.png",
            "The toy image, its edge map by hand, and by TorchSharp",
            path => ImageGrid.SavePng(
                path,
                [("toy square", [
                    new GridImage(toy.Input.ToMatrix(), "input 16x16"),
                    new GridImage(toy.Manual.ToMatrix(), "manual 14x14"),
                    new GridImage(toy.LibTorch.ToMatrix(), "TorchSharp 14x14")])],
                "3x3 edge filter on the course's bright square"));
        Figure("toy_feature_map.png",
            "The edge response: positive on the square's rim, negative just outside",
            path => HeatmapFigure.SavePng(
                path,
                toy.Manual.ToMatrix(),
                "Edge response (manual), signed",
                ColorMap.Diverging));
        Figure("step_response.png",
            "The step sequence and its [-1, 1] response: +1 at the rise, -1 at the fall",
            path => Step(step, path));
        Figure("ihc_layer.png",
            "ihc.png through a 3→4 channel 5x5 layer: input channels, per-channel terms of output 0, "
                + "the four outputs",
            path => Layer(layer.outcome, layer.image, layer.weights, path));
        Figure("microaneurysms_edges.png",
            "A retina detail and its edge map: vessels and microaneurysms light up",
            path => ImageGrid.SavePng(
                path,
                [("retina", [
                    new GridImage(retina.Input.ToMatrix(), "input 102x102"),
                    new GridImage(retina.Manual.ToMatrix(), "edges, manual"),
                    new GridImage(retina.LibTorch.ToMatrix(), "edges, TorchSharp")])],
                "3x3 edge filter on microaneurysms.png"));
        var heads = attentionWeights.Reshape(
            attentionWeights.Shape[1],
            attentionWeights.Shape[2],
            attentionWeights.Shape[3]);
        Figure("dna_attention.png",
            "Head 0's attention weights over a DNA window, seeded and untrained, so all near 1/60: "
                + "without positions a weight depends only on the query's and the key's letters, "
                + "so rows (and columns) of equal letters are equal",
            path => HeatmapFigure.SavePng(
                path,
                Plane(heads, 0),
                "Attention head 0 on a DNA window",
                ColorMap.Sequential,
                640,
                560,
                "key position",
                "query position",
                firstIndex: 1,
                barLabel: "weight"));
        return figures;
    }

    private static void Step(CaseResults step, string path)
    {
        // The response of positions i and i+1 sits between them.
        LineChart.SavePng(path, "Step sequence and its [-1, 1] response", "position", "value",
        [
            new LineSeries(
                "sequence",
                step.Input.Data.Select((_, i) => (double)i).ToArray(),
                step.Input.Data.Select(v => (double)v).ToArray(),
                Markers: true),
            new LineSeries(
                "response (manual)",
                step.Manual.Data.Select((_, i) => i + 0.5).ToArray(),
                step.Manual.Data.Select(v => (double)v).ToArray(),
                Markers: true),
        ]);
    }

    private static void Layer(CaseResults layer, NdArray image, NdArray weights, string path)
    {
        var batch = image.Reshape(1, image.Shape[0], image.Shape[1], image.Shape[2]);
        var terms = ConvLayer.ChannelTerms(batch, weights, 0);
        string[] colours = ["red", "green", "blue"];
        var inputs = Enumerable.Range(0, 3)
            .Select(c => new GridImage(Plane(image, c), $"{colours[c]} channel", ColorMap.Grey))
            .ToList();
        var termImages = Enumerable.Range(0, 3)
            .Select(c => new GridImage(Plane(terms, c), $"{colours[c]} * K[0,{c}]"))
            .ToList();
        var maps = layer.Manual.Reshape(4, layer.Manual.Shape[2], layer.Manual.Shape[3]);
        var outputs = Enumerable.Range(0, 4)
            .Select(l => new GridImage(Plane(maps, l), $"output {l}"))
            .ToList();
        ImageGrid.SavePng(
            path,
            [("input channels", inputs), ("terms of output 0", termImages), ("outputs (+ bias)", outputs)],
            "Multi-channel convolution: out[l] = u[l] + sum over c of X[c] * K[l, c]",
            ColorMap.Diverging);
    }

    /// <summary>Plane <paramref name="index"/> of a (P, H, W) array.</summary>
    public static float[,] Plane(NdArray a, int index)
    {
        int h = a.Shape[1], w = a.Shape[2];
        var plane = new float[h, w];
        Buffer.BlockCopy(a.Data, index * h * w * sizeof(float), plane, 0, h * w * sizeof(float));
        return plane;
    }
}
