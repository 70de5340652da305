namespace TorchLab.Training;

/// <summary>Accuracy, per-class precision and recall, and the confusion matrix of a set of predictions.</summary>
public sealed record ClassificationMetrics(double Accuracy, IReadOnlyList<string> ClassNames, int[,] Confusion,
    IReadOnlyList<double> Precision, IReadOnlyList<double> Recall)
{
    /// <summary>
    /// Scores <paramref name="predicted"/> against <paramref name="actual"/>. Confusion[t, p] counts t predicted as p.
    /// </summary>
    public static ClassificationMetrics From(IReadOnlyList<long> predicted, IReadOnlyList<long> actual,
        IReadOnlyList<string> classNames)
    {
        if (predicted.Count != actual.Count)
            throw new ArgumentException($"{predicted.Count} predictions for {actual.Count} labels", nameof(predicted));
        var k = classNames.Count;
        var confusion = new int[k, k];
        for (var i = 0; i < actual.Count; i++) confusion[actual[i], predicted[i]]++;
        var correct = Enumerable.Range(0, k).Sum(c => confusion[c, c]);
        var classes = Enumerable.Range(0, k).ToArray();
        double[] precision = [.. classes.Select(c => Ratio(confusion[c, c], classes.Sum(t => confusion[t, c])))];
        double[] recall = [.. classes.Select(c => Ratio(confusion[c, c], classes.Sum(p => confusion[c, p])))];
        return new ClassificationMetrics(Ratio(correct, actual.Count), classNames, confusion, precision, recall);
    }

    // A class never predicted has no precision; 0 keeps the JSON numeric and the table honest.
    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
