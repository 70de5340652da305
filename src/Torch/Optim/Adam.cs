using TorchLab.Torch.Modules;
using TorchLab.Torch.Native;

namespace TorchLab.Torch.Optim;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015), optionally AMSGrad (Reddi et al., 2018): PyTorch 1.13's
/// <c>torch.optim.Adam</c>. Weight decay here is an L2 term added to the gradient; for
/// decoupled decay use <see cref="AdamW"/>.
/// </summary>
public class Adam : Optimizer
{
    private const int ExpAvg = 0, ExpAvgSq = 1, MaxExpAvgSq = 2;
    private readonly bool decoupled;

    internal Adam(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weight_decay, bool amsgrad)
        : this(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, decoupled: false) { }

    private protected Adam(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps,
        double weight_decay, bool amsgrad, bool decoupled)
        : base(parameters, lr, countsSteps: true, ("exp_avg", true), ("exp_avg_sq", true), ("max_exp_avg_sq", false))
    {
        var name = GetType().Name;
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, $"{name}: invalid epsilon value");
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, $"{name}: invalid beta parameter at index 0");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, $"{name}: invalid beta parameter at index 1");
        if (!(weight_decay >= 0)) throw new ArgumentOutOfRangeException(nameof(weight_decay), weight_decay, $"{name}: invalid weight_decay value");
        this.decoupled = decoupled;
        (Beta1, Beta2, Eps, WeightDecay, AmsGrad) = (beta1, beta2, eps, weight_decay, amsgrad);
    }

    /// <summary>The decay rate of the gradient's running average.</summary>
    public double Beta1 { get; private set; }

    /// <summary>The decay rate of the squared gradient's running average.</summary>
    public double Beta2 { get; private set; }

    /// <summary>Added to the denominator for numerical stability.</summary>
    public double Eps { get; private set; }

    /// <summary>The weight decay factor.</summary>
    public double WeightDecay { get; private set; }

    /// <summary>Whether to normalise by the running maximum of the squared-gradient average (AMSGrad).</summary>
    public bool AmsGrad { get; private set; }

    /// <inheritdoc/>
    public override unsafe void step()
    {
        var (expAvgs, expAvgSqs, maxExpAvgSqs) = (Slots(ExpAvg), Slots(ExpAvgSq), Slots(MaxExpAvgSq));
        using var parameters = new TensorPointers(Parameters);
        using var m = new TensorPointers(expAvgs);
        using var v = new TensorPointers(expAvgSqs);
        using var vMax = new TensorPointers(maxExpAvgSqs);
        int status;
        fixed (IntPtr* p = parameters.Pointers, pm = m.Pointers, pv = v.Pointers, pvMax = vMax.Pointers)
        fixed (double* steps = Steps)
            status = LibTorch.tl_adam_step(p, pm, pv, pvMax, steps, expAvgs.Length, LearningRate, Beta1, Beta2, Eps,
                WeightDecay, AmsGrad ? 1 : 0, decoupled ? 1 : 0);
        m.AdoptNew(expAvgs);
        v.AdoptNew(expAvgSqs);
        vMax.AdoptNew(maxExpAvgSqs);
        LibTorch.Check(status);
    }

    private protected override void WriteHyperparameters(string prefix, OrderedDictionary<string, torch.Tensor> into)
    {
        into.Add(prefix + "betas", torch.tensor(new[] { Beta1, Beta2 }));
        into.Add(prefix + "eps", torch.tensor(Eps));
        into.Add(prefix + "weight_decay", torch.tensor(WeightDecay));
        into.Add(prefix + "amsgrad", torch.tensor(new[] { AmsGrad }, Array.Empty<long>()));
    }

    private protected override Action ReadHyperparameters(string prefix, StateDictReader reader)
    {
        var betas = reader.Numbers(prefix + "betas", 2);
        var (eps, weightDecay, amsgrad) = (reader.Number(prefix + "eps"), reader.Number(prefix + "weight_decay"), reader.Flag(prefix + "amsgrad"));
        return () => (Beta1, Beta2, Eps, WeightDecay, AmsGrad) = (betas[0], betas[1], eps, weightDecay, amsgrad);
    }
}
