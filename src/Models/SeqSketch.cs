using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchLab.Models;

/// <summary>
/// The course's 1-D sketch on one-hot DNA: one conv layer, then a global average over positions.
/// Averaging throws away *where* a motif occurs, and on splice junctions the position is the
/// signal, so this model stays near 53% test accuracy (the majority class is 51%): the lab's
/// point of comparison for <see cref="SeqCnn"/>.
/// </summary>
public sealed class SeqSketch : nn.Module<Tensor, Tensor>
{
    private readonly Conv1d conv;
    // ReLU and pooling as modules, not functional calls, so that forward hooks (a model summary) see them.
    private readonly ReLU relu;
    private readonly AdaptiveAvgPool1d pool;
    private readonly Linear fc;

    /// <summary>A sketch model for 4-letter one-hot sequences and <paramref name="classes"/> classes.</summary>
    public SeqSketch(int classes = 3) : base(nameof(SeqSketch))
    {
        conv = nn.Conv1d(4, 8, 5, padding: 2);
        relu = nn.ReLU();
        pool = nn.AdaptiveAvgPool1d(1);             // the global average over positions
        fc = nn.Linear(8, classes);
        RegisterComponents();
    }
    public override Tensor forward(Tensor x)        // (N, 4, L)
    {
        x = relu.call(conv.call(x));                 // (N, 8, L)
        x = pool.call(x);                            // (N, 8, 1)
        x = x.flatten(1);                            // (N, 8)
        return fc.call(x);                           // (N, classes)
    }
}
