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
        var inputs = new Argument<string[]>("input")
        {
            Description = "For tiny-cnn: an 8x8 8-bit greyscale PNG, or a CSV file of digits.csv rows (64 pixels " +
                "0..16, the label first or not). " +
                "For the sequence models: a 60-letter DNA sequence of A, C, G, T, or a file of them one per line " +
                    "(alone or as splice.csv's 'label,sequence')",
            Arity = ArgumentArity.OneOrMore,
        };
        var weights = new Option<string?>("--weights")
        {
            Description = "A run folder (its model.pt) or a state-dict .pt file, TorchLab's or PyTorch's " +
                "torch.save(model.state_dict()) (default out/MODEL)",
        };
        var csv = new Option<bool>("--csv") { Description = "Write CSV (input, label, each class's probability in " +
            "full, predicted) instead of the table" };
        Add(model);
        Add(inputs);
        Add(weights);
        Add(csv);

        SetAction(parse =>
        {
            var recipe = ModelRecipe.Find(parse.GetValue(model)!)!;
            var path = parse.GetValue(weights) ?? Path.Combine("out", recipe.Name);
            if (!Directory.Exists(path) && !File.Exists(path))
            {
                var hint = parse.GetValue(weights) is null
                    ? $" (train the model first: train {recipe.Name}; or give --weights)"
                    : "";
                throw new UsageException($"--weights: '{path}' not found{hint}");
            }
            var examples = ModelInputs.Read(recipe.Data, parse.GetValue(inputs)!);
            using var trained = WeightsOption.Load(recipe, path, "predict");
            var classes = ModelInputs.Classes(recipe.Data);
            float[][] probabilities;
            try
            {
                probabilities = ClassProbabilities.Of(trained, examples, ModelInputs.Shape(recipe.Data));
            }
            catch (NonFiniteOutputException e)
            {
                // Exit 2, as for weights that do not load: the file given is not weights a model can answer with.
                throw new UsageException($"--weights: the weights of '{path}' overflow float32: {e.Message}; no " +
                    "trained model has such weights (train it again, or check the file)");
            }
            if (parse.GetValue(csv))
                console.Profile.Out.Writer.Write(PredictionTable.Csv(examples, probabilities, classes));
            else
                PredictionTable.Print(console, examples, probabilities, classes);
            return ExitCodes.Success;
        });
    }
}
