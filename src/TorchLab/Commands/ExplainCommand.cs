using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TorchLab.Cli;
using TorchLab.Explanation;
using TorchLab.Prediction;
using TorchLab.Runs;

namespace TorchLab.Commands;

/// <summary>
/// <c>explain MODEL INPUT...</c>: which letters or pixels made a trained model decide, as an attribution of each
/// input element to a class's logit (docs/explain.md). Inputs, weights and their errors are predict's.
/// </summary>
public sealed class ExplainCommand : Command
{
    public ExplainCommand(IAnsiConsole console) : base("explain", "Attribute a trained model's logit for a class to " +
        "each letter or pixel of the inputs, and mark the strongest")
    {
        var model = LabOptions.Model("The model to explain");
        var inputs = LabOptions.Inputs();
        var weights = LabOptions.Weights();
        var method = new Option<AttributionMethod>("--method")
        {
            Description = $"{string.Join(", ", AttributionMethodNames.All.Select(m => m.Name()))} (mutagenesis for " +
                "the sequence models only; default integrated-gradients)",
            DefaultValueFactory = _ => AttributionMethod.IntegratedGradients,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (AttributionMethodNames.Find(text) is { } found) return found;
                result.AddError($"--method: '{Training.Data.Excerpt.Of(text)}' is not a method; use " +
                    string.Join(", ", AttributionMethodNames.All.Select(m => m.Name())));
                return AttributionMethod.IntegratedGradients;
            },
        };
        var target = new Option<string?>("--target")
        {
            Description = "The class whose logit is explained, by name: EI, IE or N for the sequence models, 0 to 9 " +
                "for tiny-cnn (default: the predicted class of each input)",
        };
        var stepRange = new SettingRange("--steps", 1, Attributions.MaxSteps, Whole: true);
        var steps = LabOptions.WholeNumber("--steps", stepRange,
            $"Integrated gradients' intervals along the path, 1 to {Attributions.MaxSteps} (default " +
            $"{Attributions.DefaultSteps}); integrated-gradients only");
        var csv = new Option<bool>("--csv") { Description = "Write CSV, one row per letter and position or per " +
            "pixel (input, target, method, position and letter or row and column, value), instead of the view" };
        Add(model);
        Add(inputs);
        foreach (var option in new Option[] { weights, method, target, steps, csv }) Add(option);

        SetAction(parse =>
        {
            var recipe = ModelRecipe.Find(parse.GetValue(model)!)!;
            var chosen = parse.GetValue(method);
            var classes = ModelInputs.Classes(recipe.Data);
            // The options first: each is wrong whatever the weights and inputs.
            if (chosen == AttributionMethod.Mutagenesis && recipe.Data != LabData.Splice)
                throw new UsageException($"--method: mutagenesis changes letters of DNA sequences; {recipe.Name} " +
                    "reads digits (use gradient, input-x-gradient, integrated-gradients or occlusion)");
            if (parse.GetValue(steps) is not null && chosen != AttributionMethod.IntegratedGradients)
                throw new UsageException($"--steps: only integrated-gradients takes steps, not {chosen.Name()}");
            var given = parse.GetValue(target);
            if (given is not null && !classes.Contains(given))
                throw new UsageException($"--target: '{Training.Data.Excerpt.Of(given)}' is not a class of " +
                    $"{recipe.Name}; the classes are {string.Join(", ", classes)}");

            var path = WeightsOption.Resolve(recipe, parse.GetValue(weights));
            var examples = ModelInputs.Read(recipe.Data, parse.GetValue(inputs)!);
            using var trained = WeightsOption.Load(recipe, path, "explain");
            var shape = ModelInputs.Shape(recipe.Data);
            var probabilities = WeightsOption.Probabilities(trained, path, examples, shape);
            var predicted = probabilities.Select(ClassProbabilities.Predicted).ToList();
            var targets = given is null ? predicted : [.. predicted.Select(_ => classes.ToList().IndexOf(given))];
            var stepCount = parse.GetValue(steps) ?? Attributions.DefaultSteps;
            var explained = InputExplanations.Of(trained, chosen, recipe.Data,
                [.. examples.Select(e => (e.Source, e.Example))], shape, targets, predicted, stepCount);

            if (parse.GetValue(csv))
                console.Profile.Out.Writer.Write(ExplanationCsv.Of(explained, chosen, classes));
            else
                ExplanationView.Print(console, recipe.Name, chosen, stepCount, explained, classes);
            // A warning, not a failure: the attributions are there, less exact than stated.
            foreach (var e in explained.Where(e => e.OverBound))
                parse.InvocationConfiguration.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"warning: input '{Training.Data.Excerpt.Of(e.Source)}': integrated gradients' completeness " +
                    $"error {e.Delta:G3} is over the bound (|error| at most " +
                    $"{100 * InputExplanation.CompletenessBound:G3} % of max(|f(x) - f(b)|, 1)); " +
                    $"give a larger --steps than {stepCount}"));
            return ExitCodes.Success;
        });
    }
}
