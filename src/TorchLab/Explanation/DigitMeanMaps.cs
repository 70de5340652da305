using static TorchSharp.torch;

namespace TorchLab.Explanation;

/// <summary>
/// Each class's mean map over a set of digits: of their attributions (what, on average, pushes a class's logit
/// up or down where), or of the images themselves (what the class looks like on average).
/// </summary>
public static class DigitMeanMaps
{
    /// <summary>
    /// maps[class][row, column]: the mean of <paramref name="values"/> (N, 1, H, W) over the examples of that class,
    /// signed; NaN everywhere for a class with no example.
    /// </summary>
    public static IReadOnlyList<float[,]> Of(Tensor values, IReadOnlyList<long> labels, int classes)
    {
        if (values.dim() != 4 || values.shape[1] != 1 || values.shape[0] != labels.Count)
            throw new ArgumentException($"expected values ({labels.Count}, 1, H, W), got shape " +
                $"({string.Join(", ", values.shape)})");
        var (height, width) = ((int)values.shape[2], (int)values.shape[3]);
        using var scope = NewDisposeScope();
        var data = values.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        var sums = new double[classes, height * width];
        var counts = new int[classes];
        for (var n = 0; n < labels.Count; n++)
        {
            counts[labels[n]]++;
            for (var i = 0; i < height * width; i++) sums[labels[n], i] += data[n * height * width + i];
        }
        return [.. Enumerable.Range(0, classes).Select(c =>
        {
            var map = new float[height, width];
            for (var i = 0; i < height * width; i++)
                map[i / width, i % width] = counts[c] == 0 ? float.NaN : (float)(sums[c, i] / counts[c]);
            return map;
        })];
    }
}
