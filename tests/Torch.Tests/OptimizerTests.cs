using TorchLab.Torch.Modules;
using TorchLab.Torch.Optim;
using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Tests;

public class OptimizerTests
{
    // Printed by tests/Torch.Tests/pytorch/optim_reference.py (PyTorch 1.13): w (3×2) then b
    // after 5 steps of each optimizer on OptimizerProblem. On Debian's libtorch they match bit for
    // bit; 1e-6 leaves room for another BLAS computing the loss's matmul differently.
    private static readonly Dictionary<string, (Func<IEnumerable<Parameter>, Optimizer> Make, double[] Expected)> Cases = new()
    {
        ["sgd"] = (p => optim.SGD(p, lr: 0.1),
            [0.5942795276641846, -0.3762533664703369, 0.6498332023620605, 0.8351339101791382, 0.16918902099132538, 1.0995866060256958, 0.0578683577477932, -0.2713049650192261]),
        ["sgd_momentum"] = (p => optim.SGD(p, lr: 0.05, momentum: 0.9, dampening: 0.1),
            [0.5573915839195251, -0.20843841135501862, 0.20673617720603943, 0.26670020818710327, 0.5337514281272888, 1.553966760635376, 0.0518590472638607, -0.2747375965118408]),
        ["sgd_nesterov"] = (p => optim.SGD(p, lr: 0.05, momentum: 0.9, nesterov: true),
            [0.6835848093032837, 0.06335616111755371, 0.1297977864742279, 0.10931339114904404, 0.5740832090377808, 1.6179137229919434, 0.028246954083442688, -0.3236845135688782]),
        ["sgd_weight_decay"] = (p => optim.SGD(p, lr: 0.1, momentum: 0.5, weight_decay: 0.01),
            [0.700552225112915, 0.012277579866349697, 0.2941383421421051, 0.31531158089637756, 0.4330573081970215, 1.437614917755127, 0.02997097186744213, -0.32123586535453796]),
        ["adam"] = (p => optim.Adam(p, lr: 0.01),
            [0.4528186619281769, -0.9500269889831543, 1.4500635862350464, 1.9500335454940796, -0.45004552602767944, 0.2999739944934845, 0.051667969673871994, -0.24954228103160858]),
        ["adam_weight_decay"] = (p => optim.Adam(p, lr: 0.01, weight_decay: 0.1),
            [0.4517013728618622, -0.9500284194946289, 1.4500619173049927, 1.9500329494476318, -0.4500466287136078, 0.2999721169471741, 0.051538415253162384, -0.24910347163677216]),
        ["adam_amsgrad"] = (p => optim.Adam(p, lr: 0.1, amsgrad: true),
            [0.596556544303894, -0.5041652321815491, 1.0091698169708252, 1.5047887563705444, -0.008445926010608673, 0.745996356010437, -0.021001413464546204, -0.4789521396160126]),
        ["adamw"] = (p => optim.AdamW(p, lr: 0.01, weight_decay: 0.1),
            [0.4508220851421356, -0.9451402425765991, 1.4426846504211426, 1.9401569366455078, -0.4476555287837982, 0.298624187707901, 0.05143658071756363, -0.24837613105773926]),
        ["adamw_amsgrad"] = (p => optim.AdamW(p, lr: 0.1, amsgrad: true),
            [0.5959951877593994, -0.500235915184021, 1.0028157234191895, 1.4958622455596924, -0.007074698805809021, 0.7437037229537964, -0.018988480791449547, -0.4742247462272644]),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Five_steps_match_pytorch(string name)
    {
        using var problem = new OptimizerProblem();
        using var optimizer = Cases[name].Make(problem.Parameters);
        problem.Train(optimizer, 5);
        OracleAssert.Close(Cases[name].Expected, problem.Values(), 1e-6, name);
        // The parameter without a gradient is skipped: unchanged, and no state is made for it.
        Assert.Equal(new[] { 1f, 1f }, problem.Unused.data<float>());
        using var scope = NewDisposeScope();
        Assert.DoesNotContain(optimizer.state_dict().Keys, key => key.StartsWith("state.2."));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Resuming_from_a_saved_state_dict_continues_exactly(string name)
    {
        using var straight = new OptimizerProblem();
        using (var optimizer = Cases[name].Make(straight.Parameters))
            straight.Train(optimizer, 6);

        using var resumed = new OptimizerProblem();
        var path = Path.Combine(Path.GetTempPath(), $"torchlab-resume-{name}-{Guid.NewGuid():N}.pt");
        try
        {
            using (var first = Cases[name].Make(resumed.Parameters))
            {
                resumed.Train(first, 3);
                using var scope = NewDisposeScope();
                save(first.state_dict(), path);
            }
            using var second = Cases[name].Make(resumed.Parameters);
            second.LearningRate = 42;  // load_state_dict restores hyper-parameters, as in PyTorch
            using (NewDisposeScope())
                second.load_state_dict(load(path));
            resumed.Train(second, 3);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Equal(straight.Values(), resumed.Values());  // bit-exact
    }

    [Fact]
    public void State_dict_has_pytorch_keys_and_values()
    {
        using var problem = new OptimizerProblem();
        using var optimizer = optim.Adam(problem.Parameters, lr: 0.01, amsgrad: true);
        problem.Train(optimizer, 2);
        using var scope = NewDisposeScope();
        var dict = optimizer.state_dict();
        Assert.Equal(new[]
        {
            "state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq", "state.0.max_exp_avg_sq",
            "state.1.step", "state.1.exp_avg", "state.1.exp_avg_sq", "state.1.max_exp_avg_sq",
            "param_groups.0.lr", "param_groups.0.betas", "param_groups.0.eps", "param_groups.0.weight_decay",
            "param_groups.0.amsgrad", "param_groups.0.params",
        }, dict.Keys);
        Assert.Equal(2f, dict["state.0.step"].item<float>());
        Assert.Equal(new long[] { 3, 2 }, dict["state.0.exp_avg"].shape);
        Assert.Equal(new[] { 0.9, 0.999 }, dict["param_groups.0.betas"].data<double>());
        Assert.Equal(new long[] { 0, 1, 2 }, dict["param_groups.0.params"].data<long>());
    }

    [Fact]
    public void Load_state_dict_names_the_offending_key_and_changes_nothing()
    {
        using var problem = new OptimizerProblem();
        using var optimizer = optim.SGD(problem.Parameters, lr: 0.1, momentum: 0.9);
        problem.Train(optimizer, 1);
        using var scope = NewDisposeScope();
        var good = optimizer.state_dict();

        var misshapen = new OrderedDictionary<string, Tensor>(good) { ["state.1.momentum_buffer"] = zeros(3) };
        var error = Assert.Throws<ArgumentException>(() => optimizer.load_state_dict(misshapen));
        Assert.Contains("'state.1.momentum_buffer' has shape [3] but its parameter has shape [2]", error.Message);

        var extra = new OrderedDictionary<string, Tensor>(good) { ["state.0.surprise"] = zeros(1) };
        error = Assert.Throws<ArgumentException>(() => optimizer.load_state_dict(extra));
        Assert.Contains("unexpected key(s) 'state.0.surprise'", error.Message);

        var missing = new OrderedDictionary<string, Tensor>(good);
        missing.Remove("param_groups.0.momentum");
        error = Assert.Throws<ArgumentException>(() => optimizer.load_state_dict(missing));
        Assert.Contains("missing key 'param_groups.0.momentum'", error.Message);

        using var fewer = optim.SGD(new[] { problem.W }, lr: 0.1, momentum: 0.9);
        error = Assert.Throws<ArgumentException>(() => fewer.load_state_dict(good));
        Assert.Contains("the state dict is for 3 parameters but this optimizer has 1", error.Message);

        using var adam = optim.Adam(problem.Parameters);
        Assert.Throws<ArgumentException>(() => adam.load_state_dict(good));  // an SGD dict

        var after = optimizer.state_dict();
        Assert.Equal(good["state.0.momentum_buffer"].data<float>(), after["state.0.momentum_buffer"].data<float>());
    }

    [Fact]
    public void Zero_grad_zeroes_by_default_and_drops_with_set_to_none()
    {
        using var problem = new OptimizerProblem();
        using var optimizer = optim.SGD(problem.Parameters, lr: 0.1);
        problem.Train(optimizer, 1);
        optimizer.zero_grad();
        using (var g = problem.W.grad!) Assert.All(g.data<float>(), v => Assert.Equal(0f, v));
        Assert.Null(problem.Unused.grad);
        optimizer.zero_grad(set_to_none: true);
        Assert.Null(problem.W.grad);
    }

    [Fact]
    public void Learning_rate_and_hyper_parameters_are_checked()
    {
        using var p = nn.Parameter(ones(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => optim.SGD(new[] { p }, lr: -1));
        Assert.Throws<ArgumentException>(() => optim.SGD(new[] { p }, lr: 0.1, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => optim.Adam(new[] { p }, beta2: 1.0));
        Assert.Throws<ArgumentException>(() => optim.Adam(new[] { p, p }));
        using var sgd = optim.SGD(new[] { p }, lr: 0.1);
        sgd.LearningRate = 0.5;
        Assert.Equal(0.5, sgd.LearningRate);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = double.NaN);
    }
}
