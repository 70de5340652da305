using TorchLab.Models;
using TorchLab.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Training.Tests;

[Collection(nameof(Serial))]
public class TrainingLoopTests
{
    // Shuffled training batches and in-order validation batches over tensors the test disposes.
    private static (IEnumerable<(Tensor, Tensor)> train, IEnumerable<(Tensor, Tensor)> valid, Tensor[] owned) Loaders(LabeledData train, LabeledData valid, int batch = 64)
    {
        var (trainX, trainY) = train.ToTensors();
        var (validX, validY) = valid.ToTensors();
        return (Batches.Shuffled(trainX, trainY, batch), Batches.InOrder(validX, validY, batch), [trainX, trainY, validX, validY]);
    }

    [Fact]
    public void The_loop_learns_the_toy_squares_within_a_few_epochs()
    {
        var (train, test, owned) = Loaders(ToyData.Squares(256, seed: 1), ToyData.Squares(128, seed: 2), batch: 32);
        manual_seed(0);
        using var model = new TinyCnn(16, 16, classes: 2);
        using var optimizer = optim.Adam(model.parameters(), 3e-3);
        var history = TrainingLoop.Fit(model, optimizer, train, test, 5);
        foreach (var d in owned) d.Dispose();
        Assert.Equal(5, history.Epochs.Count);
        Assert.Equal(5 * 8, history.StepLosses.Count);
        var first = history.StepLosses.Take(4).Average();
        var last = history.StepLosses.TakeLast(4).Average();
        Assert.True(last < first / 5, $"loss fell from {first:F4} to {last:F4}, expected at least 5x");
        Assert.True(history.Epochs[^1].ValidAccuracy >= 0.95, $"toy validation accuracy {history.Epochs[^1].ValidAccuracy:P1}");
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
        var error = Assert.Throws<TrainingDivergedException>(() => TrainingLoop.Fit(model, optimizer, train, test, 3));
        foreach (var d in owned) d.Dispose();
        Assert.Contains("the loss is NaN at epoch 1, step 1", error.Message);
        Assert.DoesNotContain("--", error.Message);   // the library names no CLI option; the program adds its hint
        Assert.Equal((1, 1), (error.Epoch, error.Step));
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
        TrainingLoop.Fit(model, optimizer, train, test, 4,
            onEpoch: _ => { live.Add(TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount); return true; });
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
        var history = TrainingLoop.Fit(model, optimizer, train, test, 5,
            onStep: (epoch, step, _) => { if ((epoch, step) == (2, 2)) cancel.Cancel(); }, cancel: cancel.Token);
        foreach (var d in owned) d.Dispose();
        Assert.Single(history.Epochs);
        Assert.Equal(4 + 2, history.StepLosses.Count);   // 4 steps an epoch; the second epoch's first two stay recorded
        Assert.Equal("cancelled during epoch 2", history.StoppedReason);
    }

    [Fact]
    public void An_epoch_hook_returning_false_stops_after_that_epoch_and_continuing_finishes_the_run()
    {
        var (train, test, owned) = Loaders(ToyData.Steps(64, seed: 1), ToyData.Steps(16, seed: 2), batch: 16);
        manual_seed(0);
        using var model = nn.Sequential(nn.Flatten(), nn.Linear(25, 2));
        using var optimizer = optim.Adam(model.parameters(), 1e-3);
        var seen = new List<int>();
        var history = TrainingLoop.Fit(model, optimizer, train, test, 6, onEpoch: record => { seen.Add(record.Epoch); return record.Epoch < 2; });
        Assert.Equal([1, 2], seen);
        Assert.Equal(2, history.Epochs.Count);
        Assert.Equal("stopped after epoch 2", history.StoppedReason);

        history.StoppedReason = null;
        history = TrainingLoop.Fit(model, optimizer, train, test, 4, history);   // a history passed back continues it
        foreach (var d in owned) d.Dispose();
        Assert.Equal([1, 2, 3, 4], history.Epochs.Select(e => e.Epoch));
        Assert.Equal(16, history.StepLosses.Count);
        Assert.Null(history.StoppedReason);
    }

    [Fact]
    public void The_epoch_record_holds_the_validation_pass_and_the_learning_rate_it_trained_with()
    {
        var (train, valid, owned) = Loaders(ToyData.Steps(64, seed: 1), ToyData.Steps(16, seed: 2), batch: 16);
        manual_seed(0);
        using var model = nn.Sequential(nn.Flatten(), nn.Linear(25, 2));
        using var optimizer = optim.Adam(model.parameters(), 0.01);
        var schedule = optim.lr_scheduler.StepLR(optimizer, 1, 0.5);
        var history = TrainingLoop.Fit(model, optimizer, train, valid, 3, onEpoch: _ => { schedule.step(); return true; });
        Assert.Equal([0.01, 0.005, 0.0025], history.Epochs.Select(e => e.LearningRate));
        var (loss, accuracy) = TrainingLoop.Evaluate(model, valid);
        foreach (var d in owned) d.Dispose();
        Assert.Equal(history.Epochs[^1].ValidLoss, loss, 12);
        Assert.Equal(history.Epochs[^1].ValidAccuracy, accuracy, 12);
    }
}
