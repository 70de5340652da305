// Trains TinyCnn on the 8x8 digits with TorchLab's loop and saves its training history as a PNG.
//   dotnet run -- path/to/digits.csv [epochs]
using System.Globalization;
using TorchLab.Models;
using TorchLab.Plotting;
using TorchLab.Training;
using static TorchSharp.torch;

var rows = File.ReadLines(args[0]).Skip(1)                       // header: label,p0,...,p63
    .Select(line => line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
var epochs = args.Length > 1 ? int.Parse(args[1]) : 20;
var x = tensor(rows.SelectMany(r => r[1..]).Select(p => p / 16).ToArray(), [rows.Length, 1, 8, 8]);   // (N, 1, 8, 8)
var y = tensor(rows.Select(r => (long)r[0]).ToArray());                                              // (N)

manual_seed(0);
var order = randperm(rows.Length);
var (train, valid) = (order.narrow(0, 0, 1437), order.narrow(0, 1437, rows.Length - 1437));   // 80/20
manual_seed(0);
var model = new TinyCnn();
var optimizer = optim.Adam(model.parameters(), 1e-3);

var history = TrainingLoop.Fit(model, optimizer,
    Batches.Shuffled(x.index_select(0, train), y.index_select(0, train), 64),
    Batches.InOrder(x.index_select(0, valid), y.index_select(0, valid), 64), epochs,
    onEpoch: e =>
    {
        Console.WriteLine($"epoch {e.Epoch}: train loss {e.TrainLoss:F4}, validation loss {e.ValidLoss:F4}, "
            + $"accuracy {e.ValidAccuracy:P1}");
        return true;
    });

EpochRow[] perEpoch = [.. history.Epochs.Select(e => new EpochRow(e.TrainLoss, e.TrainAccuracy, e.ValidLoss,
    e.ValidAccuracy, e.LearningRate))];
HistoryFigure.SavePng("loss.png", new HistoryFigureData(perEpoch, history.StepLosses), "TinyCnn on the 8x8 digits");
Console.WriteLine("wrote loss.png");
