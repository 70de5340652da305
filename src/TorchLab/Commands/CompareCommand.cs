using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TorchLab.Cli;
using TorchLab.Lab;
using TorchLab.Manual;
using TorchLab.Plotting;
using TorchLab.Training.Data;

namespace TorchLab.Commands;

/// <summary>
/// <c>compare</c>: hand-written convolutions against libtorch on the course's examples and two
/// real images; prints a table with PASS/FAIL per case and draws the feature maps.
/// </summary>
public sealed class CompareCommand : Command
{
    /// <summary>Creates the command.</summary>
    public CompareCommand(IAnsiConsole console) : base("compare", "Compare hand-written convolutions with libtorch's conv1d/conv2d and draw the feature maps")
    {
        var seed = LabOptions.Seed();
        var data = LabOptions.Data();
        var output = new Option<string>("--out") { Description = "Folder for the figures", DefaultValueFactory = _ => Path.Combine("out", "compare") };
        foreach (var option in new Option[] { seed, data, output }) Add(option);
        SetAction(parse =>
        {
            var report = RunAll(console, DataFolder.Check(parse.GetValue(data)!), OutputFolder.Prepare(parse.GetValue(output)!), parse.GetValue(seed));
            return report.AllPassed ? ExitCodes.Success : ExitCodes.Failure;
        });
    }

    /// <summary>Runs every case, prints the table, writes the figures into <paramref name="figureFolder"/>.</summary>
    public static ComparisonReport RunAll(IAnsiConsole console, string dataFolder, string figureFolder, long seed)
    {
        Directory.CreateDirectory(figureFolder);
        var figures = new List<(string caption, string path)>();
        string Figure(string file, string caption)
        {
            figures.Add((caption, Path.Combine(Path.GetFileName(figureFolder), file)));
            return Path.Combine(figureFolder, file);
        }

        var toy = CompareCases.EdgeFilter("toy square, 3x3 edge filter", CompareCases.ToyImage(seed));
        var step = CompareCases.StepFilter();
        var ihcImage = LoadImage(Path.Combine(dataFolder, "ihc.png"));
        var (ihc, ihcWeights, _) = CompareCases.Layer("ihc.png, conv layer 3→4, 5x5 (direct loops)", ihcImage, 4, 5, seed);
        var (ihcIm2col, _, _) = CompareCases.Layer("ihc.png, conv layer 3→4, 5x5 (im2col)", ihcImage, 4, 5, seed, im2col: true);
        var retina = LoadImage(Path.Combine(dataFolder, "microaneurysms.png"));
        var retinaEdges = CompareCases.EdgeFilter("microaneurysms.png, 3x3 edge filter", Channel(retina, 1));
        var dna = SpliceCsv.Load(Path.Combine(dataFolder, "splice.csv")).Rows(0, 1);
        var sequence = CompareCases.SequenceLayer(new NdArray([4, 60], dna.Features), seed);
        var pooled = CompareCases.MaxPool("toy feature map, 2x2 max pooling", toy.Manual);
        var outcomes = new[] { toy, step, ihc, ihcIm2col, retinaEdges, sequence, pooled };

        ImageGrid.SavePng(Figure("toy_square.png", "The toy image, its edge map by hand, and by libtorch"),
            [("toy square", [new GridImage(toy.Input.ToMatrix(), "input 16x16"), new GridImage(toy.Manual.ToMatrix(), "manual 14x14"),
                new GridImage(toy.LibTorch.ToMatrix(), "libtorch 14x14")])], "3x3 edge filter on the course's bright square");
        Heatmap.SavePng(Figure("toy_feature_map.png", "The edge response: positive on the square's rim, negative just outside"),
            toy.Manual.ToMatrix(), "Edge response (manual), signed", ColorMap.Diverging);
        DrawStep(step, Figure("step_response.png", "The step sequence and its [-1, 1] response: +1 at the rise, -1 at the fall"));
        DrawLayer(ihc, ihcImage, ihcWeights, Figure("ihc_layer.png", "ihc.png through a 3→4 channel 5x5 layer: input channels, per-channel terms of output 0, the four outputs"));
        ImageGrid.SavePng(Figure("microaneurysms_edges.png", "A retina detail and its edge map: vessels and microaneurysms light up"),
            [("retina", [new GridImage(retinaEdges.Input.ToMatrix(), "input 102x102"), new GridImage(retinaEdges.Manual.ToMatrix(), "edges, manual"),
                new GridImage(retinaEdges.LibTorch.ToMatrix(), "edges, libtorch")])], "3x3 edge filter on microaneurysms.png");

        var report = new ComparisonReport(outcomes.Select(o => o.Row).ToList(), figures);
        Print(console, report);
        return report;
    }

