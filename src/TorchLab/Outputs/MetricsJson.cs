using System.Text.Json;
using System.Text.Json.Nodes;
using TorchLab.Runs;
using TorchSharp;

namespace TorchLab.Outputs;

/// <summary>A run's metrics.json: what a script reading the results needs, no markup.</summary>
public static class MetricsJson
{
    /// <summary>The JSON text for <paramref name="result"/>.</summary>
    public static string Format(RunResult result)
    {
        var m = result.Metrics;
        var classes = new JsonObject();
        for (var c = 0; c < m.ClassNames.Count; c++)
            classes[m.ClassNames[c]] = new JsonObject { ["precision"] = m.Precision[c], ["recall"] = m.Recall[c] };
        var confusion = new JsonArray();
        for (var t = 0; t < m.ClassNames.Count; t++)
            confusion.Add(new JsonArray(Enumerable.Range(0, m.ClassNames.Count).Select(p =>
                (JsonNode)m.Confusion[t, p]).ToArray()));
        var s = result.Settings;
        var json = new JsonObject
        {
            ["model"] = s.Recipe.Name,
            ["test_accuracy"] = m.Accuracy,
            ["test_accuracy_of"] = $"the weights of epoch {result.BestEpoch}, the lowest validation loss",
            ["test_rows"] = m.Confusion.Cast<int>().Sum(),
            ["best_epoch"] = result.BestEpoch,
            ["best_validation_loss"] = result.History.Epochs[result.BestEpoch - 1].ValidLoss,
            ["best_validation_accuracy"] = result.History.Epochs[result.BestEpoch - 1].ValidAccuracy,
            ["reference_accuracy_pytorch"] = result.FollowsProtocol ? s.Recipe.ReferenceAccuracy : null,
            ["reference_accuracy_pytorch_protocol"] = s.Recipe.ReferenceAccuracy,
            ["epochs_completed"] = result.History.Epochs.Count,
            ["stopped_reason"] = result.History.StoppedReason,
            ["seconds_per_epoch_median"] = result.MedianEpochSeconds,
            ["classes"] = classes,
            ["confusion_matrix"] = confusion,
            ["confusion_matrix_rows"] = "true class, columns predicted class, in the order of 'classes'",
            ["settings"] = new JsonObject
            {
                ["epochs"] = s.Epochs, ["batch_size"] = s.BatchSize, ["learning_rate"] = s.LearningRate,
                ["optimizer"] = "Adam", ["seed"] = s.Seed, ["device"] = s.Device.ToString(), ["patience"] = s.Patience,
                ["lr_schedule"] = s.Schedule.ToString().ToLowerInvariant(),
                ["threads"] = s.Threads,
            },
            ["libtorch"] = torch.__version__,
            ["dotnet"] = Environment.Version.ToString(),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
