using Spectre.Console;
using System.Diagnostics;
using TorchLab.Checkpoints;
using TorchLab.Outputs;
using TorchLab.Runner;
using TorchLab.Runs;
using TorchLab.Storage.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// A run stopped at any moment and resumed from its checkpoint ends exactly as the run that was
/// never stopped: every weight, every Adam moment and step count, the generator, the best
/// weights and every figure of the history, bit for bit (only the epochs' seconds differ).
/// </summary>
[Collection(nameof(Serial))]
public class ResumeSweepTests : IDisposable
{
    private const int Epochs = 3;
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    // seq-cnn (dropout, 2 torch threads) in batches of 200: 9 steps an epoch, one validation batch.
    private TrainSettings Settings(string run, LrSchedule schedule = LrSchedule.None) =>
        TrainSettings.For(ModelRecipe.Find("seq-cnn")!, CPU, folder.File(run), DataFiles.Folder) with
        {
            Epochs = Epochs, BatchSize = 200, Schedule = schedule,
        };

    private const int StepsPerEpoch = 9;

    private static RunResult? Execute(TrainSettings settings, Action<TrainingProgress, CancellationTokenSource>? stopper = null)
    {
        using var stop = new CancellationTokenSource();
        var progress = new TrainingProgress(AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(TextWriter.Null),
        }));
        stopper?.Invoke(progress, stop);
        return TrainingRun.Execute(settings, progress, stop.Token, _ => { });
    }

    private string Checkpoint(string run) => Path.Combine(folder.File(run), RunOutputs.CheckpointFile);

    private static void AssertSameRun(string expected, string actual, string moment)
    {
        AssertSameCheckpoint(Path.Combine(expected, RunOutputs.CheckpointFile), Path.Combine(actual, RunOutputs.CheckpointFile), moment);
        Assert.Equal(File.ReadAllBytes(Path.Combine(expected, "model.pt")), File.ReadAllBytes(Path.Combine(actual, "model.pt")));
    }

    private static void AssertSameCheckpoint(string expected, string actual, string moment)
    {
        using var scope = NewDisposeScope();
        var want = PtFile.Load(expected);
        var got = PtFile.Load(actual);
        Assert.Equal(want.Keys.Order(), got.Keys.Order());
        foreach (var (key, value) in want)
        {
            // The epochs' rows end with their seconds, the one figure that may differ.
            var (a, b) = key == "history.epochs" ? (value[.., ..6], got[key][.., ..6]) : (value, got[key]);
            Assert.True(a.dtype == b.dtype && a.shape.SequenceEqual(b.shape), $"stopped {moment}: {key} is {b.dtype} [{string.Join(", ", b.shape)}], not {a.dtype} [{string.Join(", ", a.shape)}]");
            // Every dtype stored here (float32, float64, uint8) is exact as float64.
            var (x, y) = (a.to_type(ScalarType.Float64), b.to_type(ScalarType.Float64));
            if (!x.data<double>().ToArray().SequenceEqual(y.data<double>().ToArray()))
            {
                var difference = x.sub(y).abs().max().item<double>();
                Assert.Fail($"stopped {moment}: {key} differs from the uninterrupted run's by up to {difference:G3}");
            }
        }
    }

    // A stop seen after the first, a middle and the last step of each epoch, and between epochs.
    // One during the validation pass is seen at the same check as one between epochs: after the
    // epoch's last step, before the next epoch's first.
    private static readonly string[] Moments =
    [
        .. new[] { 1, 5, 9, 10, 14, 18, 19, 23, 27 }.Select(k => $"step {k}"),
        "epoch 1", "epoch 2", "epoch 3",
    ];

    [Fact]
    public void A_run_stopped_at_any_moment_rolls_back_to_its_last_epoch_and_resumes_to_the_uninterrupted_run_bit_for_bit()
    {
        var clock = Stopwatch.StartNew();
        // The uninterrupted run, and a copy of its checkpoint after each epoch.
        Execute(Settings("straight"), (progress, _) => progress.EpochSaved += record =>
            File.Copy(Path.Combine(folder.File(".straight.staging"), RunOutputs.CheckpointFile), folder.File($"straight-{record.Epoch}.pt")));

        foreach (var moment in Moments)
        {
            var at = int.Parse(moment.Split(' ')[1]);
            var name = moment.Replace(' ', '-');
            var stopped = Execute(Settings(name), (progress, stop) =>
            {
                if (moment.StartsWith("step")) progress.Stepped += (epoch, step) => { if ((epoch - 1) * StepsPerEpoch + step == at) stop.Cancel(); };
                else progress.EpochSaved += record => { if (record.Epoch == at) stop.Cancel(); };
            });
            // Seen after step k, the stop drops the unfinished epoch; after the last epoch it is too late to matter.
            var finished = moment.StartsWith("step") ? (at - 1) / StepsPerEpoch : at;
            if (finished == Epochs)
            {
                Assert.True(stopped is { Interrupted: false }, $"stopped after {moment}: the finished run was reported stopped");
                AssertSameRun(folder.File("straight"), folder.File(name), $"after {moment}");
                continue;
            }
            if (finished == 0) Assert.True(stopped is null && !Directory.Exists(folder.File(name)), $"stopped after {moment}: something was written");
            else
            {
                Assert.True(stopped is { Interrupted: true } && stopped.History.Epochs.Count == finished,
                    $"stopped after {moment}: {stopped?.History.Epochs.Count} epochs kept, not {finished}");
                AssertSameCheckpoint(folder.File($"straight-{finished}.pt"), Checkpoint(name), $"after {moment} (rolled back)");
            }

            // As the stop message says: continue from the checkpoint, or start again when none was written.
            var resumed = Execute(Settings(name) with { ResumeFrom = finished == 0 ? null : Checkpoint(name) });
            Assert.True(resumed is { Interrupted: false } && resumed.History.Epochs.Count == Epochs, $"stopped after {moment}: the resumed run did not finish");
            AssertSameRun(folder.File("straight"), folder.File(name), $"after {moment}");
        }
        TestContext.Current.SendDiagnosticMessage($"resume sweep: {clock.Elapsed.TotalSeconds:F1} s");
    }
}
