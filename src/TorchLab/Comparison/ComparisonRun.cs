using TorchLab.Images;
using TorchLab.Manual;
using TorchLab.Training.Data;

namespace TorchLab.Comparison;

/// <summary>
/// The whole comparison: every case (convolutions, pooling, attention, and their gradients) computed by
/// hand and by TorchSharp, and the figures of the feature maps and attention weights, written into one folder.
/// </summary>
public static class ComparisonRun
{
    /// <summary>
    /// The largest input image, in pixels (1024x1024, four times the lab's 512x512 ihc.png): the
    /// 5x5 layer's im2col holds 75 floats per pixel, about 300 MB at this size.
    /// </summary>
    public const long MaxImagePixels = 1024L * 1024;

    // The real images' cases: ihc.png through a 5x5 layer, microaneurysms.png through the 3x3 edge filter.
    private const int LayerKernel = 5, EdgeKernel = 3;

    /// <summary>
    /// Runs every case and writes the figures into <paramref name="figureFolder"/>. A cancelled
    /// <paramref name="stop"/> ends it between cases with <see cref="OperationCanceledException"/>,
    /// before any figure is written; once the figures begin, they are all written.
    /// </summary>
    public static ComparisonFindings Run(
        string dataFolder,
        string figureFolder,
        long seed,
        CancellationToken stop = default)
    {
        // Both images are checked before any work, so a bad one fails at once.
        var ihcImage = LoadImage(Path.Combine(dataFolder, "ihc.png"), LayerKernel, "conv layer");
        var retina = LoadImage(Path.Combine(dataFolder, "microaneurysms.png"), EdgeKernel, "edge filter");
        T Next<T>(Func<T> work)
        {
            stop.ThrowIfCancellationRequested();
            return work();
        }
        var toy = Next(() => HandVsTorch.EdgeFilter("toy square, 3x3 edge filter", HandVsTorch.ToyImage(seed)));
        var step = Next(HandVsTorch.StepFilter);
        var (ihc, ihcWeights, _) = Next(() =>
            HandVsTorch.Layer("ihc.png, conv layer 3→4, 5x5 (direct loops)", ihcImage, 4, LayerKernel, seed));
        var (ihcIm2col, _, _) = Next(() =>
            HandVsTorch.Layer("ihc.png, conv layer 3→4, 5x5 (im2col)", ihcImage, 4, LayerKernel, seed, im2col: true));
        var retinaEdges = Next(() =>
            HandVsTorch.EdgeFilter("microaneurysms.png, 3x3 edge filter", ComparisonFigures.Plane(retina, 1)));
        var dna = SpliceCsv.Load(Path.Combine(dataFolder, "splice.csv")).Rows(0, 1);
        var sequence = Next(() => HandVsTorch.SequenceLayer(new NdArray([4, 60], dna.Features), seed));
        var pooled = Next(() => HandVsTorch.MaxPool("toy feature map, 2x2 max pooling", toy.Manual));
        var causal = Next(() => HandVsTorch.CausalAttention(seed));
        var (dnaAttention, attentionWeights) = Next(() =>
            HandVsTorch.SequenceAttention(new NdArray([4, 60], dna.Features), seed));
        var (toyKernelGradient, toyInputGradient) = Next(() => GradientCases.EdgeFilter(toy.Input.ToMatrix()));
        var layerGradients = Next(() => GradientCases.StridedLayer(seed));
        var poolGradient = Next(() => GradientCases.MaxPool("toy feature map, max pool 2x2", toy.Manual, seed));
        var tieGradient = Next(() =>
            GradientCases.MaxPool("ReLU(square's edges), max pool", GradientCases.SquareEdgesAfterRelu(), seed));
        var attentionGradients = Next(() => GradientCases.AttentionHead(seed));
        CaseResults[] cases =
        [
            toy, step, ihc, ihcIm2col, retinaEdges, sequence, pooled, causal, dnaAttention,
            toyKernelGradient, toyInputGradient, .. layerGradients, poolGradient, tieGradient,
            .. attentionGradients,
        ];

        stop.ThrowIfCancellationRequested();
        Directory.CreateDirectory(figureFolder);
        var figures = ComparisonFigures.Write(
            figureFolder,
            toy,
            step,
            (ihc, ihcImage, ihcWeights),
            retinaEdges,
            attentionWeights)
            .Append(GradientFigures.Write(figureFolder, toy, toyInputGradient))
            .ToList();
        return new ComparisonFindings(cases.Select(CaseCheck.Of).ToList(), figures);
    }

    // PNG pixels as (3, H, W) in [0, 1]; a grey image has three equal channels.
    private static NdArray LoadImage(string path, int kernel, string use)
    {
        var pixels = PngFile.ReadRgb(path, MaxImagePixels);
        var (height, width) = (pixels.GetLength(1), pixels.GetLength(2));
        if (height < kernel || width < kernel)
            throw new InvalidDataException(
                $"'{path}' is {width}x{height} pixels, "
                + $"smaller than the {kernel}x{kernel} kernel of the {use} it goes through");
        var data = new float[pixels.Length];
        Buffer.BlockCopy(pixels, 0, data, 0, data.Length * sizeof(float));
        return new NdArray([3, pixels.GetLength(1), pixels.GetLength(2)], data);
    }
}
