namespace TorchLab.Torch.Optim;

/// <summary>
/// Changes an optimizer's learning rate once per <see cref="step"/> (call it after the
/// optimizer's step, usually once per epoch), as PyTorch 1.13's <c>_LRScheduler</c> does:
/// constructing a scheduler takes the first step (epoch 0), and each schedule is computed from
/// the optimizer's current rate, so schedules chain.
/// </summary>
public abstract class LRScheduler
{
    private double lastLr;

    private protected LRScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        BaseLr = optimizer.LearningRate;
    }

    /// <summary>The optimizer whose learning rate this schedules.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The learning rate the schedule started from (PyTorch's <c>base_lrs[0]</c>).</summary>
    public double BaseLr { get; private set; }

    /// <summary>The index of the last epoch stepped (0 right after construction).</summary>
    public int last_epoch { get; private set; } = -1;

    /// <summary>Steps taken, counting the one at construction (PyTorch's <c>_step_count</c>).</summary>
    private protected int StepCount { get; private set; }

    /// <summary>Advances one epoch and sets the optimizer's learning rate for it.</summary>
    public void step()
    {
        StepCount++;
        last_epoch++;
        Optimizer.LearningRate = ComputeLearningRate(Optimizer.LearningRate);
        lastLr = Optimizer.LearningRate;
    }

    /// <summary>The learning rate the last <see cref="step"/> set, one per parameter group (there is one group).</summary>
    public IReadOnlyList<double> get_last_lr() => new[] { lastLr };

    /// <summary>The progress to save with a checkpoint: <c>last_epoch</c>, <c>_step_count</c>, <c>base_lrs.0</c>, <c>_last_lr.0</c>.</summary>
    public OrderedDictionary<string, torch.Tensor> state_dict() => new()
    {
        ["last_epoch"] = torch.tensor((long)last_epoch),
        ["_step_count"] = torch.tensor((long)StepCount),
        ["base_lrs.0"] = torch.tensor(BaseLr),
        ["_last_lr.0"] = torch.tensor(lastLr),
    };

    /// <summary>Restores progress saved by <see cref="state_dict"/>; the optimizer's own state dict restores its learning rate.</summary>
    public void load_state_dict(IReadOnlyDictionary<string, torch.Tensor> state_dict)
    {
        ArgumentNullException.ThrowIfNull(state_dict);
        var reader = new StateDictReader(state_dict, GetType().Name);
        var (epoch, count) = (reader.Number("last_epoch"), reader.Number("_step_count"));
        var (baseLr, last) = (reader.Number("base_lrs.0"), reader.Number("_last_lr.0"));
        reader.ThrowOnUnusedKeys();
        (last_epoch, StepCount, BaseLr, lastLr) = ((int)epoch, (int)count, baseLr, last);
    }

    /// <summary>The learning rate for <see cref="last_epoch"/>, given the rate in force (PyTorch's <c>get_lr</c>).</summary>
    private protected abstract double ComputeLearningRate(double current);
}
