using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Modules;

/// <summary>
/// Batch normalisation over channels (dim 1), for (N, C) or (N, C, L) input (BatchNorm1d) and
/// (N, C, H, W) input (BatchNorm2d). Learns a scale and shift; keeps running statistics
/// (and, as PyTorch does, a count of batches seen) as buffers.
/// </summary>
public sealed class BatchNorm : nn.Module<Tensor, Tensor>
{
    private readonly double eps, momentum;
    private readonly int[] acceptedRanks;

    /// <summary>Per-channel scale, initialised to ones.</summary>
    public Parameter weight { get; }
    /// <summary>Per-channel shift, initialised to zeros.</summary>
    public Parameter bias { get; }
    /// <summary>Running mean, updated in training mode.</summary>
    public Tensor running_mean { get; }
    /// <summary>Running (unbiased) variance, updated in training mode.</summary>
    public Tensor running_var { get; }
    /// <summary>Batches seen in training mode (int64).</summary>
    public Tensor num_batches_tracked { get; }

    internal BatchNorm(string name, long features, double eps, double momentum, params int[] acceptedRanks) : base(name)
    {
        (this.eps, this.momentum, this.acceptedRanks) = (eps, momentum, acceptedRanks);
        using var scope = NewDisposeScope();
        weight = nn.Parameter(ones(features));
        bias = nn.Parameter(zeros(features));
        running_mean = zeros(features);
        running_var = ones(features);
        num_batches_tracked = zeros(new long[0], int64);
        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), bias);
        register_buffer(nameof(running_mean), running_mean);
        register_buffer(nameof(running_var), running_var);
        register_buffer(nameof(num_batches_tracked), num_batches_tracked);
    }

    /// <summary>Normalises with batch statistics in training mode, running ones in eval mode.</summary>
    public override Tensor forward(Tensor input)
    {
        var rank = (int)input.ndim;
        if (!acceptedRanks.Contains(rank))
            throw new ArgumentException($"{name}: expected {string.Join(" or ", acceptedRanks.Select(r => $"{r}D"))} input (got {rank}D input of shape [{string.Join(", ", input.shape)}])", nameof(input));
        if (training)
            using (no_grad()) num_batches_tracked.add_(1L);
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps);
    }
}
