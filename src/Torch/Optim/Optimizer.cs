using TorchLab.Torch.Modules;
using TorchLab.Torch.Native;

namespace TorchLab.Torch.Optim;

/// <summary>
/// What SGD, Adam and AdamW share, as in PyTorch's <c>torch.optim.Optimizer</c> with one
/// parameter group: the parameters, the learning rate (which schedulers change), gradient
/// resets, and a flat state dict for checkpoints.
/// </summary>
/// <remarks>
/// Per-parameter state (momentum buffers, moments) is created on a parameter's first step with a
/// gradient, lives outside every dispose scope, and is freed by <see cref="Dispose"/>.
/// The state dict mirrors PyTorch's nesting with dotted keys: <c>state.{i}.{name}</c> per
/// parameter that has state, then <c>param_groups.0.{hyper-parameter}</c> as tensors, so a whole
/// checkpoint is one str→tensor dict for <see cref="torch.save"/>.
/// </remarks>
public abstract class Optimizer : IDisposable
{
    private const string Group = "param_groups.0.";
    private readonly Parameter[] parameters;
    private readonly (string Name, bool Required)[] stateNames;
    private readonly torch.Tensor?[][] slots;
    private readonly double[]? steps;
    private double learningRate;

    /// <param name="parameters">What to optimize.</param>
    /// <param name="lr">The learning rate.</param>
    /// <param name="countsSteps">Whether each parameter's state starts with a step count (Adam's <c>step</c>).</param>
    /// <param name="stateNames">The per-parameter state tensors, in PyTorch's order; required ones must all be present in a loaded parameter state.</param>
    private protected Optimizer(IEnumerable<Parameter> parameters, double lr, bool countsSteps, params (string Name, bool Required)[] stateNames)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.parameters = parameters.ToArray();
        if (this.parameters.Length == 0)
            throw new ArgumentException($"{GetType().Name}: the optimizer got an empty parameter list", nameof(parameters));
        if (this.parameters.Distinct(ReferenceEqualityComparer.Instance).Count() != this.parameters.Length)
            throw new ArgumentException($"{GetType().Name}: some parameters appear more than once", nameof(parameters));
        LearningRate = lr;
        this.stateNames = stateNames;
        slots = stateNames.Select(_ => new torch.Tensor?[this.parameters.Length]).ToArray();
        steps = countsSteps ? new double[this.parameters.Length] : null;
    }

    /// <summary>The parameters this optimizer updates, in the order their state is numbered.</summary>
    public IReadOnlyList<Parameter> Parameters => parameters;

    /// <summary>The learning rate the next <see cref="step"/> uses (PyTorch's <c>param_groups[0]["lr"]</c>).</summary>
    public double LearningRate
    {
        get => learningRate;
        set
        {
            if (!(value >= 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), value, $"{GetType().Name}: invalid learning rate");
            learningRate = value;
        }
    }

    /// <summary>
    /// Resets every parameter's gradient: zeroes it in place, or with <paramref name="set_to_none"/>
    /// drops it (less memory, and <see cref="step"/> then skips parameters that get no new gradient).
    /// The default, false, is PyTorch 1.13's.
    /// </summary>
    public unsafe void zero_grad(bool set_to_none = false)
    {
        using var pointers = new TensorPointers(parameters);
        fixed (IntPtr* p = pointers.Pointers)
            LibTorch.Check(LibTorch.tl_zero_grad(p, parameters.Length, set_to_none ? 1 : 0));
    }

    /// <summary>Updates every parameter that has a gradient; parameters without one are skipped.</summary>
    public abstract void step();

    /// <summary>A snapshot (copies) of the state and hyper-parameters, keyed as described on <see cref="Optimizer"/>.</summary>
    public OrderedDictionary<string, torch.Tensor> state_dict()
    {
        var dict = new OrderedDictionary<string, torch.Tensor>();
        for (var i = 0; i < parameters.Length; i++)
        {
            // PyTorch keeps the step as a float32 scalar; a parameter with no state has none.
            if (steps is not null && steps[i] > 0)
                dict.Add($"state.{i}.step", torch.tensor((float)steps[i]));
            for (var s = 0; s < stateNames.Length; s++)
                if (slots[s][i] is { } tensor)
                    dict.Add($"state.{i}.{stateNames[s].Name}", tensor.clone());
        }
        dict.Add(Group + "lr", torch.tensor(LearningRate));
        WriteHyperparameters(Group, dict);
        dict.Add(Group + "params", torch.arange(parameters.Length));
        return dict;
    }

    /// <summary>
    /// Restores a dict from <see cref="state_dict"/> (copying it), so training resumes exactly.
    /// Hyper-parameters are restored too, as in PyTorch. Throws <see cref="ArgumentException"/>
    /// naming the key when an entry is missing, misshapen or unexpected; then nothing changes.
    /// </summary>
    public void load_state_dict(IReadOnlyDictionary<string, torch.Tensor> state_dict)
    {
        ArgumentNullException.ThrowIfNull(state_dict);
        var reader = new StateDictReader(state_dict, GetType().Name);
        var count = reader.Tensor(Group + "params").numel();
        if (count != parameters.Length)
            throw reader.Error($"the state dict is for {count} parameters but this optimizer has {parameters.Length}");
        var loaded = slots.Select(_ => new torch.Tensor?[parameters.Length]).ToArray();
        var loadedSteps = new double[parameters.Length];
        try
        {
            var lr = reader.Number(Group + "lr");
            var commitHyperparameters = ReadHyperparameters(Group, reader);
            for (var i = 0; i < parameters.Length; i++)
                ReadParameterState(reader, i, loaded, loadedSteps);
            reader.ThrowOnUnusedKeys();
            LearningRate = lr;
            commitHyperparameters();
        }
        catch
        {
            foreach (var tensor in loaded.SelectMany(t => t)) tensor?.Dispose();
            throw;
        }
        DisposeState();
        for (var s = 0; s < slots.Length; s++) Array.Copy(loaded[s], slots[s], parameters.Length);
        if (steps is not null) Array.Copy(loadedSteps, steps, parameters.Length);
    }

    /// <summary>Frees the optimizer's state tensors (not the parameters).</summary>
    public void Dispose()
    {
        DisposeState();
        GC.SuppressFinalize(this);
    }

    /// <summary>One state kind's slot per parameter, in the order given to the constructor.</summary>
    private protected torch.Tensor?[] Slots(int stateIndex) => slots[stateIndex];

    /// <summary>Each parameter's step count (null unless the optimizer counts steps); the native step advances it.</summary>
    private protected double[] Steps => steps ?? throw new InvalidOperationException($"{GetType().Name} does not count steps");

    private protected abstract void WriteHyperparameters(string prefix, OrderedDictionary<string, torch.Tensor> into);

    /// <summary>Reads and checks the hyper-parameters, returning the action that applies them.</summary>
    private protected abstract Action ReadHyperparameters(string prefix, StateDictReader reader);

    private void ReadParameterState(StateDictReader reader, int i, torch.Tensor?[][] loaded, double[] loadedSteps)
    {
        var prefix = $"state.{i}.";
        if (!reader.HasPrefix(prefix)) return;  // no state yet: created lazily, as on a fresh start
        if (steps is not null)
        {
            loadedSteps[i] = reader.Number(prefix + "step");
            if (!(loadedSteps[i] >= 1) || loadedSteps[i] != Math.Floor(loadedSteps[i]))
                throw reader.Error($"'{prefix}step' should be a positive whole number but is {loadedSteps[i]}");
        }
        for (var s = 0; s < stateNames.Length; s++)
        {
            var key = prefix + stateNames[s].Name;
            if (stateNames[s].Required || reader.Has(key))
                loaded[s][i] = reader.CopyLike(key, parameters[i]);
        }
    }

    private void DisposeState()
    {
        foreach (var kind in slots)
            for (var i = 0; i < kind.Length; i++)
            {
                kind[i]?.Dispose();
                kind[i] = null;
            }
    }
}
