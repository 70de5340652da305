namespace TorchLab.Manual;

/// <summary>
/// The same convolution layer the way frameworks compute it: unfold every receptive field into
/// a column (im2col), then one matrix product per group, weights (L/g, C/g·kH·kW) × columns
/// (C/g·kH·kW, H'·W'). The loops move into a matrix multiply that hardware does well.
/// </summary>
public static class Im2Col
{
    /// <summary>2-D, same arguments and result as <see cref="ConvLayer.Conv2d"/>.</summary>
    public static NdArray Conv2d(NdArray input, NdArray weights, float[]? bias = null, ConvOptions? options = null) =>
        Convolve(input, weights, bias, options ?? ConvOptions.Valid, spatialRank: 2);

    /// <summary>1-D, same arguments and result as <see cref="ConvLayer.Conv1d"/>.</summary>
    public static NdArray Conv1d(NdArray input, NdArray weights, float[]? bias = null, ConvOptions? options = null) =>
        ConvLayer.AsOneDimensional(input, weights, bias, options, Convolve);

    private static NdArray Convolve(NdArray input, NdArray weights, float[]? bias, ConvOptions options, int spatialRank)
    {
        var plan = LayerPlan.Create(input, weights, bias, options, spatialRank);
        var positions = plan.Rows.Output * plan.Columns.Output;
        var depth = plan.InPerGroup * plan.KernelRows * plan.KernelColumns;   // one column's length
        var output = NdArray.Zeros(plan.Batch, plan.OutChannels, plan.Rows.Output, plan.Columns.Output);
        var groups = plan.Options.Groups;
        for (var n = 0; n < plan.Batch; n++)
        for (var g = 0; g < groups; g++)
        {
            var columns = Unfold(input, plan, n, g * plan.InPerGroup);               // (depth, positions)
            for (var l = g * plan.OutPerGroup; l < (g + 1) * plan.OutPerGroup; l++)
            {
                var row = output.Data.AsSpan(((n * plan.OutChannels) + l) * positions, positions);
                row.Fill(bias?[l] ?? 0f);
                var kernel = weights.Data.AsSpan(l * depth, depth);                   // row l of the weight matrix
                for (var k = 0; k < depth; k++)
                {
                    var w = kernel[k];
                    var column = columns.AsSpan(k * positions, positions);
                    for (var p = 0; p < positions; p++) row[p] += w * column[p];
                }
            }
        }
        return output;
    }

    // Row (c, x, y) of the result holds, for every output position (i, j), the input value the
    // kernel tap (x, y) of channel c sees there (zero in the padding).
    private static float[] Unfold(NdArray input, LayerPlan plan, int n, int firstChannel)
    {
        var (s, d) = (plan.Options.Stride, plan.Options.Dilation);
        int outRows = plan.Rows.Output, outColumns = plan.Columns.Output;
        var columns = new float[plan.InPerGroup * plan.KernelRows * plan.KernelColumns * outRows * outColumns];
        var index = 0;
        for (var c = 0; c < plan.InPerGroup; c++)
        for (var x = 0; x < plan.KernelRows; x++)
        for (var y = 0; y < plan.KernelColumns; y++)
        for (var i = 0; i < outRows; i++)
        for (var j = 0; j < outColumns; j++)
        {
            var row = i * s + x * d - plan.Rows.PadBefore;
            var column = j * s + y * d - plan.Columns.PadBefore;
            var inside = row >= 0 && row < plan.Height && column >= 0 && column < plan.Width;
            columns[index++] = inside ? input[n, firstChannel + c, row, column] : 0f;
        }
        return columns;
    }
}
