using TorchLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Checkpoints;

/// <summary>
/// The epoch with the lowest validation loss so far and a copy of its weights (restore-best, as
/// Keras' and Lightning's checkpoints do): model.pt and the test score use them, and early
/// stopping counts the epochs since.
/// </summary>
public sealed class BestWeights : IDisposable
{
    /// <summary>0 until an epoch has a finite validation loss.</summary>
    public int Epoch { get; private set; }

    public double Loss { get; private set; } = double.PositiveInfinity;

    public Dictionary<string, Tensor> State { get; } = [];

    /// <summary>The first epoch (1-based) with the lowest finite validation loss, or null when none is finite: the rule
    /// <see cref="Update"/> applies epoch by epoch.</summary>
    public static int? BestEpoch(IReadOnlyList<EpochRecord> epochs) =>
        Enumerable.Range(1, epochs.Count).Where(e =>
            double.IsFinite(epochs[e - 1].ValidLoss)).OrderBy(e => epochs[e - 1].ValidLoss)
            .Select(e => (int?)e).FirstOrDefault();

    /// <summary>Keeps <paramref name="model"/>'s weights when <paramref name="record"/> improves on the best (strictly,
    /// so ties keep the earlier epoch).</summary>
    public void Update(EpochRecord record, nn.Module model)
    {
        if (!(double.IsFinite(record.ValidLoss) && record.ValidLoss < Loss)) return;
        (Epoch, Loss) = (record.Epoch, record.ValidLoss);
        Replace(model.state_dict());
    }

    /// <summary>Whether <paramref name="patience"/> epochs in a row after the best one did not improve on it.</summary>
    public bool PatienceRanOut(int? patience, int epoch) => patience is { } p && epoch - Epoch >= p;

    /// <summary>The state of a resumed run: the best epoch from its history, the weights from its checkpoint.</summary>
    public void Restore(History history, IReadOnlyDictionary<string, Tensor> weights)
    {
        Epoch = BestEpoch(history.Epochs) ?? 0;
        Loss = Epoch > 0 ? history.Epochs[Epoch - 1].ValidLoss : double.PositiveInfinity;
        Replace(weights);
    }

    private void Replace(IReadOnlyDictionary<string, Tensor> weights)
    {
        foreach (var tensor in State.Values) tensor.Dispose();
        State.Clear();
        using var noGrad = no_grad();
        foreach (var (key, value) in weights) State[key] = value.detach().clone().DetachFromDisposeScope();
    }

    public void Dispose()
    {
        foreach (var tensor in State.Values) tensor.Dispose();
        State.Clear();
    }
}
