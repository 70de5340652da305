using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchLab.Training;

/// <summary>
/// TorchSharp's Adam with a leaner step: PyTorch 1.13's single-tensor Adam update, op for op
/// (so the numbers are PyTorch's), run once over all parameters held in one flat tensor
/// (<see cref="FlatAdamBuffers"/>), else per parameter, with every scalar created once and
/// disposed, not left to the finalizer; and a <see cref="zero_grad"/> that drops the gradients
/// instead of zeroing them. Weight decay, AMSGrad and maximize take TorchSharp's own step. The
/// state (step, exp_avg, exp_avg_sq) is TorchSharp's, so checkpoints and <c>state_dict</c> are
/// unchanged.
/// </summary>
/// <remarks>
/// Why: TorchSharp's step converts each double to a native Scalar implicitly, several per
/// parameter per step, and only the garbage collector frees them. Those small blocks, scattered
/// between the large activations freed each step, keep glibc's heap from shrinking: seq-gru's
/// resident memory grew by ~28 MB an epoch (docs/performance.md).
/// </remarks>
public sealed class LeanAdam : Adam
{
    // The lab's groups share one set of constants; a group with others gets its own.
    private readonly Dictionary<(double beta1, double beta2, double eps), Scalar[]> constants = [];

    // Null unless every parameter is float32 on one device; then the step runs per parameter.
    private readonly FlatAdamBuffers? flat;

    /// <summary>
    /// Adam over <paramref name="parameters"/>, with PyTorch's defaults. When all are float32 on
    /// one device, each becomes a view into one flat tensor (its values and autograd unchanged).
    /// </summary>
    public LeanAdam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
        : base(parameters, lr, beta1, beta2, eps)
    {
        var all = _parameter_groups.SelectMany(g => g.Parameters).ToList();
        if (all.Count > 0 && all.All(p => p.dtype == ScalarType.Float32 && p.device_type == all[0].device_type && p.device_index == all[0].device_index))
            flat = new FlatAdamBuffers(all, States(all));
    }

    private List<State> States(IEnumerable<Parameter> parameters) => parameters.Select(p => (State)_state[p.Handle]).ToList();

    /// <summary>
    /// Drops the gradients rather than zeroing them (PyTorch 2's default, set_to_none): backward
    /// then hands each parameter its gradient buffer instead of adding it to zeros, which is the
    /// same number and one pass less.
    /// </summary>
    public override void zero_grad()
    {
        foreach (var param in _parameter_groups.SelectMany(g => g.Parameters)) param.grad = null;
    }

    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        var groups = _parameter_groups.Cast<Adam.ParamGroup>().ToList();
        if (groups.Any(g => g.Options is not Options { weight_decay: 0, amsgrad: false, maximize: false }))
            return base.step(closure);
        Tensor? loss = null;
        if (closure is not null)
            using (enable_grad())
                loss = closure();
        using var noGrad = no_grad();
        if (flat is not null && groups.Count == 1 && FlatStep(groups[0])) return loss!;
        foreach (var group in groups)
            foreach (var param in group.Parameters)
            {
                using var grad = param.grad;
                if (grad is null) continue;
                var state = (State)_state[param.Handle];
                state.step += 1;
                Update(state.exp_avg, state.exp_avg_sq, param, grad, state.step, group);
            }
        return loss!;
    }

    /// <summary>The whole group's update in one pass over the flat tensors; false (nothing done) when a parameter has no gradient or the step counts differ.</summary>
    private bool FlatStep(ParamGroup group)
    {
        var states = States(group.Parameters);
        if (states.Any(s => s.step != states[0].step)) return false;
        using var scope = NewDisposeScope();
        var gradients = flat!.Gradients();
        if (gradients is null) return false;
        flat.AdoptParameters();
        flat.AdoptMoments(states);
        foreach (var state in states) state.step += 1;
        Update(flat.ExpAvg, flat.ExpAvgSq, flat.Parameters, gradients, states[0].step, group);
        return true;
    }

    // PyTorch 1.13's _single_tensor_adam, op for op.
    private void Update(Tensor expAvg, Tensor expAvgSq, Tensor param, Tensor grad, long step, ParamGroup group)
    {
        var options = (Options)group.Options;
        var (beta1, beta2, lr) = (options.beta1!.Value, options.beta2!.Value, options.LearningRate!.Value);
        var (b1, oneMinusB1, b2, oneMinusB2, eps) = Constants(beta1, beta2, options.eps!.Value);
        var biasCorrection1 = 1 - Math.Pow(beta1, step);
        var biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(beta2, step));
        using Scalar correction = biasCorrection2Sqrt, stepSize = -(lr / biasCorrection1);
        expAvg.mul_(b1).add_(grad, alpha: oneMinusB1);
        expAvgSq.mul_(b2).addcmul_(grad, grad, value: oneMinusB2);   // grad.conj() is grad for real tensors
        using var denom = expAvgSq.sqrt();
        denom.div_(correction).add_(eps);
        param.addcdiv_(expAvg, denom, value: stepSize);
    }

    private (Scalar, Scalar, Scalar, Scalar, Scalar) Constants(double beta1, double beta2, double eps)
    {
        if (!constants.TryGetValue((beta1, beta2, eps), out var c))
            constants[(beta1, beta2, eps)] = c = [beta1.ToScalar(), (1 - beta1).ToScalar(), beta2.ToScalar(), (1 - beta2).ToScalar(), eps.ToScalar()];
        return (c[0], c[1], c[2], c[3], c[4]);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        flat?.Dispose();
        foreach (var scalar in constants.Values.SelectMany(c => c)) scalar.Dispose();
        constants.Clear();
    }
}
