using System.Diagnostics;
using TorchSharp;
using TorchLab.Training.Data;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Training;

/// <summary>The one training loop every model in the lab uses.</summary>
public static class TrainingLoop
{
    /// <summary>
    /// Trains <paramref name="model"/> with cross-entropy: per batch zero_grad → forward → loss →
    /// backward → step; per epoch a validation pass. Continues <paramref name="history"/> when
    /// resuming. Each batch runs in its own dispose scope, so memory stays flat.
    /// </summary>
    /// <exception cref="TrainingDivergedException">A loss is NaN or infinite (checked before the step that would spread it).</exception>
    public static History Fit(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, DataLoader train, DataLoader valid,
        FitOptions options, History? history = null)
    {
        history ??= new History();
        for (var epoch = history.Epochs.Count + 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            model.train();
            var totals = new Totals();
            var step = 0;
            foreach (var batch in train.Batches())
            {
                using (batch)
                using (NewDisposeScope())
                {
                    step++;
                    optimizer.zero_grad();
                    var logits = model.call(batch.Features);
                    var loss = F.cross_entropy(logits, batch.Labels);
                    var value = loss.item<float>();
                    if (!float.IsFinite(value)) throw new TrainingDivergedException(epoch, step, value);
                    loss.backward();
                    optimizer.step();
                    if (options.SchedulePerStep) options.Scheduler?.step();
                    totals.Add(value, Evaluation.Correct(logits, batch.Labels), batch.Count);
                    history.StepLosses.Add(value);
                    options.OnStep?.Invoke(new StepReport(epoch, step, train.BatchCount, value));
                }
                if (options.Cancellation.IsCancellationRequested)
                {
                    history.StoppedReason = $"cancelled during epoch {epoch}";
                    return history;
                }
            }
            var learningRate = optimizer.ParamGroups.First().LearningRate;
            if (!options.SchedulePerStep) options.Scheduler?.step();
            var (validLoss, validAccuracy) = Evaluation.Evaluate(model, valid);
            // Steps leave only small managed wrappers, so the GC seldom runs by itself, and the memory
            // waiting on them made resident memory climb for 30 epochs (docs/performance.md). A
            // young-generation collection costs under 1 ms and is counted in the epoch's time.
            GC.Collect(0);
            var record = new EpochRecord(epoch, totals.MeanLoss, totals.Accuracy, validLoss, validAccuracy, learningRate,
                clock.Elapsed.TotalSeconds);
            history.Epochs.Add(record);
            if (options.OnEpoch?.Invoke(record, history) == false)
            {
                history.StoppedReason = $"stopped after epoch {epoch}";
                break;
            }
        }
        return history;
    }
}
