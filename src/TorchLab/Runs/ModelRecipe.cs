using TorchLab.Models;
using TorchLab.Training.Data;

namespace TorchLab.Runs;

/// <summary>Which data a model trains on.</summary>
public enum LabData
{
    /// <summary>8x8 handwritten digits, 80/20 seeded split.</summary>
    Digits,
    /// <summary>DNA splice junctions, StatLog split.</summary>
    Splice,
}

/// <summary>
/// One model of the lab with its data and training settings; the presets below are the lab's
/// protocol (seed 0) whose PyTorch 1.13 test accuracies are <see cref="ReferenceAccuracy"/>
/// (measured with benchmarks/pytorch_lab.py: 354/360, 627/1186, 1142/1186, 1125/1186).
/// </summary>
public sealed record ModelRecipe(string Name, string Description, LabData Data, int Epochs, double LearningRate,
    int BatchSize, double ReferenceAccuracy, Func<TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>> Create)
{
    /// <summary>Conv2d → pool → Conv2d → pool → Linear on digits.</summary>
    public static readonly ModelRecipe TinyCnn = new("tiny-cnn", "the course's 2-D CNN sketch on 8x8 digits",
        LabData.Digits, 60, 1e-3, 64, 0.98333, () => new TinyCnn());

    /// <summary>Conv1d → global average → Linear on DNA.</summary>
    public static readonly ModelRecipe SeqSketch = new("seq-sketch", "the course's 1-D sketch (global average pooling) on DNA",
        LabData.Splice, 40, 1e-3, 64, 0.52867, () => new SeqSketch());

    /// <summary>Two Conv1d + pool stages → Linear on DNA.</summary>
    public static readonly ModelRecipe SeqCnn = new("seq-cnn", "a position-aware 1-D CNN on DNA",
        LabData.Splice, 40, 1e-3, 64, 0.96290, () => new SeqCnn());

    /// <summary>Bidirectional GRU → Linear on DNA.</summary>
    public static readonly ModelRecipe SeqGru = new("seq-gru", "a bidirectional GRU on DNA",
        LabData.Splice, 15, 3e-3, 64, 0.94857, () => new SeqGru());

    /// <summary>Every recipe, in the order the lab trains them.</summary>
    public static readonly IReadOnlyList<ModelRecipe> All = [TinyCnn, SeqSketch, SeqCnn, SeqGru];

    /// <summary>The recipe called <paramref name="name"/>, or null.</summary>
    public static ModelRecipe? Find(string name) => All.FirstOrDefault(r => r.Name == name);

    /// <summary>The data file the recipe trains on.</summary>
    public string DataFile => Data == LabData.Splice ? "splice.csv" : "digits.csv";

    /// <summary>Loads the train and test sets of the recipe's data (see <see cref="LabSplits"/>).</summary>
    public (LabeledData train, LabeledData test) LoadData(string dataFolder, long seed) => Data == LabData.Splice
        ? LabSplits.Splice(Path.Combine(dataFolder, "splice.csv"))
        : LabSplits.Digits(Path.Combine(dataFolder, "digits.csv"), seed);
}
