using TorchLab.Training;
using TorchLab.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Runs;

/// <summary>
/// A recipe made ready to train: data → seed → model → Adam, in the order PyTorch's reference
/// script uses, so the same seed gives PyTorch's split, initial weights and batches. Every
/// caller (train, the lab, bench, tests) starts here, so the set-up is written once.
/// </summary>
public sealed class RunSetup : IDisposable
{
    private readonly TensorDataset train, test;

    private RunSetup(ModelRecipe recipe, string dataFolder, long seed, Device device, int batchSize, double learningRate)
    {
        var (trainData, testData) = recipe.LoadData(dataFolder, seed);
        // A split smaller than one batch trains on nothing or scores a handful of examples.
        if (trainData.Count < batchSize || testData.Count < batchSize)
            throw new DataFormatException(Path.Combine(dataFolder, recipe.DataFile), trainData.Count + testData.Count + 1,
                $"too few rows: the train split has {trainData.Count} examples and the test split {testData.Count}; each needs at least one batch of {batchSize}");
        TestData = testData;
        train = new TensorDataset(trainData, device);
        test = new TensorDataset(testData, device);
        TrainLoader = new DataLoader(train, batchSize, shuffle: true);
        TestLoader = new DataLoader(test, batchSize, shuffle: false);
        manual_seed(seed);
        Model = recipe.Create();
        Model.to(device);
        Optimizer = new LeanAdam(Model.parameters(), learningRate);
    }

    /// <summary>The recipe's model with PyTorch's initial weights for the seed.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>Adam over the model's parameters (<see cref="LeanAdam"/>: PyTorch's numbers, fewer native calls).</summary>
    public TorchSharp.Modules.Adam Optimizer { get; }

    /// <summary>Shuffled training batches.</summary>
    public DataLoader TrainLoader { get; }

    /// <summary>Test batches in file order.</summary>
    public DataLoader TestLoader { get; }

    /// <summary>The test set's labels and class names, for the metrics.</summary>
    public LabeledData TestData { get; }

    /// <summary>Prepares <paramref name="settings"/>' recipe as they say.</summary>
    public static RunSetup For(TrainSettings settings) =>
        new(settings.Recipe, settings.DataFolder, settings.Seed, settings.Device, settings.BatchSize, settings.LearningRate);

    /// <summary>Prepares <paramref name="recipe"/> with its own protocol (seed 0, its batch size and learning rate).</summary>
    public static RunSetup Protocol(ModelRecipe recipe, string dataFolder, Device device) =>
        new(recipe, dataFolder, 0, device, recipe.BatchSize, recipe.LearningRate);

    /// <summary>Frees the model, optimizer and data tensors.</summary>
    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
        train.Dispose();
        test.Dispose();
    }
}
