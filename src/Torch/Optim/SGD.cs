using TorchLab.Torch.Modules;
using TorchLab.Torch.Native;

namespace TorchLab.Torch.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2
/// weight decay: PyTorch 1.13's <c>torch.optim.SGD</c>. With momentum, the buffer starts as a
/// copy of the first (decayed) gradient, then <c>buf = momentum·buf + (1 − dampening)·g</c>.
/// </summary>
public sealed class SGD : Optimizer
{
    private const int MomentumBuffer = 0;

    internal SGD(IEnumerable<Parameter> parameters, double lr, double momentum, double dampening, double weight_decay, bool nesterov)
        : base(parameters, lr, countsSteps: false, ("momentum_buffer", false))
    {
        if (!(momentum >= 0)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "SGD: invalid momentum value");
        if (!(weight_decay >= 0)) throw new ArgumentOutOfRangeException(nameof(weight_decay), weight_decay, "SGD: invalid weight_decay value");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("SGD: Nesterov momentum requires a momentum and zero dampening", nameof(nesterov));
        (Momentum, Dampening, WeightDecay, Nesterov) = (momentum, dampening, weight_decay, nesterov);
    }

    /// <summary>The momentum factor (0: plain SGD).</summary>
    public double Momentum { get; private set; }

    /// <summary>How much of each new gradient the momentum buffer leaves out.</summary>
    public double Dampening { get; private set; }

    /// <summary>The L2 penalty added to each gradient.</summary>
    public double WeightDecay { get; private set; }

    /// <summary>Whether to use Nesterov momentum.</summary>
    public bool Nesterov { get; private set; }

    /// <inheritdoc/>
    public override unsafe void step()
    {
        var buffers = Slots(MomentumBuffer);
        using var parameters = new TensorPointers(Parameters);
        using var state = new TensorPointers(buffers);
        int status;
        fixed (IntPtr* p = parameters.Pointers, b = state.Pointers)
            status = LibTorch.tl_sgd_step(p, b, buffers.Length, LearningRate, Momentum, Dampening, WeightDecay, Nesterov ? 1 : 0);
        state.AdoptNew(buffers);
        LibTorch.Check(status);
    }

    private protected override void WriteHyperparameters(string prefix, OrderedDictionary<string, torch.Tensor> into)
    {
        into.Add(prefix + "momentum", torch.tensor(Momentum));
        into.Add(prefix + "dampening", torch.tensor(Dampening));
        into.Add(prefix + "weight_decay", torch.tensor(WeightDecay));
        into.Add(prefix + "nesterov", torch.tensor(new[] { Nesterov }, Array.Empty<long>()));
    }

    private protected override Action ReadHyperparameters(string prefix, StateDictReader reader)
    {
        var (momentum, dampening) = (reader.Number(prefix + "momentum"), reader.Number(prefix + "dampening"));
        var (weightDecay, nesterov) = (reader.Number(prefix + "weight_decay"), reader.Flag(prefix + "nesterov"));
        return () => (Momentum, Dampening, WeightDecay, Nesterov) = (momentum, dampening, weightDecay, nesterov);
    }
}
