namespace TorchLab.Manual;

/// <summary>A layer's checked shapes and resolved geometry, shared by the direct loops and im2col.</summary>
internal sealed record LayerPlan(int Batch, int InChannels, int Height, int Width, int OutChannels, int InPerGroup,
    int OutPerGroup, int KernelRows, int KernelColumns, Axis Rows, Axis Columns, ConvOptions Options)
{
    public static LayerPlan Create(NdArray input, NdArray weights, float[]? bias, ConvOptions options, int spatialRank)
    {
        RequireRank(input, 4, "input", "(N, C, H, W)");
        RequireRank(weights, 4, "weights", "(out, in/groups, kH, kW)");
        int batch = input.Shape[0], channels = input.Shape[1], height = input.Shape[2], width = input.Shape[3];
        int outChannels = weights.Shape[0], perGroup = weights.Shape[1], kh = weights.Shape[2], kw = weights.Shape[3];
        var groups = options.Groups;
        if (groups <= 0) throw new ArgumentException($"groups must be positive, got {groups}", "groups");
        if (channels % groups != 0)
            throw new ArgumentException($"input channels {channels} are not divisible by groups {groups}", "groups");
        if (outChannels % groups != 0)
            throw new ArgumentException(
                $"output channels {outChannels} are not divisible by groups {groups}", "groups");
        if (perGroup != channels / groups)
            throw new ArgumentException(
                $"weights {weights.ShapeText} expect {perGroup} input channels per group, but input "
                + $"{input.ShapeText} with groups {groups} has {channels / groups}", "weights");
        if (bias is not null && bias.Length != outChannels)
            throw new ArgumentException($"bias has {bias.Length} values for {outChannels} output channels", "bias");
        // A 1-D layer is run as 2-D with height 1: that axis never pads.
        var rows = spatialRank == 2 ? ConvGeometry.Resolve("height", height, kh, options) : new Axis(0, 1);
        var columns = ConvGeometry.Resolve("width", width, kw, options);
        return new LayerPlan(batch, channels, height, width, outChannels, perGroup, outChannels / groups, kh, kw,
            rows, columns, options);
    }

    public static void RequireRank(NdArray array, int rank, string name, string layout)
    {
        if (array.Rank != rank)
            throw new ArgumentException(
                $"{name} must have {rank} dimensions {layout}, got shape {array.ShapeText}", name);
    }
}
