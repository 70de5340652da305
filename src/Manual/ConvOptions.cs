namespace TorchLab.Manual;

/// <summary>
/// How a convolution layer slides its kernel, the same value for every spatial dimension:
/// stride s, zero padding p on each side (or <see cref="Same"/>: the output keeps the input's
/// size), dilation d (gaps between kernel taps), and groups (channels split into independent sets).
/// </summary>
public sealed record ConvOptions(int Stride = 1, int Padding = 0, int Dilation = 1, int Groups = 1, bool Same = false)
{
    /// <summary>Stride 1, no padding: the course's "valid" convolution.</summary>
    public static readonly ConvOptions Valid = new();

    /// <summary>PyTorch's padding="same": stride 1, total padding d·(k-1), the odd one on the far side.</summary>
    public static ConvOptions SamePadding(int dilation = 1, int groups = 1) => new(1, 0, dilation, groups, Same: true);
}

/// <summary>The padding and output size along one spatial dimension, after checking the arguments.</summary>
internal readonly record struct Axis(int PadBefore, int Output);

/// <summary>Where a kernel fits: the output-size rule and the checks that make it meaningful.</summary>
public static class ConvGeometry
{
    /// <summary>
    /// The output length of a convolution or pooling window: floor((w + 2p - d(k-1) - 1)/s) + 1.
    /// d(k-1)+1 is the dilated kernel's span; the rest counts how many stride steps fit.
    /// </summary>
    public static int OutputSize(int input, int kernel, int stride = 1, int padding = 0, int dilation = 1) =>
        (input + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;

    /// <summary>
    /// Checks the options for one dimension named <paramref name="axis"/> and resolves its padding and output size.
    /// </summary>
    internal static Axis Resolve(string axis, int input, int kernel, ConvOptions options)
    {
        if (options.Stride <= 0)
            throw new ArgumentException($"stride must be positive, got {options.Stride}", "stride");
        if (options.Dilation <= 0)
            throw new ArgumentException($"dilation must be positive, got {options.Dilation}", "dilation");
        if (options.Padding < 0)
            throw new ArgumentException($"padding must not be negative, got {options.Padding}", "padding");
        if (options.Same && options.Stride != 1)
            throw new ArgumentException($"padding 'same' needs stride 1, got stride {options.Stride}", "padding");
        var span = options.Dilation * (kernel - 1) + 1;
        // "same": total padding span - 1 = d(k-1), the smaller half before (PyTorch's split).
        if (options.Same) return new Axis((span - 1) / 2, input);
        if (span > input + 2 * options.Padding)
            throw new ArgumentException(
                $"kernel {axis} {kernel} (dilated {span}) is larger than the padded input {axis} "
                + $"{input + 2 * options.Padding} ({input} + 2*{options.Padding})", "kernel");
        return new Axis(options.Padding, OutputSize(input, kernel, options.Stride, options.Padding, options.Dilation));
    }
}
