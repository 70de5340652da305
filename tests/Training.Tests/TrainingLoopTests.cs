using TorchLab.Models;
using TorchLab.Training.Data;
using static TorchSharp.torch;

namespace TorchLab.Training.Tests;

[Collection(nameof(Serial))]
public class TrainingLoopTests
{
    private static (DataLoader train, DataLoader test, TensorDataset[] owned) Loaders(LabeledData train, LabeledData test, int batch = 64)
    {
        var (a, b) = (new TensorDataset(train), new TensorDataset(test));
        return (new DataLoader(a, batch, shuffle: true), new DataLoader(b, batch, shuffle: false), [a, b]);
    }

    [Fact]
    public void The_loop_learns_the_toy_squares_within_a_few_epochs()
    {
        var (train, test, owned) = Loaders(ToyData.Squares(256, seed: 1), ToyData.Squares(128, seed: 2), batch: 32);
        manual_seed(0);
        using var model = new TinyCnn(16, 16, classes: 2);
        using var optimizer = optim.Adam(model.parameters(), 3e-3);
        var history = TrainingLoop.Fit(model, optimizer, train, test, new FitOptions { Epochs = 5 });
        foreach (var d in owned) d.Dispose();
        Assert.Equal(5, history.Epochs.Count);
        Assert.Equal(5 * 8, history.StepLosses.Count);
        var first = history.StepLosses.Take(4).Average();
        var last = history.StepLosses.TakeLast(4).Average();
        Assert.True(last < first / 5, $"loss fell from {first:F4} to {last:F4}, expected at least 5x");
        Assert.True(history.Last.ValidAccuracy >= 0.95, $"toy test accuracy {history.Last.ValidAccuracy:P1}");
    }

    [Fact]
    public void Tiny_cnn_reaches_the_pytorch_reference_on_digits_with_the_lab_protocol()
    {
        var (trainData, testData) = LabSplits.Digits(DataFiles.File("digits.csv"), 0);
        var (train, test, owned) = Loaders(trainData, testData);
        manual_seed(0);
        using var model = new TinyCnn();
        using var optimizer = optim.Adam(model.parameters(), 1e-3);
        var history = TrainingLoop.Fit(model, optimizer, train, test, new FitOptions { Epochs = 60 });
        foreach (var d in owned) d.Dispose();
        // PyTorch 1.13, same protocol (benchmarks/pytorch_lab.py --model tiny-cnn): 98.33%.
        Assert.InRange(history.Last.ValidAccuracy, 0.978, 0.989);
    }

    [Fact]
    public void Resuming_from_a_checkpoint_reaches_the_same_weights_as_an_uninterrupted_run()
    {
        var path = Path.Combine(Path.GetTempPath(), $"torchlab-resume-{Guid.NewGuid():N}.pt");
        var (trainData, testData) = LabSplits.Splice(DataFiles.File("splice.csv"));
        trainData = trainData.Rows(0, 300);
        var (train, test, owned) = Loaders(trainData, testData.Rows(0, 100));

        Dictionary<string, float[]> Weights(nn.Module model) =>
            model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.data<float>().ToArray());

        manual_seed(0);
        using var straight = new SeqCnn();   // dropout: the generator state must be restored too
        using var straightOptimizer = optim.Adam(straight.parameters(), 1e-3);
        var full = TrainingLoop.Fit(straight, straightOptimizer, train, test, new FitOptions { Epochs = 4 });

        manual_seed(0);
        using (var first = new SeqCnn())
        using (var firstOptimizer = optim.Adam(first.parameters(), 1e-3))
            TrainingLoop.Fit(first, firstOptimizer, train, test, new FitOptions
            {
                Epochs = 2,
                OnEpoch = (_, soFar) => { Checkpoint.Save(path, first, firstOptimizer, soFar); return true; },
            });
        manual_seed(123);   // the checkpoint must restore the generator, whatever happened since
        using var resumed = new SeqCnn();
        using var resumedOptimizer = optim.Adam(resumed.parameters(), 1e-3);
        var history = Checkpoint.Load(path, resumed, resumedOptimizer);
        Assert.Equal(2, history.Epochs.Count);
        history = TrainingLoop.Fit(resumed, resumedOptimizer, train, test, new FitOptions { Epochs = 4 }, history);
        foreach (var d in owned) d.Dispose();
        File.Delete(path);

        Assert.Equal(full.StepLosses, history.StepLosses);
        using var scope = NewDisposeScope();
        var expected = Weights(straight);
        foreach (var (name, values) in Weights(resumed))
            Assert.True(expected[name].SequenceEqual(values), $"{name} differs after resuming");
    }

    [Fact]
    public void A_diverging_loss_stops_with_epoch_and_step()
    {
        var poisoned = ToyData.Steps(64, seed: 1);
        poisoned.Features[5] = float.NaN;   // one bad value in example 0 poisons the batch that holds it
        var (train, test, owned) = Loaders(poisoned, ToyData.Steps(16, seed: 2), batch: 64);
        manual_seed(0);
        using var model = nn.Sequential(nn.Flatten(), nn.Linear(25, 2));
        using var optimizer = optim.SGD(model.parameters(), 0.1);
        var weightsBefore = model.parameters().First().data<float>();
        var error = Assert.Throws<TrainingDivergedException>(() =>
            TrainingLoop.Fit(model, optimizer, train, test, new FitOptions { Epochs = 3 }));
        foreach (var d in owned) d.Dispose();
        Assert.Equal((1, 1), (error.Epoch, error.Step));
        Assert.Contains("the loss is NaN at epoch 1, step 1", error.Message);
        Assert.Equal(weightsBefore, model.parameters().First().data<float>());   // stopped before the step
    }

    [Fact]
    public void Memory_stays_flat_across_epochs()
    {
        var (train, test, owned) = Loaders(ToyData.Squares(128, seed: 1), ToyData.Squares(32, seed: 2), batch: 16);
        manual_seed(0);
        using var model = new TinyCnn(16, 16, classes: 2);
        using var optimizer = optim.Adam(model.parameters(), 1e-3);
        var live = new List<long>();
        TrainingLoop.Fit(model, optimizer, train, test, new FitOptions
        {
            Epochs = 4,
            OnEpoch = (_, _) => { live.Add(TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount); return true; },
        });
        foreach (var d in owned) d.Dispose();
        Assert.True(live.Skip(1).All(count => count == live[1]), $"live tensors per epoch: {string.Join(", ", live)}");
    }

    [Fact]
    public void Cancellation_drops_the_unfinished_epoch()
    {
        var (train, test, owned) = Loaders(ToyData.Steps(64, seed: 1), ToyData.Steps(16, seed: 2), batch: 16);
        using var cancel = new CancellationTokenSource();
        using var model = nn.Sequential(nn.Flatten(), nn.Linear(25, 2));
        using var optimizer = optim.Adam(model.parameters(), 1e-3);
        var history = TrainingLoop.Fit(model, optimizer, train, test, new FitOptions
        {
            Epochs = 5,
            OnStep = step => { if (step is { Epoch: 2, Step: 2 }) cancel.Cancel(); },
            Cancellation = cancel.Token,
        });
        foreach (var d in owned) d.Dispose();
        Assert.Single(history.Epochs);
        Assert.Equal("cancelled during epoch 2", history.StoppedReason);
    }
}
