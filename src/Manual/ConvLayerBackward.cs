namespace TorchLab.Manual;

// The convolution layer's gradients, beside its forward pass in ConvLayer.cs.
public static partial class ConvLayer
{
    /// <summary>
    /// The convolution layer's gradients. Write the forward pass (<see cref="Conv2d"/>) with the padding
    /// p (before the input; for "same", the smaller half), stride s and dilation d of one axis as
    /// out[n, l, i, j] = u[l] + Σc Σx Σy X[n, c, i·s + x·d - p, j·s + y·d - p] · K[l, c, x, y],
    /// where c counts the input channels of l's group.
    /// Every product X·K in that sum sends dL/dout[n, l, i, j] (call it G) back to each factor, times the
    /// other factor; the three gradients collect those messages.
    /// <list type="bullet">
    /// <item>
    /// dL/dK[l, c, x, y] = Σn Σi Σj G[n, l, i, j] · X[n, c, i·s + x·d - p, j·s + y·d - p]: the correlation of
    /// the input with the output gradient. It is the forward loop with the roles swapped: G slides over X
    /// as a kernel whose taps are s apart, and the result is read every d positions. Shape (L, C/groups, kH, kW).
    /// </item>
    /// <item>
    /// dL/dX[n, c, r, q] = Σl Σx Σy G[n, l, i, j] · K[l, c, x, y] over the taps that reached (r, q), i.e.
    /// i = (r + p - x·d)/s and j = (q + p - y·d)/s whole numbers inside the output. As x grows, i falls:
    /// the output gradient meets the kernel back to front. For s = d = 1 this is
    /// dL/dX[r] = Σx' Gpad[r + x'] · K[k-1-x'], a correlation with the flipped kernel over G padded with k-1-p
    /// zeros: the "full" correlation (every overlap, even of one tap) when p = 0. A stride s puts s-1 zeros
    /// between G's values first; a dilation d spaces the flipped kernel's taps d apart. Input channels and
    /// output channels swap roles: K[l, c] now carries l to c. Shape (N, C, H, W).
    /// </item>
    /// <item>dL/du[l] = Σn Σi Σj G[n, l, i, j]: the bias is added at every output position. Shape (L).</item>
    /// </list>
    /// The loops gather each gradient value as one sum (in double), with flat indexing, since a training run
    /// calls them on every batch.
    /// <para>2-D: input (N, C, H, W), weights (L, C/groups, kH, kW) and dL/dout (N, L, H', W'), with the
    /// options of the forward pass.</para>
    /// </summary>
    public static ConvGradients Conv2dBackward(NdArray input, NdArray weights, NdArray outputGradient,
        ConvOptions? options = null) =>
        Backward(input, weights, outputGradient, options ?? ConvOptions.Valid, spatialRank: 2);

    /// <summary>
    /// The gradients of <see cref="Conv1d"/>: input (N, C, L), weights (O, C/groups, k), dL/dout (N, O, L'),
    /// computed as those of a 2-D layer of height 1 (<see cref="Conv2dBackward"/> gives the formulas).
    /// </summary>
    public static ConvGradients Conv1dBackward(NdArray input, NdArray weights, NdArray outputGradient,
        ConvOptions? options = null)
    {
        LayerPlan.RequireRank(input, 3, "input", "(N, C, L)");
        LayerPlan.RequireRank(weights, 3, "weights", "(out, in/groups, k)");
        LayerPlan.RequireRank(outputGradient, 3, "outputGradient", "(N, out, L')");
        var gradients = Backward(AsHeightOne(input), AsHeightOne(weights), AsHeightOne(outputGradient),
            options ?? ConvOptions.Valid, spatialRank: 1);
        return new ConvGradients(gradients.Input.Reshape(input.Shape), gradients.Weights.Reshape(weights.Shape),
            gradients.Bias);
    }

    private static ConvGradients Backward(NdArray input, NdArray weights, NdArray outputGradient, ConvOptions options,
        int spatialRank)
    {
        var plan = LayerPlan.Create(input, weights, null, options, spatialRank);
        int[] outputShape = [plan.Batch, plan.OutChannels, plan.Rows.Output, plan.Columns.Output];
        if (!outputGradient.Shape.SequenceEqual(outputShape))
            throw new ArgumentException($"output gradient {outputGradient.ShapeText} must have the layer's output "
                + $"shape [{string.Join(", ", outputShape)}]", nameof(outputGradient));
        return new ConvGradients(InputGradient(plan, weights.Data, outputGradient.Data),
            WeightGradient(plan, input.Data, outputGradient.Data), BiasGradient(plan, outputGradient.Data));
    }

