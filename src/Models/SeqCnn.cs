using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Models;

/// <summary>
/// A position-aware 1-D CNN: two conv + pool stages keep a coarse map of where each motif
/// occurs, and the linear layer weighs every position separately.
/// Expected: about 96% test accuracy on the StatLog splice split after 40 epochs of Adam(1e-3).
/// </summary>
public sealed class SeqCnn : nn.Module<Tensor, Tensor>
{
    private readonly Conv1d conv1;
    private readonly Conv1d conv2;
    private readonly Dropout dropout;
    private readonly Linear fc;

    /// <summary>A CNN for one-hot sequences of <paramref name="length"/> (divisible by 4) positions.</summary>
    public SeqCnn(int length = 60, int classes = 3) : base(nameof(SeqCnn))
    {
        if (length % 4 != 0) throw new ArgumentException($"SeqCnn: sequence length {length} must be divisible by 4", nameof(length));
        conv1 = nn.Conv1d(4, 32, 7, padding: 3);
        conv2 = nn.Conv1d(32, 32, 5, padding: 2);
        dropout = nn.Dropout(0.3);
        fc = nn.Linear(32 * (length / 4), classes);
        RegisterComponents();
    }
    public override Tensor forward(Tensor x)        // (N, 4, L)
    {
        x = F.max_pool1d(F.relu(conv1.call(x)), 2);  // (N, 32, L/2)
        x = F.max_pool1d(F.relu(conv2.call(x)), 2);  // (N, 32, L/4)
        x = x.flatten(1);                            // (N, 32·L/4) = (N, 480)
        x = dropout.call(x);
        return fc.call(x);                           // (N, classes)
    }
}
