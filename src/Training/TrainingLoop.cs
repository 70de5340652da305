using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Training;

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
        History? history = null, Func<EpochRecord, bool>? onEpoch = null,
        Action<int, int, double>? onStep = null, CancellationToken cancel = default)
    {
        history ??= new History();
        for (var epoch = history.Epochs.Count + 1; epoch <= epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var learningRate = optimizer.ParamGroups.First().LearningRate;
            model.train();
            var lossSum = 0.0;
            var correct = 0L;
            var count = 0L;
            var step = 0;
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
                    ThrowIfDiverged(value, epoch, step + 1);
                    loss.backward();
                    optimizer.step();
                    lossSum += (double)value * y.shape[0];
                    correct += Correct(logits, y);
                    count += y.shape[0];
                    history.StepLosses.Add(value);
                    onStep?.Invoke(epoch, ++step, value);
                }
                if (cancel.IsCancellationRequested) return Cancelled(history, epoch);
            }
            var (validLoss, validAccuracy) = Evaluate(model, valid);
            FreeFinishedSteps();
            var record = new EpochRecord(epoch, lossSum / count, (double)correct / count, validLoss, validAccuracy,
                learningRate, clock.Elapsed.TotalSeconds);
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
    public static (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model,
        IEnumerable<(Tensor x, Tensor y)> batches)
    {
        model.eval();
        using var inference = inference_mode();
        var lossSum = 0.0;
        var correct = 0L;
        var count = 0L;
        foreach (var (x, y) in batches)
        {
            using (x)
            using (y)
            using (NewDisposeScope())
            {
                var logits = model.call(x);                           // (B, classes)
                lossSum += (double)F.cross_entropy(logits, y).item<float>() * y.shape[0];
                correct += Correct(logits, y);
                count += y.shape[0];
            }
        }
        return (lossSum / count, (double)correct / count);
    }

    private static long Correct(Tensor logits, Tensor labels) => logits.argmax(1).eq(labels).sum().item<long>();

    // Checked before the step, so a NaN never reaches the weights.
    private static void ThrowIfDiverged(float loss, int epoch, int step)
    {
        if (!float.IsFinite(loss)) throw new TrainingDivergedException(epoch, step, loss);
    }

    private static History Cancelled(History history, int epoch)
    {
        history.StoppedReason = $"cancelled during epoch {epoch}";
        return history;
    }

    // Each step leaves small managed wrappers whose native memory waits for the finalizer; the GC
    // seldom runs by itself, so without a collection now and then resident memory climbs
    // (docs/performance.md).
    private static void FreeFinishedSteps() => GC.Collect(0);
}
