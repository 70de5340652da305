using System.CommandLine;
using Spectre.Console;
using TorchLab.Cli;
using TorchLab.Prediction;
using TorchLab.Runs;

namespace TorchLab.Commands;

/// <summary><c>predict MODEL INPUT...</c>: a trained model's class probabilities for new inputs.</summary>
public sealed class PredictCommand : Command
{
    public PredictCommand(IAnsiConsole console) : base("predict", "Classify inputs with a trained model: each " +
        "class's probability and the predicted class")
    {
        var model = LabOptions.Model("The model to ask");
        var inputs = LabOptions.Inputs();
        var weights = LabOptions.Weights();
        var csv = new Option<bool>("--csv") { Description = "Write CSV (input, label, each class's probability in " +
            "full, predicted) instead of the table" };
        Add(model);
        Add(inputs);
        Add(weights);
        Add(csv);

        SetAction(parse =>
        {
            var recipe = ModelRecipe.Find(parse.GetValue(model)!)!;
            var path = WeightsOption.Resolve(recipe, parse.GetValue(weights));
            var examples = ModelInputs.Read(recipe.Data, parse.GetValue(inputs)!);
            using var trained = WeightsOption.Load(recipe, path, "predict");
            var classes = ModelInputs.Classes(recipe.Data);
            var probabilities = WeightsOption.Probabilities(trained, path, examples, ModelInputs.Shape(recipe.Data));
            if (parse.GetValue(csv))
                console.Profile.Out.Writer.Write(PredictionTable.Csv(examples, probabilities, classes));
            else
                PredictionTable.Print(console, examples, probabilities, classes);
            return ExitCodes.Success;
        });
    }
}
