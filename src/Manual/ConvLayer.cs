namespace TorchLab.Manual;

/// <summary>
/// The multi-channel convolution layer written as its formula,
/// out[n,l,i,j] = u[l] + Σc Σx Σy X[n, c, i·s + x·d - p, j·s + y·d - p] · K[l, c, x, y],
/// where c runs over the input channels of l's group and positions outside X count as zero.
/// </summary>
public static partial class ConvLayer
{
    /// <summary>2-D: input (N, C, H, W), weights (L, C/groups, kH, kW), optional bias (L) → (N, L, H', W').</summary>
    public static NdArray Conv2d(NdArray input, NdArray weights, float[]? bias = null, ConvOptions? options = null) =>
        Convolve(input, weights, bias, options ?? ConvOptions.Valid, spatialRank: 2);

    /// <summary>
    /// 1-D: input (N, C, L), weights (O, C/groups, k), optional bias (O) → (N, O, L'). A 2-D convolution
    /// of height 1.
    /// </summary>
    public static NdArray Conv1d(NdArray input, NdArray weights, float[]? bias = null, ConvOptions? options = null) =>
        AsOneDimensional(input, weights, bias, options, Convolve);

    /// <summary>
    /// Runs a 2-D convolution as a 1-D one: (N, C, L) becomes (N, C, 1, L), the kernel (O, C/g, k)
    /// becomes (O, C/g, 1, k), and the result's height of 1 is dropped again.
    /// </summary>
    internal static NdArray AsOneDimensional(NdArray input, NdArray weights, float[]? bias, ConvOptions? options,
        Func<NdArray, NdArray, float[]?, ConvOptions, int, NdArray> convolve)
    {
        LayerPlan.RequireRank(input, 3, "input", "(N, C, L)");
        LayerPlan.RequireRank(weights, 3, "weights", "(out, in/groups, k)");
        var output = convolve(AsHeightOne(input), AsHeightOne(weights), bias, options ?? ConvOptions.Valid, 1);
        return output.Reshape(output.Shape[0], output.Shape[1], output.Shape[3]);
    }

    private static NdArray Convolve(NdArray input, NdArray weights, float[]? bias, ConvOptions options, int spatialRank)
    {
        var plan = LayerPlan.Create(input, weights, bias, options, spatialRank);
        var output = NdArray.Zeros(plan.Batch, plan.OutChannels, plan.Rows.Output, plan.Columns.Output);
        var (s, d) = (plan.Options.Stride, plan.Options.Dilation);
        for (var n = 0; n < plan.Batch; n++)
        for (var l = 0; l < plan.OutChannels; l++)
        {
            var firstChannel = l / plan.OutPerGroup * plan.InPerGroup;   // the group's first input channel
            for (var i = 0; i < plan.Rows.Output; i++)
            for (var j = 0; j < plan.Columns.Output; j++)
            {
                var sum = bias?[l] ?? 0f;
                for (var c = 0; c < plan.InPerGroup; c++)
                for (var x = 0; x < plan.KernelRows; x++)
                for (var y = 0; y < plan.KernelColumns; y++)
                {
                    var row = i * s + x * d - plan.Rows.PadBefore;
                    var column = j * s + y * d - plan.Columns.PadBefore;
                    if (row < 0 || row >= plan.Height || column < 0 || column >= plan.Width) continue;   // zero padding
                    sum += input[n, firstChannel + c, row, column] * weights[l, c, x, y];
                }
                output[n, l, i, j] = sum;
            }
        }
        return output;
    }

    /// <summary>
    /// The terms the layer adds up for output channel <paramref name="outChannel"/> of example
    /// <paramref name="example"/>: one map per input channel of its group (Σx Σy X[c]·K[l, c]),
    /// before the sum over channels and the bias. Shape (C/groups, H', W').
    /// </summary>
    public static NdArray ChannelTerms(NdArray input, NdArray weights, int outChannel, ConvOptions? options = null,
        int example = 0)
    {
        var plan = LayerPlan.Create(input, weights, null, options ?? ConvOptions.Valid, spatialRank: 2);
        if (outChannel < 0 || outChannel >= plan.OutChannels)
            throw new ArgumentException(
                $"output channel {outChannel} does not exist (the layer has {plan.OutChannels})", nameof(outChannel));
        var firstChannel = outChannel / plan.OutPerGroup * plan.InPerGroup;
        var terms = NdArray.Zeros(plan.InPerGroup, plan.Rows.Output, plan.Columns.Output);
        var single = (options ?? ConvOptions.Valid) with { Groups = 1 };
        for (var c = 0; c < plan.InPerGroup; c++)
        {
            var channel = Slice(input, example, firstChannel + c);
            var kernel = Slice(weights, outChannel, c);
            Conv2d(channel, kernel, null, single).Data.CopyTo(terms.Data, c * plan.Rows.Output * plan.Columns.Output);
        }
        return terms;
    }

    internal static NdArray AsHeightOne(NdArray a) => a.Reshape(a.Shape[0], a.Shape[1], 1, a.Shape[2]);

    // One (1, 1, H, W) plane of a 4-D array.
    private static NdArray Slice(NdArray a, int first, int second)
    {
        int h = a.Shape[2], w = a.Shape[3];
        var plane = new float[h * w];
        Array.Copy(a.Data, (first * a.Shape[1] + second) * h * w, plane, 0, h * w);
        return new NdArray([1, 1, h, w], plane);
    }
}
