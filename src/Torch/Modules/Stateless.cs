using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Modules;

/// <summary>max(x, 0) as a module, for <see cref="Sequential"/>.</summary>
public sealed class ReLU() : nn.Module<Tensor, Tensor>(nameof(ReLU))
{
    /// <summary>Applies ReLU element-wise.</summary>
    public override Tensor forward(Tensor input) => nn.functional.relu(input);
}

/// <summary>Flattens dimensions <c>start_dim..end_dim</c> (by default all but the batch).</summary>
public sealed class Flatten(long startDim = 1, long endDim = -1) : nn.Module<Tensor, Tensor>(nameof(Flatten))
{
    /// <summary>(N, C, ...) → (N, C·...).</summary>
    public override Tensor forward(Tensor input) => input.flatten(startDim, endDim);
}

/// <summary>Dropout with probability p while training; the identity in eval mode.</summary>
public sealed class Dropout : nn.Module<Tensor, Tensor>
{
    private readonly double p;

    internal Dropout(double p) : base(nameof(Dropout))
    {
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability has to be between 0 and 1");
        this.p = p;
    }

    /// <summary>Zeroes elements with probability p and scales survivors by 1/(1-p) in training mode.</summary>
    public override Tensor forward(Tensor input) => nn.functional.dropout(input, p, training);
}

/// <summary>2-D max pooling; stride defaults to the kernel size.</summary>
public sealed class MaxPool2d(long[] kernelSize, long[]? stride = null, long[]? padding = null) : nn.Module<Tensor, Tensor>(nameof(MaxPool2d))
{
    /// <summary>(N, C, H, W) → (N, C, H', W').</summary>
    public override Tensor forward(Tensor input) => nn.functional.max_pool2d(input, kernelSize, stride, padding);
}

/// <summary>1-D max pooling; stride defaults to the kernel size.</summary>
public sealed class MaxPool1d(long kernelSize, long? stride = null, long padding = 0) : nn.Module<Tensor, Tensor>(nameof(MaxPool1d))
{
    /// <summary>(N, C, L) → (N, C, L').</summary>
    public override Tensor forward(Tensor input) => nn.functional.max_pool1d(input, kernelSize, stride, padding);
}

/// <summary>Averages each channel to a fixed (H, W) whatever the input size.</summary>
public sealed class AdaptiveAvgPool2d(long[] outputSize) : nn.Module<Tensor, Tensor>(nameof(AdaptiveAvgPool2d))
{
    /// <summary>(N, C, H, W) → (N, C, outH, outW).</summary>
    public override Tensor forward(Tensor input) => nn.functional.adaptive_avg_pool2d(input, outputSize);
}

/// <summary>Averages each channel to a fixed length whatever the input length.</summary>
public sealed class AdaptiveAvgPool1d(long outputSize) : nn.Module<Tensor, Tensor>(nameof(AdaptiveAvgPool1d))
{
    /// <summary>(N, C, L) → (N, C, outL).</summary>
    public override Tensor forward(Tensor input) => nn.functional.adaptive_avg_pool1d(input, outputSize);
}