    private static void DrawStep(CompareCases.Outcome step, string path)
    {
        var plot = new Plot { Title = "Step sequence and its [-1, 1] response", XLabel = "position", YLabel = "value" };
        plot.AddLine("sequence", Enumerable.Range(0, step.Input.Data.Length).Select(i => (double)i).ToArray(), step.Input.Data.Select(v => (double)v).ToArray(), markers: true);
        plot.AddLine("response (manual)", Enumerable.Range(0, step.Manual.Data.Length).Select(i => i + 0.5).ToArray(), step.Manual.Data.Select(v => (double)v).ToArray(), markers: true);
        plot.SavePng(path);
    }

    private static void DrawLayer(CompareCases.Outcome layer, NdArray image, NdArray weights, string path)
    {
        var terms = ConvLayer.ChannelTerms(image.Reshape(1, image.Shape[0], image.Shape[1], image.Shape[2]), weights, 0);
        string[] colours = ["red", "green", "blue"];
        var inputs = Enumerable.Range(0, 3).Select(c => new GridImage(Channel(image, c), $"{colours[c]} channel", ColorMap.Grey)).ToList();
        var termImages = Enumerable.Range(0, 3).Select(c => new GridImage(Plane(terms, c), $"{colours[c]} * K[0,{c}]")).ToList();
        var outputs = Enumerable.Range(0, 4).Select(l => new GridImage(Plane(layer.Manual.Reshape(4, layer.Manual.Shape[2], layer.Manual.Shape[3]), l), $"output {l}")).ToList();
        ImageGrid.SavePng(path, [("input channels", inputs), ("terms of output 0", termImages), ("outputs (+ bias)", outputs)],
            "Multi-channel convolution: out[l] = u[l] + sum over c of X[c] * K[l, c]", ColorMap.Diverging);
    }

    private static void Print(IAnsiConsole console, ComparisonReport report)
    {
        var table = new Table().AddColumns("case", "input", "output", "max |manual - torch|", "mean |.|", "out min", "out max", "out mean", "tolerance", "result");
        foreach (var c in report.Cases)
            table.AddRow(Markup.Escape(c.Name), Shape(c.InputShape), Shape(c.OutputShape), Number(c.MaxAbsDifference, "0.00E+00"),
                Number(c.MeanAbsDifference, "0.00E+00"), Number(c.OutputMin, "F3"), Number(c.OutputMax, "F3"), Number(c.OutputMean, "F3"),
                Number(c.Tolerance, "0.0E+00"), c.Passed ? "[green]PASS[/]" : "[red]FAIL[/]");
        console.Write(table);
        console.WriteLine(report.AllPassed ? $"All {report.Cases.Count} cases agree with libtorch." : "Some cases disagree with libtorch.");
    }

    private static float[,] Channel(NdArray image, int channel) => Plane(image, channel);

    // PNG pixels as (3, H, W) in [0, 1]; a grey image has three equal channels.
    private static NdArray LoadImage(string path)
    {
        var pixels = PngFile.ReadRgb(path);
        var data = new float[pixels.Length];
        Buffer.BlockCopy(pixels, 0, data, 0, data.Length * sizeof(float));
        return new NdArray([3, pixels.GetLength(1), pixels.GetLength(2)], data);
    }

    private static float[,] Plane(NdArray a, int index)
    {
        int h = a.Shape[1], w = a.Shape[2];
        var plane = new float[h, w];
        Buffer.BlockCopy(a.Data, index * h * w * sizeof(float), plane, 0, h * w * sizeof(float));
        return plane;
    }

    private static string Shape(long[] shape) => string.Join("x", shape);

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