    // dL/dK[l, c, x, y] = Σn Σi Σj G[n, l, i, j] · X[n, first + c, i·s + x·d - p, j·s + y·d - p].
    private static NdArray WeightGradient(LayerPlan plan, float[] x, float[] g)
    {
        var (s, d) = (plan.Options.Stride, plan.Options.Dilation);
        int height = plan.Height, width = plan.Width, outRows = plan.Rows.Output, outColumns = plan.Columns.Output;
        var gradient = NdArray.Zeros(plan.OutChannels, plan.InPerGroup, plan.KernelRows, plan.KernelColumns);
        var at = 0;
        for (var l = 0; l < plan.OutChannels; l++)
        {
            var firstChannel = l / plan.OutPerGroup * plan.InPerGroup;   // the group's first input channel
            for (var c = 0; c < plan.InPerGroup; c++)
            for (var kx = 0; kx < plan.KernelRows; kx++)
            for (var ky = 0; ky < plan.KernelColumns; ky++)
            {
                var sum = 0.0;
                for (var n = 0; n < plan.Batch; n++)
                {
                    var xPlane = (n * plan.InChannels + firstChannel + c) * height * width;
                    var gPlane = (n * plan.OutChannels + l) * outRows * outColumns;
                    for (var i = 0; i < outRows; i++)
                    {
                        var row = i * s + kx * d - plan.Rows.PadBefore;
                        if (row < 0 || row >= height) continue;   // a tap on the zero padding
                        for (var j = 0; j < outColumns; j++)
                        {
                            var column = j * s + ky * d - plan.Columns.PadBefore;
                            if (column < 0 || column >= width) continue;
                            sum += (double)g[gPlane + i * outColumns + j] * x[xPlane + row * width + column];
                        }
                    }
                }
                gradient.Data[at++] = (float)sum;
            }
        }
        return gradient;
    }

    // dL/dX[n, c, r, q] = Σl Σx Σy G[n, l, i, j] · K[l, c - first, x, y], over l in c's group and the taps
    // with i·s = r + p - x·d and j·s = q + p - y·d inside the output: the full correlation with the flipped kernel.
    private static NdArray InputGradient(LayerPlan plan, float[] k, float[] g)
    {
        var (s, d) = (plan.Options.Stride, plan.Options.Dilation);
        int height = plan.Height, width = plan.Width, outRows = plan.Rows.Output, outColumns = plan.Columns.Output;
        int kh = plan.KernelRows, kw = plan.KernelColumns;
        var gradient = NdArray.Zeros(plan.Batch, plan.InChannels, height, width);
        var at = 0;
        for (var n = 0; n < plan.Batch; n++)
        for (var channel = 0; channel < plan.InChannels; channel++)
        {
            var (group, c) = (channel / plan.InPerGroup, channel % plan.InPerGroup);
            for (var row = 0; row < height; row++)
            for (var column = 0; column < width; column++)
            {
                var sum = 0.0;
                for (var l = group * plan.OutPerGroup; l < (group + 1) * plan.OutPerGroup; l++)
                {
                    var gPlane = (n * plan.OutChannels + l) * outRows * outColumns;
                    var kernel = (l * plan.InPerGroup + c) * kh * kw;
                    for (var kx = 0; kx < kh; kx++)
                    {
                        var rowSteps = row + plan.Rows.PadBefore - kx * d;   // i·s, if this tap reached (row, column)
                        if (rowSteps < 0) break;                              // and for every later tap too
                        if (rowSteps % s != 0 || rowSteps / s >= outRows) continue;
                        var i = rowSteps / s;
                        for (var ky = 0; ky < kw; ky++)
                        {
                            var columnSteps = column + plan.Columns.PadBefore - ky * d;
                            if (columnSteps < 0) break;
                            if (columnSteps % s != 0 || columnSteps / s >= outColumns) continue;
                            sum += (double)g[gPlane + i * outColumns + columnSteps / s] * k[kernel + kx * kw + ky];
                        }
                    }
                }
                gradient.Data[at++] = (float)sum;
            }
        }
        return gradient;
    }

    // dL/du[l] = Σn Σi Σj G[n, l, i, j].
    private static float[] BiasGradient(LayerPlan plan, float[] g)
    {
        var positions = plan.Rows.Output * plan.Columns.Output;
        var gradient = new float[plan.OutChannels];
        for (var l = 0; l < plan.OutChannels; l++)
        {
            var sum = 0.0;
            for (var n = 0; n < plan.Batch; n++)
            for (var p = 0; p < positions; p++)
                sum += g[(n * plan.OutChannels + l) * positions + p];
            gradient[l] = (float)sum;
        }
        return gradient;
    }
}

/// <summary>dL/dX (N, C, ...), dL/dK (L, C/groups, ...) and dL/du (L) of a convolution layer.</summary>
public sealed record ConvGradients(NdArray Input, NdArray Weights, float[] Bias);
