using System.Diagnostics;
using TorchLab.Manual;
using TorchLab.Runner;
using TorchLab.Runs;
using TorchLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.ByHand;

/// <summary>
/// TorchSharp's own training (<see cref="TrainingLoop.Fit"/> with <c>torch.optim.Adam</c>, as
/// <c>train</c> runs it) and a by-hand twin in lockstep: the same initial weights (copied from the
/// model), the same randperm batches (read as the loop takes them), the same dropout masks
/// (replayed from the generator state saved before each step). After every TorchSharp step the
/// by-hand step runs on its own weights with <see cref="ByHandTraining"/> and <see cref="AdamByHand"/>.
/// </summary>
public static class LockstepRun
{
    /// <summary>
    /// The lab's steps per model: one epoch of each CNN (null), a few steps of the GRU and of
    /// attention, whose by-hand steps are the slow ones (docs/training-by-hand.md has the timings).
    /// </summary>
    public static int? LabSteps(ModelRecipe recipe) => recipe.Name switch
    {
        "seq-gru" => 10,
        "seq-attn" => 8,
        _ => null,
    };

    /// <summary>
    /// Trains <paramref name="recipe"/>'s model (its protocol, with <paramref name="seed"/>) for
    /// <paramref name="steps"/> steps both ways, or for one epoch when null.
    /// </summary>
    public static LockstepResult Run(ModelRecipe recipe, string dataFolder, int? steps = null, long seed = 0)
    {
        if (steps < 1) throw new ArgumentException($"steps must be at least 1, got {steps}", nameof(steps));
        var clock = Stopwatch.StartNew();
        set_num_threads(recipe.Threads);
        using var setup = RunSetup.For(TrainSettings.For(recipe, CPU, "", dataFolder, seed));
        var stepCount = steps ?? setup.BatchesPerEpoch;
        var parameters = setup.Model.named_parameters().ToList();
        var names = parameters.Select(p => p.name).ToList();
        var weights = ByHandForward.Weights(setup.Model);
        var adam = new AdamByHand(names.Select(n => weights[n].Data).ToList(), recipe.LearningRate);

        float[] torchLogits = [];
        var hook = setup.Model.register_forward_hook((_, _, output) =>
        {
            torchLogits = output.detach().contiguous().data<float>().ToArray();
            return output;
        });
        (NdArray X, int[] Y, Tensor State)? batch = null;
        IEnumerable<(Tensor x, Tensor y)> Recorded()
        {
            foreach (var (x, y) in setup.Train)
            {
                batch?.State.Dispose();
                // Saved before the loop's forward pass draws this step's dropout masks.
                batch = (Array(x), y.data<long>().Select(v => (int)v).ToArray(), get_rng_state());
                yield return (x, y);
            }
        }

        var (torchLosses, handLosses, logitDifferences, drift) = (new List<double>(), new List<double>(),
            new List<double>(), new List<double>());
        using var enough = new CancellationTokenSource();
        var epochs = (stepCount + setup.BatchesPerEpoch - 1) / setup.BatchesPerEpoch;
        TrainingLoop.Fit(setup.Model, setup.Optimizer, Recorded(), setup.Valid, epochs, onStep: (_, _, loss) =>
        {
            var (x, y, state) = batch!.Value;
            var masks = DropoutReplay.Masks(recipe.Name, y.Length, state);
            var hand = ByHandTraining.Step(recipe.Name, weights, x, y, masks);
            adam.Step(names.Select(n => hand.Gradients[n].Data).ToList());
            torchLosses.Add(loss);
            handLosses.Add(hand.Loss);
            logitDifferences.Add(RelativeDifference(hand.Logits.Data, torchLogits));
            drift.Add(parameters.Max(p => WeightDifference(recipe.Name, p.name, weights[p.name].Data,
                Values(p.parameter))));
            if (torchLosses.Count == stepCount) enough.Cancel();
        }, cancel: enough.Token);
        batch?.State.Dispose();
        hook.remove();

        var moments = setup.Optimizer.state_dict().State.Cast<TorchSharp.Modules.Adam.State>().ToList();
        var tensors = names.Select((name, i) => new TensorDrift(name,
            WeightDifference(recipe.Name, name, weights[name].Data, Values(parameters[i].parameter)),
            RelativeDifference(adam.FirstMoments[i], Values(moments[i].exp_avg)),
            RelativeDifference(adam.SecondMoments[i], Values(moments[i].exp_avg_sq)))).ToList();
        var test = ByHandCheck.Compare(recipe, setup.Model, weights, setup.TestData);
        return new LockstepResult(recipe.Name, torchLosses.Count, setup.BatchesPerEpoch, torchLosses, handLosses,
            logitDifferences, drift, tensors, test, clock.Elapsed.TotalSeconds, LockstepTolerance.For(recipe.Name));
    }

    /// <summary>max |a − b| over max |b|: the difference on the scale of TorchSharp's values.</summary>
    public static double RelativeDifference(float[] byHand, float[] torchValues)
    {
        if (byHand.Length != torchValues.Length)
            throw new InvalidOperationException($"{byHand.Length} values by hand, {torchValues.Length} in TorchSharp");
        var (difference, scale) = (0.0, 0.0);
        for (var i = 0; i < byHand.Length; i++)
        {
            difference = Math.Max(difference, Math.Abs((double)byHand[i] - torchValues[i]));
            scale = Math.Max(scale, Math.Abs(torchValues[i]));
        }
        return scale > 0 ? difference / scale : difference;
    }

    // seq-attn's key bias adds the same q·b_k to every score of a query's row, which the softmax
    // takes away again: its true gradient is 0. Both runs compute rounding noise instead (about
    // 1e-9, different noise), and Adam, which divides m by √v, turns any nonzero gradient into a
    // step of about lr: the key bias wanders by ±lr per step in each run, differently. It cannot
    // change an output, so the comparison leaves it out; the query and value biases stay in.
    private static double WeightDifference(string model, string name, float[] byHand, float[] torchValues)
    {
        if (model != "seq-attn" || name != "encoder.self_attn.in_proj_bias")
            return RelativeDifference(byHand, torchValues);
        var third = byHand.Length / 3;
        return RelativeDifference([.. byHand[..third], .. byHand[(2 * third)..]],
            [.. torchValues[..third], .. torchValues[(2 * third)..]]);
    }

    private static float[] Values(Tensor t)
    {
        using var values = t.detach().contiguous();
        return values.data<float>().ToArray();
    }

    private static NdArray Array(Tensor t) => new(t.shape.Select(d => (int)d).ToArray(), Values(t));
}
