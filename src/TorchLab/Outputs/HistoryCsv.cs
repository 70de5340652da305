using System.Globalization;
using System.Text;
using TorchLab.Training;

namespace TorchLab.Outputs;

/// <summary>Writes a <see cref="History"/>'s epochs as CSV, one row per epoch, invariant culture.</summary>
public static class HistoryCsv
{
    public const string Header = "epoch,train_loss,train_accuracy,valid_loss,valid_accuracy,learning_rate,seconds";

    public static string Format(History history)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var e in history.Epochs)
            text.Append(string.Join(',', e.Epoch.ToString(CultureInfo.InvariantCulture),
                F(e.TrainLoss), F(e.TrainAccuracy),
                F(e.ValidLoss), F(e.ValidAccuracy), F(e.LearningRate), F(e.Seconds))).Append('\n');
        return text.ToString();
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
