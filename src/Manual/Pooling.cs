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
    /// The gradient of <see cref="MaxPool2d"/>: y[i, j] = x[winner], so dL/dx[winner] += dL/dy[i, j] and
    /// every other input of the window gets nothing. The window's maximum alone reached the output;
    /// nudging a loser changes nothing. An input that wins several overlapping windows (stride &lt;
    /// kernel) collects all their gradients.
    /// <para>
    /// Ties: when several inputs of a window hold the maximum, libtorch picks the first in reading
    /// order (row by row, left to right), since it replaces its candidate only on a strictly larger
    /// value (or a NaN); so does this, and the whole gradient goes to that one input, not shared.
    /// Input (N, C, H, W), dL/dy (N, C, H', W') → dL/dx (N, C, H, W).
    /// </para>
    /// </summary>
    public static NdArray MaxPool2dBackward(NdArray input, NdArray outputGradient, int kernel, int? stride = null,
        int padding = 0) =>
        RouteToWinners(input, outputGradient, PoolPlan.Create(input, kernel, stride ?? kernel, padding, 2));

    /// <summary>
    /// The gradient of <see cref="MaxPool1d"/>, as <see cref="MaxPool2dBackward"/>: each output's
    /// gradient goes to the first position of its window that holds the maximum (libtorch's choice).
    /// Input (N, C, L), dL/dy (N, C, L') → dL/dx (N, C, L).
    /// </summary>
    public static NdArray MaxPool1dBackward(NdArray input, NdArray outputGradient, int kernel, int? stride = null,
        int padding = 0)
    {
        LayerPlan.RequireRank(input, 3, "input", "(N, C, L)");
        LayerPlan.RequireRank(outputGradient, 3, "outputGradient", "(N, C, L')");
        var plan = PoolPlan.Create(ConvLayer.AsHeightOne(input), kernel, stride ?? kernel, padding, 1);
        return RouteToWinners(ConvLayer.AsHeightOne(input), ConvLayer.AsHeightOne(outputGradient), plan)
            .Reshape(input.Shape);
    }

    /// <summary>
    /// Global average pooling of (N, C, L) → (N, C, 1): each channel's mean over all positions,
    /// torch's <c>adaptive_avg_pool1d(x, 1)</c>. It keeps whether a feature fired, not where.
    /// </summary>
    public static NdArray GlobalAvgPool1d(NdArray input)
    {
        LayerPlan.RequireRank(input, 3, "input", "(N, C, L)");
        int rows = input.Shape[0] * input.Shape[1], length = input.Shape[2];
        if (length == 0)
            throw new ArgumentException($"input {input.ShapeText} has no positions to average", nameof(input));
        var output = NdArray.Zeros(input.Shape[0], input.Shape[1], 1);
        for (var r = 0; r < rows; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < length; i++) sum += input.Data[r * length + i];
            output.Data[r] = (float)(sum / length);
        }
        return output;
    }

    /// <summary>
    /// The gradient of <see cref="GlobalAvgPool1d"/>: y[n, c] = (1/L) Σi x[n, c, i], so every position
    /// gets an equal share, dL/dx[n, c, i] = dL/dy[n, c] / L. dL/dy (N, C, 1) → dL/dx (N, C, L).
    /// </summary>
    public static NdArray GlobalAvgPool1dBackward(NdArray outputGradient, int length)
    {
        LayerPlan.RequireRank(outputGradient, 3, "outputGradient", "(N, C, 1)");
        if (outputGradient.Shape[2] != 1)
            throw new ArgumentException($"output gradient {outputGradient.ShapeText} must be (N, C, 1)",
                nameof(outputGradient));
        if (length <= 0) throw new ArgumentException($"length must be positive, got {length}", nameof(length));
        var rows = outputGradient.Shape[0] * outputGradient.Shape[1];
        var gradient = NdArray.Zeros(outputGradient.Shape[0], outputGradient.Shape[1], length);
        for (var r = 0; r < rows; r++)
        for (var i = 0; i < length; i++)
            gradient.Data[r * length + i] = outputGradient.Data[r] / length;
        return gradient;
    }

    private static NdArray Pool1d(NdArray input, int kernel, int stride, int padding, bool max)
    {
        LayerPlan.RequireRank(input, 3, "input", "(N, C, L)");
        var output = Pool(ConvLayer.AsHeightOne(input), kernel, stride, padding, max, spatialRank: 1);
        return output.Reshape(output.Shape[0], output.Shape[1], output.Shape[3]);
    }

    private static NdArray Pool(NdArray input, int kernel, int stride, int padding, bool max, int spatialRank)
    {
        var plan = PoolPlan.Create(input, kernel, stride, padding, spatialRank);
        var output = NdArray.Zeros(plan.Batch, plan.Channels, plan.Rows.Output, plan.Columns.Output);
        if (max)
        {
            var winners = Winners(input, plan);
            for (var o = 0; o < winners.Length; o++) output.Data[o] = input.Data[winners[o]];
            return output;
        }
        for (var b = 0; b < plan.Batch; b++)
        for (var c = 0; c < plan.Channels; c++)
        for (var i = 0; i < plan.Rows.Output; i++)
        for (var j = 0; j < plan.Columns.Output; j++)
        {
            var sum = 0f;
            for (var x = 0; x < plan.KernelRows; x++)
            for (var y = 0; y < plan.Kernel; y++)
            {
                int row = i * stride + x - plan.Rows.PadBefore, column = j * stride + y - plan.Columns.PadBefore;
                if (row < 0 || row >= plan.Height || column < 0 || column >= plan.Width) continue;
                sum += input[b, c, row, column];
            }
            output[b, c, i, j] = sum / (plan.KernelRows * plan.Kernel);
        }
        return output;
    }

    // For every output (N, C, H', W'), flat, the index into input.Data of its window's maximum: the
    // first in reading order, as libtorch keeps its candidate unless a value is larger or NaN.
    private static int[] Winners(NdArray input, PoolPlan plan)
    {
        int outRows = plan.Rows.Output, outColumns = plan.Columns.Output, s = plan.Stride;
        var winners = new int[plan.Batch * plan.Channels * outRows * outColumns];
        var o = 0;
        for (var plane = 0; plane < plan.Batch * plan.Channels; plane++)
        {
            var planeStart = plane * plan.Height * plan.Width;
            for (var i = 0; i < outRows; i++)
            for (var j = 0; j < outColumns; j++)
            {
                var (best, winner) = (float.NegativeInfinity, -1);
                for (var x = 0; x < plan.KernelRows; x++)
                for (var y = 0; y < plan.Kernel; y++)
                {
                    int row = i * s + x - plan.Rows.PadBefore, column = j * s + y - plan.Columns.PadBefore;
                    if (row < 0 || row >= plan.Height || column < 0 || column >= plan.Width) continue;   // -∞ padding
                    var at = planeStart + row * plan.Width + column;
                    var value = input.Data[at];
                    if (winner < 0 || value > best || float.IsNaN(value)) (best, winner) = (value, at);
                }
                winners[o++] = winner;
            }
        }
        return winners;
    }

    private static NdArray RouteToWinners(NdArray input, NdArray outputGradient, PoolPlan plan)
    {
        int[] outputShape = [plan.Batch, plan.Channels, plan.Rows.Output, plan.Columns.Output];
        if (!outputGradient.Shape.SequenceEqual(outputShape))
            throw new ArgumentException($"output gradient {outputGradient.ShapeText} must have the pooled shape "
                + $"[{string.Join(", ", outputShape)}]", nameof(outputGradient));
        var winners = Winners(input, plan);
        var gradient = NdArray.Zeros(input.Shape);
        for (var o = 0; o < winners.Length; o++) gradient.Data[winners[o]] += outputGradient.Data[o];
        return gradient;
    }

    // A pooling layer's checked window and resolved geometry; a 1-D layer is 2-D with height 1.
    private sealed record PoolPlan(int Batch, int Channels, int Height, int Width, int KernelRows, int Kernel,
        int Stride, Axis Rows, Axis Columns)
    {
        public static PoolPlan Create(NdArray input, int kernel, int stride, int padding, int spatialRank)
        {
            LayerPlan.RequireRank(input, 4, "input", "(N, C, H, W)");
            if (kernel <= 0) throw new ArgumentException($"kernel size must be positive, got {kernel}", nameof(kernel));
            if (padding * 2 > kernel)
                throw new ArgumentException($"padding {padding} must be at most half the kernel size {kernel}",
                    nameof(padding));
            var options = new ConvOptions(stride, padding);
            int height = input.Shape[2], width = input.Shape[3];
            var rows = spatialRank == 2 ? ConvGeometry.Resolve("height", height, kernel, options) : new Axis(0, 1);
            var columns = ConvGeometry.Resolve("width", width, kernel, options);
            return new PoolPlan(input.Shape[0], input.Shape[1], height, width, spatialRank == 2 ? kernel : 1, kernel,
                stride, rows, columns);
        }
    }
}
