using TorchSharp;
using TorchLab.Training.Data;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Training;

/// <summary>Scoring a model on a data set, in eval mode under inference mode (no autograd records, no version counters).</summary>
public static class Evaluation
{
    /// <summary>Mean cross-entropy loss (weighted by batch size) and accuracy over <paramref name="data"/>.</summary>
    public static (double loss, double accuracy) Evaluate(nn.Module<Tensor, Tensor> model, DataLoader data)
    {
        model.eval();
        using var inference = inference_mode();
        var totals = new Totals();
        foreach (var batch in data.Batches())
        {
            using (batch)
            using (NewDisposeScope())
            {
                var logits = model.call(batch.Features);
                totals.Add(F.cross_entropy(logits, batch.Labels).item<float>(), Correct(logits, batch.Labels), batch.Count);
            }
        }
        return (totals.MeanLoss, totals.Accuracy);
    }

    /// <summary>The predicted class of every example, in data order.</summary>
    public static long[] Predict(nn.Module<Tensor, Tensor> model, DataLoader data)
    {
        model.eval();
        using var inference = inference_mode();
        var predictions = new List<long>();
        foreach (var batch in data.Batches())
        {
            using (batch)
            using (NewDisposeScope())
                predictions.AddRange(model.call(batch.Features).argmax(1).cpu().data<long>());
        }
        return predictions.ToArray();
    }

    /// <summary>
    /// How many rows of <paramref name="logits"/> have their largest value at the label. Its
    /// temporaries go to the caller's dispose scope (each batch has one), not a scope of its own.
    /// </summary>
    internal static long Correct(Tensor logits, Tensor labels) => logits.argmax(1).eq(labels).sum().item<long>();
}

/// <summary>Running sums for a pass: loss weighted by batch size, and correct predictions.</summary>
internal sealed class Totals
{
    private double lossSum;
    private long correct, count;

    public void Add(double meanLoss, long correctInBatch, long batchSize)
    {
        lossSum += meanLoss * batchSize;
        correct += correctInBatch;
        count += batchSize;
    }

    public double MeanLoss => count == 0 ? double.NaN : lossSum / count;

    public double Accuracy => count == 0 ? double.NaN : (double)correct / count;
}
