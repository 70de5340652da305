namespace TorchLab.Torch.Optim;

/// <summary>
/// Anneals the learning rate from its base value to <see cref="EtaMin"/> along half a cosine
/// over <see cref="TMax"/> epochs, then back up (SGDR without restarts, Loshchilov &amp; Hutter
/// 2017): PyTorch 1.13's <c>CosineAnnealingLR</c>.
/// </summary>
/// <remarks>
/// Like PyTorch, each step scales the current rate by the ratio of consecutive cosine terms
/// (the recursive, chainable form) instead of evaluating the closed form; the two differ in the
/// last bits, and this one reproduces PyTorch's numbers.
/// </remarks>
public sealed class CosineAnnealingLR : LRScheduler
{
    internal CosineAnnealingLR(Optimizer optimizer, int T_max, double eta_min) : base(optimizer)
    {
        if (T_max < 1) throw new ArgumentOutOfRangeException(nameof(T_max), T_max, "CosineAnnealingLR: T_max must be at least 1");
        (TMax, EtaMin) = (T_max, eta_min);
        step();
    }

    /// <summary>Epochs from the base rate down to the minimum.</summary>
    public int TMax { get; }

    /// <summary>The minimum learning rate.</summary>
    public double EtaMin { get; }

    private protected override double ComputeLearningRate(double current)
    {
        var (epoch, tMax) = ((double)last_epoch, (double)TMax);
        if (last_epoch == 0) return current;
        if (StepCount == 1 && last_epoch > 0)
            return EtaMin + (BaseLr - EtaMin) * (1 + Math.Cos(epoch * Math.PI / tMax)) / 2;
        // Python's % is a floored modulo; the argument is negative for the first epochs.
        var period = 2 * TMax;
        if (((last_epoch - 1 - TMax) % period + period) % period == 0)
            return current + (BaseLr - EtaMin) * (1 - Math.Cos(Math.PI / tMax)) / 2;
        return (1 + Math.Cos(Math.PI * epoch / tMax)) / (1 + Math.Cos(Math.PI * (epoch - 1) / tMax)) * (current - EtaMin) + EtaMin;
    }
}
