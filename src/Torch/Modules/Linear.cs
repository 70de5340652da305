using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Modules;

/// <summary>y = x·Wᵀ + b with W (out, in); PyTorch's initialisation.</summary>
public sealed class Linear : nn.Module<Tensor, Tensor>
{
    /// <summary>The weights, (out_features, in_features).</summary>
    public Parameter weight { get; }

    /// <summary>The bias (out_features), or null.</summary>
    public Parameter? bias { get; }

    internal Linear(long inFeatures, long outFeatures, bool hasBias) : base(nameof(Linear))
    {
        using var scope = NewDisposeScope();
        weight = nn.Parameter(empty(outFeatures, inFeatures));
        bias = hasBias ? nn.Parameter(empty(outFeatures)) : null;
        nn.init.DefaultLayer(weight, bias);
        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), bias);
    }

    /// <summary>(*, in) → (*, out).</summary>
    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);
}
