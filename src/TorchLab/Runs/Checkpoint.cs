using TorchLab.Serialization;
using TorchLab.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchLab.Runs;

/// <summary>
/// Everything a run needs to continue exactly where it stopped, in one PyTorch-format file
/// (a flat name → tensor dict that Python's <c>torch.load</c> opens): the model's state dict,
/// Adam's moments and step counts under PyTorch's own names, the learning rate, the global
/// generator's state, the history so far, and the best validation epoch's weights.
/// </summary>
public static class Checkpoint
{
    private const string Model = "model.", Best = "best_model.", Optimizer = "optimizer.", Rng = "rng_state", Epochs = "history.epochs",
        StepLosses = "history.step_losses", LearningRate = "optimizer.param_groups.0.lr", Settings = "settings.";

    /// <summary>
    /// Writes the checkpoint atomically, with the run's <paramref name="settings"/> (name → number)
    /// so a resumed run can refuse conflicting ones, and the <paramref name="best"/> epoch's weights.
    /// </summary>
    public static void Save(string path, nn.Module model, Adam optimizer, History history, IReadOnlyDictionary<string, double> settings,
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
        state.Add(new(Epochs, tensor(history.Epochs.SelectMany(Row).ToArray(), [history.Epochs.Count, 7])));
        foreach (var (key, value) in settings) state.Add(new(Settings + key, tensor(value)));
        PtFile.Save(state, path);
    }

    /// <summary>
    /// Restores model, optimizer, generator and the best weights from <paramref name="path"/> and
    /// returns the history to continue; a file from another model fails with the mismatching keys.
    /// </summary>
    public static History Load(string path, nn.Module model, Adam optimizer, BestWeights best)
    {
        using var scope = NewDisposeScope();
        var state = PtFile.Load(path);
        if (!state.ContainsKey(Rng) || !state.ContainsKey(Epochs))
            throw new InvalidDataException($"{path}: not a TorchLab checkpoint (no '{Rng}' or '{Epochs}' entry); model.pt holds weights only");
        var bestWeights = state.Where(kv => kv.Key.StartsWith(Best, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[Best.Length..], kv => kv.Value);
        CheckFits(path, model, bestWeights);
        LoadModel(path, model, state.Where(kv => kv.Key.StartsWith(Model, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[Model.Length..], kv => kv.Value));

        var saved = optimizer.state_dict();
        var moments = saved.State.Cast<Adam.State>().ToList();
        using (no_grad())
        {
            for (var i = 0; i < moments.Count; i++)
            {
                moments[i].step = (long)Entry(path, state, $"{Optimizer}state.{i}.step").item<float>();
                moments[i].exp_avg.copy_(Entry(path, state, $"{Optimizer}state.{i}.exp_avg"));
                moments[i].exp_avg_sq.copy_(Entry(path, state, $"{Optimizer}state.{i}.exp_avg_sq"));
            }
        }
        optimizer.load_state_dict(saved);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = Entry(path, state, LearningRate).item<double>();
        set_rng_state(state[Rng]);

        var history = new History();
        history.StepLosses.AddRange(state[StepLosses].data<double>().ToArray());
        var rows = state[Epochs].data<double>().ToArray();
        for (var i = 0; i + 7 <= rows.Length; i += 7)
            history.Epochs.Add(new EpochRecord((int)rows[i], rows[i + 1], rows[i + 2], rows[i + 3], rows[i + 4], rows[i + 5], rows[i + 6]));
        best.Restore(history, bestWeights);
        return history;
    }

    /// <summary>The settings the checkpoint's run used, and how many epochs it finished.</summary>
    public static (IReadOnlyDictionary<string, double> settings, int epochsDone) ReadSettings(string path)
    {
        using var scope = NewDisposeScope();
        var state = PtFile.Load(path);
        if (!state.TryGetValue(Epochs, out var epochs))
            throw new InvalidDataException($"{path}: not a TorchLab checkpoint (no '{Epochs}' entry); model.pt holds weights only");
        var settings = state.Where(kv => kv.Key.StartsWith(Settings, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[Settings.Length..], kv => kv.Value.to_type(ScalarType.Float64).item<double>());
        return (settings, (int)epochs.shape[0]);
    }

    /// <summary>
    /// Copies <paramref name="weights"/> into <paramref name="model"/>; keys or shapes that do
    /// not match are an error naming them, and the model is left unchanged.
    /// </summary>
    public static void LoadModel(string path, nn.Module model, IReadOnlyDictionary<string, Tensor> weights)
    {
        CheckFits(path, model, weights);
        using var noGrad = no_grad();
        foreach (var (key, value) in model.state_dict()) value.copy_(weights[key]);
    }

    private static void CheckFits(string path, nn.Module model, IReadOnlyDictionary<string, Tensor> weights)
    {
        var own = model.state_dict();
        var missing = own.Keys.Except(weights.Keys).ToList();
        var unexpected = weights.Keys.Except(own.Keys).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new InvalidDataException($"{path}: the weights do not fit {model.GetName()}: " +
                string.Join("; ", new[] { Keys("missing", missing), Keys("unexpected", unexpected) }.Where(s => s.Length > 0)));
        foreach (var (key, value) in own)
            if (!value.shape.SequenceEqual(weights[key].shape))
                throw new InvalidDataException($"{path}: '{key}' has shape [{string.Join(", ", weights[key].shape)}] but {model.GetName()} needs [{string.Join(", ", value.shape)}]");
    }

    private static string Keys(string kind, List<string> keys) =>
        keys.Count == 0 ? "" : $"{kind} {string.Join(", ", keys.Take(5).Select(k => $"'{k}'"))}{(keys.Count > 5 ? $" and {keys.Count - 5} more" : "")}";

    private static Tensor Entry(string path, IReadOnlyDictionary<string, Tensor> state, string key) =>
        state.TryGetValue(key, out var value) ? value : throw new InvalidDataException($"{path}: the checkpoint has no '{key}' (saved for another model or optimizer?)");

    private static double[] Row(EpochRecord e) =>
        [e.Epoch, e.TrainLoss, e.TrainAccuracy, e.ValidLoss, e.ValidAccuracy, e.LearningRate, e.Seconds];
}
