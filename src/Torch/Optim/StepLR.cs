namespace TorchLab.Torch.Optim;

/// <summary>Multiplies the learning rate by <see cref="Gamma"/> every <see cref="StepSize"/> epochs (PyTorch's <c>StepLR</c>).</summary>
public sealed class StepLR : LRScheduler
{
    internal StepLR(Optimizer optimizer, int step_size, double gamma) : base(optimizer)
    {
        if (step_size < 1) throw new ArgumentOutOfRangeException(nameof(step_size), step_size, "StepLR: step_size must be at least 1");
        (StepSize, Gamma) = (step_size, gamma);
        step();
    }

    /// <summary>Epochs between decays.</summary>
    public int StepSize { get; }

    /// <summary>The factor applied at each decay.</summary>
    public double Gamma { get; }

    private protected override double ComputeLearningRate(double current) =>
        last_epoch == 0 || last_epoch % StepSize != 0 ? current : current * Gamma;
}
