using System.Diagnostics;
using System.Globalization;
using TorchLab.Runner;
using TorchLab.Runs;
using TorchLab.Training;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Benchmarks;

/// <summary>
/// Where one training step's time goes: TrainingLoop.Fit's step taken apart, with a timestamp
/// between the phases, averaged over many epochs of the lab's data and protocol (RunSetup: batch
/// 64, torch.optim.Adam). BenchmarkDotNet cannot time backward without its forward, so this is a
/// Stopwatch profile; benchmarks/pytorch_calls.py --profile prints PyTorch's split of the same step.
/// <c>dotnet run -c Release --project benchmarks/TorchLab.Benchmarks -- profile tiny-cnn [epochs] [data]</c>
/// </summary>
public static class StepProfile
{
    private static readonly string[] Phases = ["gather (randperm slice, 2 index_select)", "zero_grad", "forward", "cross_entropy",
        "loss.item", "backward", "Adam step", "accuracy (argmax, eq, sum, item)", "dispose scope and batch"];

    public static void Run(string model, int epochs, string dataFolder)
    {
        set_num_threads(1);
        var recipe = ModelRecipe.Find(model) ?? throw new ArgumentException($"profile: unknown model '{model}'; the models are {string.Join(", ", ModelRecipe.All.Select(r => r.Name))}");
        using var setup = RunSetup.Protocol(recipe, dataFolder, CPU);
        var (net, optimizer) = (setup.Model, setup.Optimizer);
        var ticks = new long[Phases.Length];
        long steps = 0, evaluationTicks = 0, epochTicks = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var warm = epoch >= 2;   // the first epochs create oneDNN primitives and JIT code
            var epochStart = Stopwatch.GetTimestamp();
            net.train();
            var clock = Stopwatch.GetTimestamp();
            void Mark(int phase)
            {
                var now = Stopwatch.GetTimestamp();
                if (warm) ticks[phase] += now - clock;
                clock = now;
            }
            using var batches = setup.Train.GetEnumerator();
            while (batches.MoveNext())
            {
                var (x, y) = batches.Current;
                var scope = NewDisposeScope();
                Mark(0);
                optimizer.zero_grad(); Mark(1);
                var logits = net.call(x); Mark(2);
                var loss = F.cross_entropy(logits, y); Mark(3);
                _ = loss.item<float>(); Mark(4);
                loss.backward(); Mark(5);
                optimizer.step(); Mark(6);
                _ = logits.argmax(1).eq(y).sum().item<long>(); Mark(7);
                scope.Dispose();
                x.Dispose();
                y.Dispose(); Mark(8);
                if (warm) steps++;
            }
            var evaluationStart = Stopwatch.GetTimestamp();
            TrainingLoop.Evaluate(net, setup.Valid);
            if (warm)
            {
                evaluationTicks += Stopwatch.GetTimestamp() - evaluationStart;
                epochTicks += Stopwatch.GetTimestamp() - epochStart;
            }
        }
        var perStep = ticks.Select(t => t * 1e6 / Stopwatch.Frequency / steps).ToArray();
        var timedEpochs = epochs - 2;
        Console.WriteLine($"{model}: {steps / timedEpochs} steps per epoch, {timedEpochs} timed epochs, 1 torch thread");
        for (var i = 0; i < Phases.Length; i++) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Phases[i],-40} {perStep[i],8:F1} us/step"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"step total",-40} {perStep.Sum(),8:F1} us/step"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"validation pass",-40} {evaluationTicks * 1e3 / Stopwatch.Frequency / timedEpochs,8:F2} ms/epoch"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"epoch",-40} {epochTicks * 1e3 / Stopwatch.Frequency / timedEpochs,8:F2} ms/epoch"));
    }
}
