using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Modules;

/// <summary>Modules applied in order, each to the previous one's output; named "0", "1", ... unless named.</summary>
public sealed class Sequential : nn.Module<Tensor, Tensor>
{
    private readonly List<nn.Module<Tensor, Tensor>> layers = new();

    internal Sequential(IEnumerable<(string name, nn.Module<Tensor, Tensor> module)> modules) : base(nameof(Sequential))
    {
        foreach (var (name, module) in modules)
        {
            register_module(name, module);
            layers.Add(module);
        }
    }

    /// <summary>How many layers.</summary>
    public int Count => layers.Count;

    /// <summary>The layer at <paramref name="index"/>.</summary>
    public nn.Module<Tensor, Tensor> this[int index] => layers[index];

    /// <summary>
    /// Feeds the input through every layer. Intermediate results are disposed as soon as the
    /// next layer has consumed them, so a deep stack does not hold every activation's handle.
    /// </summary>
    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var layer in layers)
        {
            var next = layer.call(x);
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x, next) && x.OwningScope is null) x.Dispose();
            x = next;
        }
        return x;
    }
}
