using TorchLab.Runs;
using TorchLab.Training;
using TorchLab.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Runner;

/// <summary>
/// A recipe made ready to train: data → seed → model → Adam → schedule, in the order PyTorch's
/// reference script uses, so the same seed gives PyTorch's split, initial weights and batches.
/// Every caller (train, the lab, bench, tests) starts here, so the set-up is written once.
/// </summary>
public sealed class RunSetup : IDisposable
{
    private readonly Tensor[] data;

    private RunSetup(TrainSettings settings)
    {
        var splits = settings.Recipe.LoadData(settings.DataFolder, settings.Seed);
        // A split smaller than one batch trains on nothing or scores a handful of examples.
        if (new[] { splits.Train, splits.Valid, splits.Test }.Min(s => s.Count) < settings.BatchSize)
            throw new DataFormatException(Path.Combine(settings.DataFolder, settings.Recipe.DataFile),
                splits.Train.Count + splits.Valid.Count + splits.Test.Count + 1,
                $"too few rows: the train, validation and test sets have {splits.Train.Count}, {splits.Valid.Count} " +
                    $"and {splits.Test.Count} examples; each needs at least one batch of {settings.BatchSize}");
        TestData = splits.Test;
        var (trainX, trainY) = splits.Train.ToTensors(settings.Device);
        var (validX, validY) = splits.Valid.ToTensors(settings.Device);
        var (testX, testY) = splits.Test.ToTensors(settings.Device);
        data = [trainX, trainY, validX, validY, testX, testY];
        Train = Batches.Shuffled(trainX, trainY, settings.BatchSize);
        Valid = Batches.InOrder(validX, validY, settings.BatchSize);
        Test = Batches.InOrder(testX, testY, settings.BatchSize);
        BatchesPerEpoch = (splits.Train.Count + settings.BatchSize - 1) / settings.BatchSize;

        manual_seed(settings.Seed);
        Model = settings.Recipe.Create();
        Model.to(settings.Device);
        Optimizer = optim.Adam(Model.parameters(), settings.LearningRate);
        Scheduler = settings.Schedule switch
        {
            LrSchedule.Cosine => optim.lr_scheduler.CosineAnnealingLR(Optimizer, settings.Epochs),
            LrSchedule.Plateau => optim.lr_scheduler.ReduceLROnPlateau(Optimizer, factor: 0.5, patience: 2),
            _ => null,
        };
    }

    /// <summary>The recipe's model with PyTorch's initial weights for the seed.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    public TorchSharp.Modules.Adam Optimizer { get; }

    /// <summary>Null for a constant learning rate; stepped once per epoch with the validation loss.</summary>
    public optim.lr_scheduler.LRScheduler? Scheduler { get; }

    /// <summary>Shuffled training batches, a new order each pass.</summary>
    public IEnumerable<(Tensor x, Tensor y)> Train { get; }

    public IEnumerable<(Tensor x, Tensor y)> Valid { get; }

    public IEnumerable<(Tensor x, Tensor y)> Test { get; }

    public int BatchesPerEpoch { get; }

    /// <summary>The test set's labels and class names, for the metrics.</summary>
    public LabeledData TestData { get; }

    public static RunSetup For(TrainSettings settings) => new(settings);

    /// <summary>Prepares <paramref name="recipe"/> with its own protocol (seed 0, its batch size and learning
    /// rate).</summary>
    public static RunSetup Protocol(ModelRecipe recipe, string dataFolder, Device device) =>
        new(TrainSettings.For(recipe, device, "", dataFolder));

    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
        foreach (var tensor in data) tensor.Dispose();
    }
}
