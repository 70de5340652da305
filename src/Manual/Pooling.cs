namespace TorchLab.Manual;

/// <summary>
/// Max and average pooling (the course's next lesson): slide a window with a stride (default: the
/// window size) and keep each window's maximum or mean. Padding counts as -∞ for max and as
/// zeros in the mean for average (PyTorch's defaults).
/// </summary>
public static class Pooling
{
    /// <summary>2-D max pooling of (N, C, H, W).</summary>
    public static NdArray MaxPool2d(NdArray input, int kernel, int? stride = null, int padding = 0) =>
        Pool(input, kernel, stride ?? kernel, padding, max: true, spatialRank: 2);

    /// <summary>2-D average pooling of (N, C, H, W).</summary>
    public static NdArray AvgPool2d(NdArray input, int kernel, int? stride = null, int padding = 0) =>
        Pool(input, kernel, stride ?? kernel, padding, max: false, spatialRank: 2);

    /// <summary>1-D max pooling of (N, C, L).</summary>
    public static NdArray MaxPool1d(NdArray input, int kernel, int? stride = null, int padding = 0) =>
        Pool1d(input, kernel, stride ?? kernel, padding, max: true);

    /// <summary>1-D average pooling of (N, C, L).</summary>
    public static NdArray AvgPool1d(NdArray input, int kernel, int? stride = null, int padding = 0) =>
        Pool1d(input, kernel, stride ?? kernel, padding, max: false);

    /// <summary>
    /// Global average pooling of (N, C, L) → (N, C, 1): each channel's mean over all positions,
    /// torch's <c>adaptive_avg_pool1d(x, 1)</c>. It keeps whether a feature fired, not where.
    /// </summary>
    public static NdArray GlobalAvgPool1d(NdArray input)
    {
        LayerPlan.RequireRank(input, 3, "input", "(N, C, L)");
        int rows = input.Shape[0] * input.Shape[1], length = input.Shape[2];
        if (length == 0) throw new ArgumentException($"input {input.ShapeText} has no positions to average", nameof(input));
        var output = NdArray.Zeros(input.Shape[0], input.Shape[1], 1);
        for (var r = 0; r < rows; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < length; i++) sum += input.Data[r * length + i];
            output.Data[r] = (float)(sum / length);
        }
        return output;
    }

    private static NdArray Pool1d(NdArray input, int kernel, int stride, int padding, bool max)
    {
        LayerPlan.RequireRank(input, 3, "input", "(N, C, L)");
        var output = Pool(ConvLayer.AsHeightOne(input), kernel, stride, padding, max, spatialRank: 1);
        return output.Reshape(output.Shape[0], output.Shape[1], output.Shape[3]);
    }

    private static NdArray Pool(NdArray input, int kernel, int stride, int padding, bool max, int spatialRank)
    {
        LayerPlan.RequireRank(input, 4, "input", "(N, C, H, W)");
        if (kernel <= 0) throw new ArgumentException($"kernel size must be positive, got {kernel}", nameof(kernel));
        if (padding * 2 > kernel)
            throw new ArgumentException($"padding {padding} must be at most half the kernel size {kernel}", nameof(padding));
        var options = new ConvOptions(stride, padding);
        int n = input.Shape[0], channels = input.Shape[1], height = input.Shape[2], width = input.Shape[3];
        var kernelRows = spatialRank == 2 ? kernel : 1;
        var rows = spatialRank == 2 ? ConvGeometry.Resolve("height", height, kernel, options) : new Axis(0, 1);
        var columns = ConvGeometry.Resolve("width", width, kernel, options);
        var output = NdArray.Zeros(n, channels, rows.Output, columns.Output);
        for (var b = 0; b < n; b++)
        for (var c = 0; c < channels; c++)
        for (var i = 0; i < rows.Output; i++)
        for (var j = 0; j < columns.Output; j++)
        {
            var best = float.NegativeInfinity;
            var sum = 0f;
            for (var x = 0; x < kernelRows; x++)
            for (var y = 0; y < kernel; y++)
            {
                int row = i * stride + x - rows.PadBefore, column = j * stride + y - columns.PadBefore;
                if (row < 0 || row >= height || column < 0 || column >= width) continue;
                var value = input[b, c, row, column];
                best = Math.Max(best, value);
                sum += value;
            }
            output[b, c, i, j] = max ? best : sum / (kernelRows * kernel);
        }
        return output;
    }
}
