using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Modules;

/// <summary>2-D convolution layer: weight (out, in/groups, k, k), optional bias (out); PyTorch's initialisation.</summary>
public sealed class Conv2d : nn.Module<Tensor, Tensor>
{
    private readonly long[] stride, padding, dilation;
    private readonly Padding? paddingRule;
    private readonly long groups;

    /// <summary>The filters, (out_channels, in_channels/groups, kernel, kernel).</summary>
    public Parameter weight { get; }

    /// <summary>One bias per output channel, or null.</summary>
    public Parameter? bias { get; }

    internal Conv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding, Padding? paddingRule,
        long dilation, long groups, bool bias) : base(nameof(Conv2d))
    {
        ConvChecks.Validate(inChannels, outChannels, groups);
        (this.stride, this.padding, this.dilation) = ([stride, stride], [padding, padding], [dilation, dilation]);
        (this.paddingRule, this.groups) = (paddingRule, groups);
        using var scope = NewDisposeScope();
        weight = nn.Parameter(empty(outChannels, inChannels / groups, kernelSize, kernelSize));
        this.bias = bias ? nn.Parameter(empty(outChannels)) : null;
        nn.init.DefaultLayer(weight, this.bias);
        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), this.bias);
    }

    /// <summary>(N, in, H, W) → (N, out, H', W').</summary>
    public override Tensor forward(Tensor input) => paddingRule is { } rule
        ? nn.functional.conv2d(input, weight, bias, stride, rule, dilation, groups)
        : nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups);
}

/// <summary>1-D convolution layer: weight (out, in/groups, k), optional bias (out); PyTorch's initialisation.</summary>
public sealed class Conv1d : nn.Module<Tensor, Tensor>
{
    private readonly long stride, padding, dilation, groups;
    private readonly Padding? paddingRule;

    /// <summary>The filters, (out_channels, in_channels/groups, kernel).</summary>
    public Parameter weight { get; }

    /// <summary>One bias per output channel, or null.</summary>
    public Parameter? bias { get; }

    internal Conv1d(long inChannels, long outChannels, long kernelSize, long stride, long padding, Padding? paddingRule,
        long dilation, long groups, bool bias) : base(nameof(Conv1d))
    {
        ConvChecks.Validate(inChannels, outChannels, groups);
        (this.stride, this.padding, this.dilation, this.groups, this.paddingRule) = (stride, padding, dilation, groups, paddingRule);
        using var scope = NewDisposeScope();
        weight = nn.Parameter(empty(outChannels, inChannels / groups, kernelSize));
        this.bias = bias ? nn.Parameter(empty(outChannels)) : null;
        nn.init.DefaultLayer(weight, this.bias);
        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), this.bias);
    }

    /// <summary>(N, in, L) → (N, out, L').</summary>
    public override Tensor forward(Tensor input) => paddingRule is { } rule
        ? nn.functional.conv1d(input, weight, bias, stride, rule, dilation, groups)
        : nn.functional.conv1d(input, weight, bias, stride, padding, dilation, groups);
}

internal static class ConvChecks
{
    public static void Validate(long inChannels, long outChannels, long groups)
    {
        if (groups <= 0) throw new ArgumentException($"groups must be positive, got {groups}", nameof(groups));
        if (inChannels % groups != 0) throw new ArgumentException($"in_channels ({inChannels}) must be divisible by groups ({groups})", nameof(inChannels));
        if (outChannels % groups != 0) throw new ArgumentException($"out_channels ({outChannels}) must be divisible by groups ({groups})", nameof(outChannels));
    }
}
