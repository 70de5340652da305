using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Modules;

/// <summary>
/// What Conv1d and Conv2d share: weight (out, in/groups, *kernel) and an optional bias (out),
/// initialised as PyTorch does (kaiming-uniform with a = sqrt(5), then the bias from the same range).
/// </summary>
public abstract class Convolution : nn.Module<Tensor, Tensor>
{
    /// <summary>The filters, (out_channels, in_channels/groups, *kernel).</summary>
    public Parameter weight { get; }

    /// <summary>One bias per output channel, or null.</summary>
    public Parameter? bias { get; }

    private protected Convolution(string name, long inChannels, long outChannels, long[] kernel, long groups, bool hasBias) : base(name)
    {
        if (groups <= 0) throw new ArgumentException($"groups must be positive, got {groups}", nameof(groups));
        if (inChannels % groups != 0) throw new ArgumentException($"in_channels ({inChannels}) must be divisible by groups ({groups})", nameof(inChannels));
        if (outChannels % groups != 0) throw new ArgumentException($"out_channels ({outChannels}) must be divisible by groups ({groups})", nameof(outChannels));
        using var scope = NewDisposeScope();
        weight = nn.Parameter(empty([outChannels, inChannels / groups, .. kernel]));
        bias = hasBias ? nn.Parameter(empty(outChannels)) : null;
        nn.init.DefaultLayer(weight, bias);
        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), bias);
    }
}

/// <summary>2-D convolution layer with a square kernel.</summary>
public sealed class Conv2d : Convolution
{
    private readonly long[] stride, padding, dilation;
    private readonly Padding? paddingRule;
    private readonly long groups;

    internal Conv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding, Padding? paddingRule,
        long dilation, long groups, bool bias) : base(nameof(Conv2d), inChannels, outChannels, [kernelSize, kernelSize], groups, bias)
    {
        (this.stride, this.padding, this.dilation) = ([stride, stride], [padding, padding], [dilation, dilation]);
        (this.paddingRule, this.groups) = (paddingRule, groups);
    }

    /// <summary>(N, in, H, W) → (N, out, H', W').</summary>
    public override Tensor forward(Tensor input) => paddingRule is { } rule
        ? nn.functional.conv2d(input, weight, bias, stride, rule, dilation, groups)
        : nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups);
}

/// <summary>1-D convolution layer.</summary>
public sealed class Conv1d : Convolution
{
    private readonly long stride, padding, dilation, groups;
    private readonly Padding? paddingRule;

    internal Conv1d(long inChannels, long outChannels, long kernelSize, long stride, long padding, Padding? paddingRule,
        long dilation, long groups, bool bias) : base(nameof(Conv1d), inChannels, outChannels, [kernelSize], groups, bias)
    {
        (this.stride, this.padding, this.dilation, this.groups, this.paddingRule) = (stride, padding, dilation, groups, paddingRule);
    }

    /// <summary>(N, in, L) → (N, out, L').</summary>
    public override Tensor forward(Tensor input) => paddingRule is { } rule
        ? nn.functional.conv1d(input, weight, bias, stride, rule, dilation, groups)
        : nn.functional.conv1d(input, weight, bias, stride, padding, dilation, groups);
}
