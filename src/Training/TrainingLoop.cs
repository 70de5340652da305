using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Training;

/// <summary>
/// One epoch: train loss and accuracy are means over the epoch's batches (weighted by batch
/// size, taken during the updates, dropout on); valid ones come from a pass over the validation
/// set after the epoch. LearningRate is the rate the epoch trained with.
/// </summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double TrainAccuracy, double ValidLoss, double ValidAccuracy,
    double LearningRate, double Seconds);

/// <summary>Every step's loss and every epoch's record; a resumed run passes it back to continue.</summary>
public sealed class History
{
    public List<double> StepLosses { get; } = [];
    public List<EpochRecord> Epochs { get; } = [];

    /// <summary>Why training ended before its last epoch (cancelled, stopped early), or null.</summary>
    public string? StoppedReason { get; set; }
}

public sealed class TrainingDivergedException(int epoch, int step, double loss)
    : Exception($"training diverged: the loss is {loss} at epoch {epoch}, step {step}; lower the learning rate (--lr) or check the data");

/// <summary>
/// The lab's one training loop: per batch zero_grad → forward → loss → backward → step, then a
/// validation pass per epoch. It prints and saves nothing; progress, checkpoints, schedules and
/// early stopping hook in through <c>onStep</c> and <c>onEpoch</c>.
/// </summary>
public static class TrainingLoop
{
    /// <summary>
    /// Trains until <paramref name="history"/> holds <paramref name="epochs"/> epochs (so a resumed
    /// run continues where it stopped). <paramref name="train"/> is enumerated once per epoch and
    /// its batch tensors are disposed after their step. <paramref name="onEpoch"/> returning false
    /// stops after that epoch; cancellation stops between steps and drops the unfinished epoch.
    /// </summary>
    public static History Fit(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer,
        IEnumerable<(Tensor x, Tensor y)> train, IEnumerable<(Tensor x, Tensor y)> valid, int epochs,
        History? history = null, Func<EpochRecord, bool>? onEpoch = null, Action<int, int, double>? onStep = null,
        CancellationToken cancel = default)
    {
        history ??= new History();
        for (var epoch = history.Epochs.Count + 1; epoch <= epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var learningRate = optimizer.ParamGroups.First().LearningRate;
            model.train();
            var (lossSum, correct, count, step) = (0.0, 0L, 0L, 0);
            foreach (var (x, y) in train)
            {
                using (x)
                using (y)
                using (NewDisposeScope())   // frees the step's temporaries now, not when the GC gets round to them
                {
                    optimizer.zero_grad();
                    var logits = model.call(x);                       // (B, classes)
                    var loss = F.cross_entropy(logits, y);
                    var value = loss.item<float>();
                    // Checked before the step, so the NaN never reaches the weights.
                    if (!float.IsFinite(value)) throw new TrainingDivergedException(epoch, step + 1, value);
                    loss.backward();
                    optimizer.step();
                    (lossSum, correct, count) = (lossSum + (double)value * y.shape[0], correct + Correct(logits, y), count + y.shape[0]);
                    history.StepLosses.Add(value);
                    onStep?.Invoke(epoch, ++step, value);
                }
                if (cancel.IsCancellationRequested)
                {
                    history.StoppedReason = $"cancelled during epoch {epoch}";
                    return history;
                }
            }
            var (validLoss, validAccuracy) = Evaluate(model, valid);
            // Each step leaves small managed wrappers whose native memory waits for the finalizer;
            // without a collection now and then resident memory climbs (docs/performance.md).
            GC.Collect(0);
            var record = new EpochRecord(epoch, lossSum / count, (double)correct / count, validLoss, validAccuracy, learningRate,
                clock.Elapsed.TotalSeconds);
            history.Epochs.Add(record);
            if (onEpoch?.Invoke(record) == false)
            {
                history.StoppedReason = $"stopped after epoch {epoch}";
                break;
            }
        }
        return history;
    }

    /// <summary>Mean cross-entropy (weighted by batch size) and accuracy, in eval mode, without autograd.</summary>
    public static (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, IEnumerable<(Tensor x, Tensor y)> batches)
    {
        model.eval();
        using var inference = inference_mode();
        var (lossSum, correct, count) = (0.0, 0L, 0L);
        foreach (var (x, y) in batches)
        {
            using (x)
            using (y)
            using (NewDisposeScope())
            {
                var logits = model.call(x);
                (lossSum, correct, count) = (lossSum + (double)F.cross_entropy(logits, y).item<float>() * y.shape[0],
                    correct + Correct(logits, y), count + y.shape[0]);
            }
        }
        return (lossSum / count, (double)correct / count);
    }

    private static long Correct(Tensor logits, Tensor labels) => logits.argmax(1).eq(labels).sum().item<long>();
}
