using static TorchSharp.torch;

namespace TorchLab.Runs;

/// <summary>
/// One row of a model summary: a leaf module, the shape of what it returned for a batch, its
/// parameter count, and that output's mean, standard deviation (unbiased, as <c>torch.std</c>),
/// minimum and maximum; <paramref name="ZeroFraction"/> is the share of exact zeros, for a ReLU only.
/// </summary>
public sealed record LayerRow(string Name, string Type, long[] OutputShape, long Parameters,
    double Mean, double Std, double Min, double Max, double? ZeroFraction);

/// <summary>
/// A model summary in the manner of torchinfo: one row per leaf module in call order, from a real
/// forward pass (<see cref="LayerActivations"/>), with what each layer's output looked like on one batch.
/// </summary>
/// <param name="InputShape">The shape of the batch the rows describe.</param>
/// <param name="TotalParameters">Every parameter of the model, which the rows' counts add up to.</param>
public sealed record LayerSummary(long[] InputShape, IReadOnlyList<LayerRow> Rows, long TotalParameters)
{
    /// <summary>
    /// Summarises <paramref name="model"/> on <paramref name="batch"/> (left in eval mode,
    /// as <see cref="LayerActivations.Capture"/> leaves it).
    /// </summary>
    public static LayerSummary Of(nn.Module<Tensor, Tensor> model, Tensor batch)
    {
        using var scope = NewDisposeScope();
        var modules = model.named_modules().ToDictionary(m => m.name, m => m.module);
        var rows = LayerActivations.Capture(model, batch).Select(layer =>
        {
            var output = layer.Output.to_type(ScalarType.Float64);
            var module = modules[layer.Name];
            return new LayerRow(
                layer.Name,
                layer.Type,
                layer.Output.shape,
                module.parameters().Sum(p => p.numel()),
                output.mean().item<double>(),
                output.std().item<double>(),
                output.min().item<double>(),
                output.max().item<double>(),
                module is TorchSharp.Modules.ReLU
                    ? output.eq(0).to_type(ScalarType.Float64).mean().item<double>()
                    : null);
        }).ToList();
        return new(batch.shape, rows, model.parameters().Sum(p => p.numel()));
    }
}
