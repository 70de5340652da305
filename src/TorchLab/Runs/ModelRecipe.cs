using TorchLab.Models;
using TorchLab.Training.Data;

namespace TorchLab.Runs;

/// <summary>Which data a model trains on.</summary>
public enum LabData
{
    /// <summary>8x8 handwritten digits, seeded 72/8/20 split.</summary>
    Digits,
    /// <summary>DNA splice junctions, StatLog split with 200 validation rows.</summary>
    Splice,
}

/// <summary>
/// One model of the lab with its data and training settings. The presets are the lab's protocol
/// (seed 0, fixed epochs, Adam, the best validation epoch's weights scored on the test set), whose
/// PyTorch 1.13 test accuracies are <see cref="ReferenceAccuracy"/>, from
/// <c>/usr/bin/python3 benchmarks/pytorch_lab.py --model NAME</c> (at the recipe's threads): 350/360, 621/1186,
/// 1142/1186, 1123/1186, 1131/1186.
/// </summary>
/// <param name="Threads">
/// Torch threads: a fixed number, so the result (sums split over threads change the last bits)
/// does not depend on the machine's core count; another CPU may still add in another order
/// (data/pytorch-reference/README.md). Two for the CNNs, one for the GRU: the fastest for each in
/// three <c>bench</c> runs (docs/performance.md); two for seq-attn (see its bench figures there).
/// </param>
public sealed record ModelRecipe(string Name, string Description, LabData Data, int Epochs, double LearningRate,
    int BatchSize, int Threads, double ReferenceAccuracy,
    Func<TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>> Create)
{
    public static readonly ModelRecipe TinyCnn = new("tiny-cnn", "the course's 2-D CNN sketch on 8x8 digits",
        LabData.Digits, 60, 1e-3, 64, 2, 350 / 360.0, () => new TinyCnn());

    public static readonly ModelRecipe SeqSketch = new("seq-sketch",
        "the course's 1-D sketch (global average pooling) on DNA",
        LabData.Splice, 40, 1e-3, 64, 2, 621 / 1186.0, () => new SeqSketch());

    public static readonly ModelRecipe SeqCnn = new("seq-cnn", "a position-aware 1-D CNN on DNA",
        LabData.Splice, 40, 1e-3, 64, 2, 1142 / 1186.0, () => new SeqCnn());

    public static readonly ModelRecipe SeqGru = new("seq-gru", "a bidirectional GRU on DNA",
        LabData.Splice, 15, 3e-3, 64, 1, 1123 / 1186.0, () => new SeqGru());

    public static readonly ModelRecipe SeqAttn = new("seq-attn", "a transformer encoder layer (4 heads) on DNA",
        LabData.Splice, 20, 1e-3, 64, 2, 1131 / 1186.0, () => new SeqAttn());

    /// <summary>Every recipe, in the order the lab trains them.</summary>
    public static readonly IReadOnlyList<ModelRecipe> All = [TinyCnn, SeqSketch, SeqCnn, SeqGru, SeqAttn];

    public static ModelRecipe? Find(string name) => All.FirstOrDefault(r => r.Name == name);

    public string DataFile => Data == LabData.Splice ? "splice.csv" : "digits.csv";

    /// <summary>The train, validation and test sets of the recipe's data (see <see cref="LabSplits"/>).</summary>
    public LabSplits LoadData(string dataFolder, long seed) => Data == LabData.Splice
        ? LabSplits.Splice(Path.Combine(dataFolder, DataFile), seed)
        : LabSplits.Digits(Path.Combine(dataFolder, DataFile), seed);
}
