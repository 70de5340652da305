using TorchLab.Runs;
using TorchLab.Storage.Serialization;
using TorchLab.Training;
using TorchLab.Training.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchLab.Checkpoints.CheckpointEntries;

namespace TorchLab.Checkpoints;

/// <summary>
/// Everything a run needs to continue exactly where it stopped, in one PyTorch-format file
/// (a flat name → tensor dict that Python's <c>torch.load</c> opens): the model's state dict,
/// Adam's moments and step counts under PyTorch's own names, the learning rate, the global
/// generator's state, the history so far, and the best validation epoch's weights.
/// </summary>
public static class Checkpoint
{
    /// <summary>
    /// Writes the checkpoint atomically, with the run's <paramref name="settings"/> (name → number)
    /// so a resumed run can refuse conflicting ones, and the <paramref name="best"/> epoch's weights.
    /// </summary>
    public static void Save(string path, nn.Module model, Adam optimizer, History history,
        IReadOnlyDictionary<string, double> settings,
        IReadOnlyDictionary<string, Tensor> best)
    {
        using var scope = NewDisposeScope();
        var state = new List<KeyValuePair<string, Tensor>>();
        foreach (var (key, value) in model.state_dict()) state.Add(new(Model + key, value));
        foreach (var (key, value) in best) state.Add(new(Best + key, value));
        var moments = optimizer.state_dict().State.Cast<Adam.State>().ToList();
        for (var i = 0; i < moments.Count; i++)
        {
            state.Add(new($"{Optimizer}state.{i}.step", tensor((float)moments[i].step)));
            state.Add(new($"{Optimizer}state.{i}.exp_avg", moments[i].exp_avg));
            state.Add(new($"{Optimizer}state.{i}.exp_avg_sq", moments[i].exp_avg_sq));
        }
        state.Add(new(LearningRate, tensor(optimizer.ParamGroups.First().LearningRate)));
        state.Add(new(Rng, get_rng_state()));
        state.Add(new(StepLosses, tensor(history.StepLosses.ToArray())));
        state.Add(new(Epochs, tensor(history.Epochs.SelectMany(Row).ToArray(), [history.Epochs.Count, EpochColumns])));
        foreach (var (key, value) in settings) state.Add(new(Settings + key, tensor(value)));
        PtFile.Save(state, path);
    }

    /// <summary>
    /// Restores model, optimizer, generator and the best weights from <paramref name="path"/> and
    /// returns the history to continue. Every entry is checked first (<see cref="CheckpointEntries"/>),
    /// so a file from another model, or a damaged or hostile one, fails naming the entry and
    /// changes nothing.
    /// </summary>
    /// <param name="batchesPerEpoch">The run's batches per epoch, which the step losses must match.</param>
    public static History Load(string path, nn.Module model, Adam optimizer, BestWeights best, int batchesPerEpoch)
    {
        using var scope = NewDisposeScope();
        var state = PtFile.Load(path);
        if (!state.ContainsKey(Rng) || !state.ContainsKey(Epochs))
            throw new InvalidDataException($"{path}: not a TorchLab checkpoint (no '{Rng}' or '{Epochs}' entry); " +
                $"model.pt holds weights only");
        // The weights first: another model's checkpoint fails on them, not on its history's length.
        var weights = Prefixed(state, Model);
        var bestWeights = Prefixed(state, Best);
        CheckFits(path, model, weights, Model);
        CheckFits(path, model, bestWeights, Best);
        var settings = CheckpointEntries.ReadSettings(path, state);
        var history = ReadHistory(path, state, settings, batchesPerEpoch);
        var rng = ReadRngState(path, state);
        var learningRate = ReadLearningRate(path, state, settings);
        var saved = optimizer.state_dict();
        var moments = saved.State.Cast<Adam.State>().ToList();
        var restored = moments.Select((m, i) => ReadMoments(path, state, i, m.exp_avg,
            history.StepLosses.Count)).ToList();

        using (no_grad())
        {
            foreach (var (key, value) in model.state_dict()) value.copy_(weights[key]);
            for (var i = 0; i < moments.Count; i++)
            {
                moments[i].step = restored[i].step;
                moments[i].exp_avg.copy_(restored[i].expAvg);
                moments[i].exp_avg_sq.copy_(restored[i].expAvgSq);
            }
        }
        optimizer.load_state_dict(saved);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
        set_rng_state(rng);
        best.Restore(history, bestWeights);
        return history;
    }

    /// <summary>
    /// The settings the checkpoint's run used, each within the command line's limits
    /// (<see cref="SettingRange"/>), and how many epochs it finished (its history checked too); the
    /// checkpoint must be a <paramref name="recipe"/> model's, or it is refused naming whose it is.
    /// </summary>
    public static (IReadOnlyDictionary<string, double> settings, int epochsDone) ReadSettings(string path,
        ModelRecipe recipe)
    {
        using var scope = NewDisposeScope();
        var state = PtFile.Load(path);
        if (!state.ContainsKey(Epochs))
            throw new InvalidDataException($"{path}: not a TorchLab checkpoint (no '{Epochs}' entry); " +
                $"model.pt holds weights only");
        CheckpointOwner.Check(path, state, recipe);
        var settings = CheckpointEntries.ReadSettings(path, state);
        return (settings, ReadHistory(path, state, settings).Epochs.Count);
    }

    /// <summary>
    /// Copies <paramref name="weights"/> into <paramref name="model"/>; keys or shapes that do
    /// not match are an error naming them, and the model is left unchanged.
    /// </summary>
    public static void LoadModel(string path, nn.Module model, IReadOnlyDictionary<string, Tensor> weights)
    {
        CheckFits(path, model, weights, "");
        using var noGrad = no_grad();
        foreach (var (key, value) in model.state_dict()) value.copy_(weights[key]);
    }

    // Keys, shapes, dtypes and finite values; prefix is the weights' prefix in the file, for messages.
    private static void CheckFits(string path, nn.Module model, IReadOnlyDictionary<string,
        Tensor> weights, string prefix)
    {
        var own = model.state_dict();
        var missing = own.Keys.Except(weights.Keys).ToList();
        var unexpected = weights.Keys.Except(own.Keys).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new InvalidDataException($"{path}: the {(prefix == Best ? "best epoch's " : "")}weights do " +
                $"not fit {model.GetName()}: " +
                string.Join("; ", new[] { Keys("missing", missing), Keys("unexpected",
                    unexpected) }.Where(s => s.Length > 0)));
        foreach (var (key, value) in own)
            if (!value.shape.SequenceEqual(weights[key].shape))
                throw new InvalidDataException($"{path}: '{prefix}{key}' has shape " +
                    $"[{string.Join(", ", weights[key].shape)}] but {model.GetName()} needs " +
                        $"[{string.Join(", ", value.shape)}]");
        CheckValues(path, prefix, own, weights);
    }

    private static Dictionary<string, Tensor> Prefixed(IReadOnlyDictionary<string, Tensor> state, string prefix) =>
        state.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv =>
            kv.Key[prefix.Length..], kv => kv.Value);

    private static string Keys(string kind, List<string> keys)
    {
        if (keys.Count == 0) return "";
        var more = keys.Count > 5 ? $" and {keys.Count - 5} more" : "";
        return $"{kind} {string.Join(", ", keys.Take(5).Select(k => $"'{Excerpt.Of(k)}'"))}{more}";
    }

    private static double[] Row(EpochRecord e) =>
        [e.Epoch, e.TrainLoss, e.TrainAccuracy, e.ValidLoss, e.ValidAccuracy, e.LearningRate, e.Seconds];
}
