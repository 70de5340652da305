using TorchLab.Torch;
using TorchLab.Torch.Optim;
using static TorchLab.Torch.torch;

namespace TorchLab.Training;

/// <summary>
/// Everything a run needs to continue exactly where it stopped, in one PyTorch-format file
/// (a flat name → tensor dict): the model's and optimizer's state dicts, the scheduler's
/// position, the global generator's state, and the history so far.
/// </summary>
public static class Checkpoint
{
    private const string Model = "model.", Optimizer = "optimizer.", Rng = "rng_state", Epochs = "history.epochs",
        StepLosses = "history.step_losses", Scheduler = "scheduler.";

    /// <summary>Writes the checkpoint atomically (torch.save writes a temporary file and renames it).</summary>
    public static void Save(string path, nn.Module model, Optimizer optimizer, History history, Torch.Optim.LRScheduler? scheduler = null)
    {
        using var scope = NewDisposeScope();
        var state = new Dictionary<string, Tensor>();
        foreach (var (key, value) in model.state_dict()) state[Model + key] = value;
        foreach (var (key, value) in optimizer.state_dict()) state[Optimizer + key] = value;
        state[Rng] = random.get_rng_state();
        state[StepLosses] = tensor(history.StepLosses.ToArray());
        state[Epochs] = tensor(history.Epochs.SelectMany(Row).ToArray(), [history.Epochs.Count, 7]);
        if (scheduler is not null)
            foreach (var (key, value) in scheduler.state_dict()) state[Scheduler + key] = value;
        save(state, path);
    }

    /// <summary>
    /// Restores model, optimizer, scheduler and generator from <paramref name="path"/> and
    /// returns the history to continue; a file from another model fails with the mismatching keys.
    /// </summary>
    public static History Load(string path, nn.Module model, Optimizer optimizer, Torch.Optim.LRScheduler? scheduler = null)
    {
        using var scope = NewDisposeScope();
        var state = load(path);
        Dictionary<string, Tensor> Part(string prefix) =>
            state.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
        if (!state.ContainsKey(Rng) || !state.ContainsKey(Epochs))
            throw new InvalidDataException($"{path}: not a TorchLab checkpoint (no '{Rng}' or '{Epochs}' entry); model.pt holds weights only");
        model.load_state_dict(Part(Model));
        optimizer.load_state_dict(Part(Optimizer));
        scheduler?.load_state_dict(Part(Scheduler));
        random.set_rng_state(state[Rng]);

        var history = new History();
        history.StepLosses.AddRange(state[StepLosses].data<double>());
        var rows = state[Epochs].data<double>();
        for (var i = 0; i + 7 <= rows.Length; i += 7)
            history.Epochs.Add(new EpochRecord((int)rows[i], rows[i + 1], rows[i + 2], rows[i + 3], rows[i + 4], rows[i + 5], rows[i + 6]));
        return history;
    }

    private static double[] Row(EpochRecord e) =>
        [e.Epoch, e.TrainLoss, e.TrainAccuracy, e.ValidLoss, e.ValidAccuracy, e.LearningRate, e.Seconds];
}
