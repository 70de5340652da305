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

    /// <summary>
    /// The gradients of <see cref="Conv2d"/> as matrix products, the same values as
    /// <see cref="ConvLayer.Conv2dBackward"/> up to float rounding. Per example and group, with
    /// the unfolded columns X̂ (C/g·kH·kW, H'·W'), the weights K (L/g, C/g·kH·kW) and dL/dout
    /// G (L/g, H'·W'):
    /// <list type="bullet">
    /// <item>dL/dK += G · X̂ᵀ: each kernel tap's gradient is its row of X̂ against G, summed over the
    /// examples;</item>
    /// <item>dL/dX̂ = Kᵀ · G, then folded back (col2im): every entry of dL/dX̂ is added to the input position
    /// its column entry was copied from, so an input seen by several taps collects them all;</item>
    /// <item>dL/du = the row sums of G.</item>
    /// </list>
    /// The fold is where the loops' "full correlation with the flipped kernel" hides: Kᵀ sends each
    /// output's gradient back through every tap, and the fold lands it where that tap read.
    /// </summary>
    public static ConvGradients Conv2dBackward(NdArray input, NdArray weights, NdArray outputGradient,
        ConvOptions? options = null)
    {
        var plan = LayerPlan.Create(input, weights, null, options ?? ConvOptions.Valid, spatialRank: 2);
        return Backward(input, weights, outputGradient, plan);
    }

    /// <summary>1-D, same arguments and result as <see cref="ConvLayer.Conv1dBackward"/>.</summary>
    public static ConvGradients Conv1dBackward(NdArray input, NdArray weights, NdArray outputGradient,
        ConvOptions? options = null)
    {
        LayerPlan.RequireRank(input, 3, "input", "(N, C, L)");
        LayerPlan.RequireRank(weights, 3, "weights", "(out, in/groups, k)");
        LayerPlan.RequireRank(outputGradient, 3, "outputGradient", "(N, out, L')");
        var (x, w) = (ConvLayer.AsHeightOne(input), ConvLayer.AsHeightOne(weights));
        var plan = LayerPlan.Create(x, w, null, options ?? ConvOptions.Valid, spatialRank: 1);
        var gradients = Backward(x, w, ConvLayer.AsHeightOne(outputGradient), plan);
        return new ConvGradients(gradients.Input.Reshape(input.Shape), gradients.Weights.Reshape(weights.Shape),
            gradients.Bias);
    }

    private static ConvGradients Backward(NdArray input, NdArray weights, NdArray outputGradient, LayerPlan plan)
    {
        var positions = plan.Rows.Output * plan.Columns.Output;
        var depth = plan.InPerGroup * plan.KernelRows * plan.KernelColumns;
        int[] outputShape = [plan.Batch, plan.OutChannels, plan.Rows.Output, plan.Columns.Output];
        if (!outputGradient.Shape.SequenceEqual(outputShape))
            throw new ArgumentException($"output gradient {outputGradient.ShapeText} must have the layer's output "
                + $"shape [{string.Join(", ", outputShape)}]", nameof(outputGradient));
        var inputGradient = NdArray.Zeros(input.Shape);
        var weightGradient = NdArray.Zeros(weights.Shape);
        var biasGradient = new float[plan.OutChannels];
        for (var n = 0; n < plan.Batch; n++)
        for (var g = 0; g < plan.Options.Groups; g++)
        {
            var columns = Unfold(input, plan, n, g * plan.InPerGroup);                // X̂ (depth, positions)
            var columnGradient = new float[depth * positions];                        // dL/dX̂
            for (var l = g * plan.OutPerGroup; l < (g + 1) * plan.OutPerGroup; l++)
            {
                var gradientRow = outputGradient.Data.AsSpan((n * plan.OutChannels + l) * positions, positions);
                var kernel = weights.Data.AsSpan(l * depth, depth);                   // row l of K
                var kernelGradient = weightGradient.Data.AsSpan(l * depth, depth);
                for (var k = 0; k < depth; k++)
                {
                    var column = columns.AsSpan(k * positions, positions);
                    var into = columnGradient.AsSpan(k * positions, positions);
                    var (w, sum) = (kernel[k], 0f);
                    for (var p = 0; p < positions; p++)
                    {
                        sum += gradientRow[p] * column[p];                            // (G · X̂ᵀ)[l, k]
                        into[p] += w * gradientRow[p];                                // (Kᵀ · G)[k, p]
                    }
                    kernelGradient[k] += sum;
                }
                foreach (var value in gradientRow) biasGradient[l] += value;
            }
            Fold(columnGradient, plan, n, g * plan.InPerGroup, inputGradient);
        }
        return new ConvGradients(inputGradient, weightGradient, biasGradient);
    }

    // col2im, Unfold's adjoint: each entry goes back, added, to the input position Unfold copied it from.
    private static void Fold(float[] columns, LayerPlan plan, int n, int firstChannel, NdArray into)
    {
        var (s, d) = (plan.Options.Stride, plan.Options.Dilation);
        int outRows = plan.Rows.Output, outColumns = plan.Columns.Output;
        var index = 0;
        for (var c = 0; c < plan.InPerGroup; c++)
        for (var x = 0; x < plan.KernelRows; x++)
        for (var y = 0; y < plan.KernelColumns; y++)
        for (var i = 0; i < outRows; i++)
        for (var j = 0; j < outColumns; j++)
        {
            var row = i * s + x * d - plan.Rows.PadBefore;
            var column = j * s + y * d - plan.Columns.PadBefore;
            var value = columns[index++];
            if (row < 0 || row >= plan.Height || column < 0 || column >= plan.Width) continue;   // padding
            into.Data[((n * plan.InChannels + firstChannel + c) * plan.Height + row) * plan.Width + column] += value;
        }
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
