using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchLab.Models;

/// <summary>
/// A bidirectional GRU reads the sequence both ways; every position's output feeds the
/// classifier, so position is kept. Expected: about 95% test accuracy on the StatLog splice
/// split after 15 epochs of Adam(3e-3).
/// </summary>
public sealed class SeqGru : nn.Module<Tensor, Tensor>
{
    private readonly GRU gru;
    private readonly Dropout dropout;
    private readonly Linear fc;

    /// <summary>A GRU classifier for one-hot sequences of <paramref name="length"/> positions.</summary>
    public SeqGru(int length = 60, int hidden = 32, int classes = 3) : base(nameof(SeqGru))
    {
        gru = nn.GRU(4, hidden, batchFirst: true, bidirectional: true);
        dropout = nn.Dropout(0.3);
        fc = nn.Linear(length * 2 * hidden, classes);
        RegisterComponents();
    }
    public override Tensor forward(Tensor x)        // (N, 4, L) one-hot, channels first like the CNNs
    {
        x = x.transpose(1, 2);                       // (N, L, 4)
        var (output, _) = gru.call(x);               // (N, L, 2·hidden)
        x = output.flatten(1);                       // (N, L·2·hidden) = (N, 3840)
        x = dropout.call(x);
        return fc.call(x);                           // (N, classes)
    }
}
