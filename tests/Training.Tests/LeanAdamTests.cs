using System.Text.Json;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchLab.Training.Tests;

/// <summary>
/// <see cref="LeanAdam"/> against PyTorch 1.13's Adam: the same gradients in, the parameters
/// after each of 40 steps compared (fixture from tests/Training.Tests/pytorch/adam_fixture.py).
/// </summary>
public class LeanAdamTests
{
    private static readonly JsonElement Fixture =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "adam_steps.json"))).RootElement;

    private static float[] Values(JsonElement array) => array.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private static long[][] Shapes => Fixture.GetProperty("shapes").EnumerateArray().Select(s => s.EnumerateArray().Select(d => d.GetInt64()).ToArray()).ToArray();

    private static Parameter[] InitialParameters() =>
        Fixture.GetProperty("initial").EnumerateArray().Select((values, i) => new Parameter(tensor(Values(values), Shapes[i]))).ToArray();

    /// <summary>Runs the fixture's steps through <paramref name="optimizer"/>; the largest |ours - PyTorch's| over all steps.</summary>
    private static double WorstDifference(Parameter[] parameters, optim.Optimizer optimizer)
    {
        var worst = 0.0;
        foreach (var step in Fixture.GetProperty("steps").EnumerateArray())
        {
            var grads = step.GetProperty("grads").EnumerateArray().ToArray();
            var expected = step.GetProperty("params").EnumerateArray().ToArray();
            for (var i = 0; i < parameters.Length; i++) parameters[i].grad = tensor(Values(grads[i]), Shapes[i]);
            optimizer.step();
            for (var i = 0; i < parameters.Length; i++)
            {
                using var pytorch = tensor(Values(expected[i]), Shapes[i]);
                worst = Math.Max(worst, (parameters[i] - pytorch).abs().max().item<float>());
            }
        }
        return worst;
    }

    [Fact]
    public void Forty_steps_give_pytorchs_parameters_to_1e_6()
    {
        var parameters = InitialParameters();
        using var optimizer = new LeanAdam(parameters, lr: Fixture.GetProperty("lr").GetDouble());
        var worst = WorstDifference(parameters, optimizer);
        Assert.True(worst <= 1e-6, $"max |LeanAdam - PyTorch| parameter = {worst:E2}");
    }

    [Fact]
    public void Keeps_its_moments_in_torchsharps_adam_state_for_checkpoints()
    {
        var parameters = InitialParameters();
        using var lean = new LeanAdam(parameters, lr: 3e-3);
        WorstDifference(parameters, lean);
        var moments = lean.state_dict().State.Cast<Adam.State>().ToList();
        Assert.Equal(2, moments.Count);
        Assert.All(moments, m => Assert.Equal(40, m.step));
        Assert.All(moments, m => Assert.True(m.exp_avg_sq.min().item<float>() > 0, "exp_avg_sq was never updated"));
    }

    [Fact]
    public void Zero_grad_drops_the_gradients_and_backward_then_gives_the_same_ones_as_after_zeroing()
    {
        manual_seed(0);
        var input = randn(16, 5);
        var dropped = new Parameter(randn(3, 5));
        var zeroed = new Parameter(dropped.detach().clone());
        using var lean = new LeanAdam([dropped]);
        using var torchSharps = optim.Adam([zeroed]);
        for (var pass = 0; pass < 2; pass++)
        {
            lean.zero_grad();
            torchSharps.zero_grad();
            if (pass > 0) Assert.True(dropped.grad is null, "LeanAdam.zero_grad left a gradient");
            using (NewDisposeScope())
            {
                input.matmul(dropped.t()).tanh().sum().backward();
                input.matmul(zeroed.t()).tanh().sum().backward();
            }
            using var ours = dropped.grad!;
            using var theirs = zeroed.grad!;
            var difference = (ours - theirs).abs().max().item<float>();
            Assert.True(difference == 0, $"pass {pass}: gradients differ by {difference:E2}");
        }
    }

    [Fact]
    public void A_loaded_state_dict_carries_on_exactly_as_the_optimizer_it_came_from()
    {
        manual_seed(1);
        var gradients = Enumerable.Range(0, 20).Select(_ => (randn(8, 1, 3, 3), randn(8))).ToArray();
        var first = InitialParameters();
        var second = InitialParameters();
        using var original = new LeanAdam(first, lr: 3e-3);
        using var restored = new LeanAdam(second, lr: 3e-3);
        void Step(Parameter[] parameters, optim.Optimizer optimizer, int i)
        {
            (parameters[0].grad, parameters[1].grad) = (gradients[i].Item1.clone(), gradients[i].Item2.clone());
            optimizer.step();
        }
        for (var i = 0; i < 10; i++) Step(first, original, i);
        using (no_grad())
            for (var p = 0; p < 2; p++) second[p].copy_(first[p]);
        restored.load_state_dict(original.state_dict());
        for (var i = 10; i < 20; i++)
        {
            Step(first, original, i);
            Step(second, restored, i);
        }
        for (var p = 0; p < 2; p++)
        {
            var difference = (first[p] - second[p]).abs().max().item<float>();
            Assert.True(difference == 0, $"parameter {p}: the restored optimizer is off by {difference:E2}");
        }
    }

    [Fact]
    public void A_parameter_given_new_storage_after_construction_is_still_the_one_updated()
    {
        var parameter = new Parameter(ones(4));
        using var optimizer = new LeanAdam([parameter], lr: 1e-3);
        using (no_grad())
            parameter.set_(full(4, 2f));   // as to(device) or a load that swaps tensors would
        parameter.grad = ones(4);
        optimizer.step();
        // Adam's first step moves each element by lr (exp_avg / sqrt(exp_avg_sq) = 1 after the bias corrections).
        var worst = (parameter - 1.999f).abs().max().item<float>();
        Assert.True(worst < 1e-6, $"the parameter is {parameter[0].item<float>()}, expected 1.999");
    }
}
