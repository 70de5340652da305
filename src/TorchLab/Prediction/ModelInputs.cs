using System.Globalization;
using TorchLab.Runs;
using TorchLab.Training.Data;

namespace TorchLab.Prediction;

/// <summary>The inputs of the command line for a model of <see cref="LabData"/>, read in full before the model
/// runs.</summary>
public static class ModelInputs
{
    /// <summary>The most inputs one command classifies: more than both data files hold, fewer than a table can usefully
    /// show.</summary>
    public const int MaxInputs = 10_000;

    /// <summary>
    /// Every input in <paramref name="arguments"/> (each one input or a file of them); a file that
    /// holds none, or more than <see cref="MaxInputs"/> in all, is refused.
    /// </summary>
    public static IReadOnlyList<PredictionInput> Read(LabData data, IReadOnlyList<string> arguments)
    {
        var inputs = new List<PredictionInput>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var before = inputs.Count;
            foreach (var input in data == LabData.Digits ? DigitInput.Read(arguments[i])
                : DnaInput.Read(arguments[i], i + 1))
            {
                if (inputs.Count == MaxInputs)
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                        $"more than {MaxInputs:N0} inputs (at '{InputLines.Named(input.Source)}'); classify them " +
                        $"in several runs"));
                inputs.Add(input);
            }
            if (inputs.Count == before)
                throw new InvalidDataException($"input '{InputLines.Named(arguments[i])}' holds no rows");
        }
        return inputs;
    }

    /// <summary>The shape of one example for a model of <paramref name="data"/>.</summary>
    public static long[] Shape(LabData data) => data == LabData.Digits ? DigitInput.Shape : DnaInput.Shape;

    /// <summary>The class names, in the order of the model's outputs.</summary>
    public static IReadOnlyList<string> Classes(LabData data) => data == LabData.Digits
        ? DigitsCsv.Classes : SpliceCsv.Classes;
}
