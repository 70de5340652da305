using TorchLab.Images;
using TorchLab.Manual;
using TorchLab.Training.Data;

namespace TorchLab.Comparison;

/// <summary>
/// The whole comparison: every case computed by hand and by TorchSharp, and the figures of the
/// feature maps, written into one folder.
/// </summary>
public static class ComparisonRun
{
    /// <summary>
    /// The largest input image, in pixels (1024x1024, four times the lab's 512x512 ihc.png): the
    /// 5x5 layer's im2col holds 75 floats per pixel, about 300 MB at this size.
    /// </summary>
    public const long MaxImagePixels = 1024L * 1024;

    /// <summary>Runs every case and writes the figures into <paramref name="figureFolder"/>.</summary>
    public static ComparisonFindings Run(string dataFolder, string figureFolder, long seed)
    {
        var toy = HandVsTorch.EdgeFilter("toy square, 3x3 edge filter", HandVsTorch.ToyImage(seed));
        var step = HandVsTorch.StepFilter();
        var ihcImage = LoadImage(Path.Combine(dataFolder, "ihc.png"));
        var (ihc, ihcWeights, _) = HandVsTorch.Layer("ihc.png, conv layer 3→4, 5x5 (direct loops)", ihcImage, 4, 5, seed);
        var (ihcIm2col, _, _) = HandVsTorch.Layer("ihc.png, conv layer 3→4, 5x5 (im2col)", ihcImage, 4, 5, seed, im2col: true);
        var retina = LoadImage(Path.Combine(dataFolder, "microaneurysms.png"));
        var retinaEdges = HandVsTorch.EdgeFilter("microaneurysms.png, 3x3 edge filter", ComparisonFigures.Plane(retina, 1));
        var dna = SpliceCsv.Load(Path.Combine(dataFolder, "splice.csv")).Rows(0, 1);
        var sequence = HandVsTorch.SequenceLayer(new NdArray([4, 60], dna.Features), seed);
        var pooled = HandVsTorch.MaxPool("toy feature map, 2x2 max pooling", toy.Manual);
        var cases = new[] { toy, step, ihc, ihcIm2col, retinaEdges, sequence, pooled };

        Directory.CreateDirectory(figureFolder);
        var figures = ComparisonFigures.Write(figureFolder, toy, step, (ihc, ihcImage, ihcWeights), retinaEdges);
        return new ComparisonFindings(cases.Select(CaseCheck.Of).ToList(), figures);
    }

    // PNG pixels as (3, H, W) in [0, 1]; a grey image has three equal channels.
    private static NdArray LoadImage(string path)
    {
        var pixels = PngFile.ReadRgb(path, MaxImagePixels);
        var data = new float[pixels.Length];
        Buffer.BlockCopy(pixels, 0, data, 0, data.Length * sizeof(float));
        return new NdArray([3, pixels.GetLength(1), pixels.GetLength(2)], data);
    }
}
