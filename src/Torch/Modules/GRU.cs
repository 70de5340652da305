using TorchLab.Torch.Native;
using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Modules;

/// <summary>
/// A multi-layer (optionally bidirectional) GRU computed by libtorch's own GRU kernel (cuDNN on
/// a GPU). Parameters are named and ordered as PyTorch's (<c>weight_ih_l0</c>, <c>weight_hh_l0</c>,
/// <c>bias_ih_l0</c>, <c>bias_hh_l0</c>, then <c>..._reverse</c>, per layer) and initialised as
/// PyTorch does: every one from U(-1/sqrt(hidden), 1/sqrt(hidden)) in that order.
/// </summary>
public sealed class GRU : nn.Module<Tensor, (Tensor output, Tensor h_n)>
{
    private readonly List<Parameter> flatWeights = new();
    private readonly long numLayers;
    private readonly double dropout;
    private readonly bool bidirectional, batchFirst, hasBiases;

    internal GRU(long inputSize, long hiddenSize, long numLayers, bool bias, bool batchFirst, double dropout, bool bidirectional)
        : base(nameof(GRU))
    {
        if (numLayers < 1) throw new ArgumentException($"GRU: num_layers must be at least 1, got {numLayers}", nameof(numLayers));
        if (dropout is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "GRU: dropout must be in [0, 1]");
        (this.numLayers, this.dropout, this.bidirectional, this.batchFirst, hasBiases) = (numLayers, dropout, bidirectional, batchFirst, bias);
        var directions = bidirectional ? 2 : 1;
        using var scope = NewDisposeScope();
        for (var layer = 0; layer < numLayers; layer++)
        for (var direction = 0; direction < directions; direction++)
        {
            var layerInput = layer == 0 ? inputSize : hiddenSize * directions;
            var suffix = $"_l{layer}{(direction == 1 ? "_reverse" : "")}";
            Add($"weight_ih{suffix}", empty(3 * hiddenSize, layerInput));
            Add($"weight_hh{suffix}", empty(3 * hiddenSize, hiddenSize));
            if (!bias) continue;
            Add($"bias_ih{suffix}", empty(3 * hiddenSize));
            Add($"bias_hh{suffix}", empty(3 * hiddenSize));
        }
        var bound = 1.0 / Math.Sqrt(hiddenSize);
        foreach (var weight in flatWeights) nn.init.uniform_(weight, -bound, bound);
    }

    /// <summary>Runs the GRU from a zero initial state.</summary>
    public override (Tensor output, Tensor h_n) forward(Tensor input) => forward(input, null);

    /// <summary>
    /// input (N, L, H_in) if batch_first else (L, N, H_in); h0 (layers·directions, N, H) or null.
    /// Returns every step's output (N, L, directions·H) and the final hidden state.
    /// </summary>
    public (Tensor output, Tensor h_n) forward(Tensor input, Tensor? h0)
    {
        using var hx = new Borrowed(h0);
        using var weights = new BorrowedList(flatWeights);
        LibTorch.Check(LibTorch.tl_gru(input.Handle, hx.Pointer, weights.Pointers, flatWeights.Count, hasBiases ? 1 : 0,
            numLayers, dropout, training ? 1 : 0, bidirectional ? 1 : 0, batchFirst ? 1 : 0, out var output, out var hN));
        return (new Tensor(new TensorHandle(output)), new Tensor(new TensorHandle(hN)));
    }

    private void Add(string name, Tensor data)
    {
        var parameter = nn.Parameter(data);
        flatWeights.Add(parameter);
        register_parameter(name, parameter);
    }
}
