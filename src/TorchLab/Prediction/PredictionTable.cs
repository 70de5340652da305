using System.Globalization;
using Spectre.Console;
using TorchLab.Training.Data;

namespace TorchLab.Prediction;

/// <summary>
/// Each input's class probabilities and predicted class: a table for the console, or CSV for a
/// program (every digit a float holds, no markup).
/// </summary>
public static class PredictionTable
{
    /// <summary>Prints one row per input (the predicted class's probability in bold) and, when inputs carry labels, how
    /// many were predicted as labelled.</summary>
    public static void Print(IAnsiConsole console, IReadOnlyList<PredictionInput> inputs, float[][] probabilities,
        IReadOnlyList<string> classes)
    {
        var labelled = inputs.Any(i => i.Label is not null);
        var table = new Table();
        table.AddColumn("input");
        if (labelled) table.AddColumn("label");
        foreach (var name in classes) table.AddColumn(new TableColumn($"p({name})").RightAligned());
        table.AddColumn("predicted");
        for (var i = 0; i < inputs.Count; i++)
        {
            var predicted = ClassProbabilities.Predicted(probabilities[i]);
            // Text, not Markup: a file name may hold brackets; escaped, since it may hold ESC too.
            var row = new List<Text> { new(Excerpt.Escaped(inputs[i].Source)) };
            if (labelled) row.Add(new Text(inputs[i].Label ?? ""));
            row.AddRange(probabilities[i].Select((p, c) => new Text(p.ToString("0.000", CultureInfo.InvariantCulture),
                c == predicted ? new Style(decoration: Decoration.Bold) : Style.Plain)));
            row.Add(new Text(classes[predicted], new Style(decoration: Decoration.Bold)));
            table.AddRow(row);
        }
        console.Write(table);
        if (!labelled) return;
        var withLabel = Enumerable.Range(0, inputs.Count).Where(i => inputs[i].Label is not null).ToList();
        var agree = withLabel.Count(i => classes[ClassProbabilities.Predicted(probabilities[i])] == inputs[i].Label);
        console.WriteLine($"{agree} of the {withLabel.Count} labelled inputs are predicted as labelled.");
    }

    /// <summary>
    /// A header <c>input,label,p_CLASS...,predicted</c> and one row per input; an input without a label has an
    /// empty one. The input is written as error messages quote it (<see cref="Excerpt.Escaped"/>: control and
    /// invisible characters as <c>\x1b</c> or <c>\u202e</c>, a backslash as <c>\\</c>), so a row is one line
    /// that prints safely, then quoted as RFC 4180 says when it holds a comma or a quote.
    /// </summary>
    public static string Csv(IReadOnlyList<PredictionInput> inputs, float[][] probabilities,
        IReadOnlyList<string> classes)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(string.Join(',', ["input", "label", .. classes.Select(c => $"p_{c}"), "predicted"]));
        for (var i = 0; i < inputs.Count; i++)
            text.AppendLine(string.Join(',', [Excerpt.CsvField(inputs[i].Source), inputs[i].Label ?? "",
                .. probabilities[i].Select(p => p.ToString("R",
                    CultureInfo.InvariantCulture)), classes[ClassProbabilities.Predicted(probabilities[i])]]));
        return text.ToString();
    }
}
