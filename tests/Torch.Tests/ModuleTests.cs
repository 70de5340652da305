using TorchLab.Torch.Modules;
using static TorchLab.Torch.torch;
using static TorchLab.Torch.Tests.PyTorchReference;

namespace TorchLab.Torch.Tests;

/// <summary>Modules against PyTorch 1.13 (pytorch/modules_reference.py): seeded initial weights and outputs.</summary>
public class ModuleTests
{
    private static readonly PyTorchReference Expected = Load("modules.json");

    [Fact]
    public void Seeded_modules_start_with_pytorchs_weights_and_compute_its_outputs()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        var modules = new (string prefix, nn.Module module)[]
        {
            ("conv2d", nn.Conv2d(3, 4, 5)),
            ("conv1d", nn.Conv1d(4, 8, 5, padding: 2)),
            ("linear", nn.Linear(20, 3)),
            ("gru", nn.GRU(4, 6, numLayers: 2, batchFirst: true, bidirectional: true)),
        };
        foreach (var (prefix, module) in modules)
        foreach (var (name, value) in module.state_dict())
            Expected.AssertMatches($"{prefix}.{name}", value, rtol: 0, atol: 1e-7);

        var gru = (GRU)modules[3].module;
        var (output, hN) = gru.call(Input([2, 5, 4]));
        Expected.AssertMatches("gru_output", output);
        Expected.AssertMatches("gru_h_n", hN);
        Expected.AssertMatches("conv1d_output", ((Conv1d)modules[1].module).call(Input([2, 4, 9])));
        foreach (var (_, module) in modules) module.Dispose();
    }

    [Fact]
    public void Gru_parameter_names_follow_pytorch()
    {
        using var gru = nn.GRU(4, 6, numLayers: 2, bidirectional: true);
        Assert.Equal(
            ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
             "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
             "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
             "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"],
            gru.named_parameters().Select(p => p.name));
        Assert.Equal(new long[] { 18, 12 }, gru.named_parameters().First(p => p.name == "weight_ih_l1").parameter.shape);
    }

    [Fact]
    public void Batch_norm_trains_running_statistics_and_evaluates_with_them()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm1d(3);
        Expected.AssertMatches("batchnorm_train_output", bn.call(Input([4, 3, 5]) * 2.0));
        Expected.AssertMatches("batchnorm_running_mean", bn.running_mean);
        Assert.Equal(1L, bn.num_batches_tracked.item<long>());
        bn.eval();
        Expected.AssertMatches("batchnorm_eval_output", bn.call(Input([2, 3, 5], 3)));
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], bn.state_dict().Keys);
        var error = Assert.Throws<ArgumentException>(() => bn.call(ones(2, 3, 4, 4)));
        Assert.Contains("expected 2D or 3D input (got 4D input", error.Message);
    }

    private sealed class Net : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1 = nn.Conv2d(1, 2, 3, padding: 1);
        private readonly BatchNorm bn = nn.BatchNorm2d(2);
        private readonly Sequential head = nn.Sequential(nn.Flatten(), nn.Linear(2 * 4 * 4, 3));

        public Net() : base(nameof(Net)) => RegisterComponents();

        public override Tensor forward(Tensor x) => head.call(nn.functional.relu(bn.call(conv1.call(x))));
    }

    [Fact]
    public void Registered_fields_give_pytorch_state_dict_keys_in_order()
    {
        using var net = new Net();
        using var scope = NewDisposeScope();
        Assert.Equal(
            ["conv1.weight", "conv1.bias", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked",
             "head.1.weight", "head.1.bias"],
            net.state_dict().Keys);
        Assert.Equal(6, net.parameters().Count());
        var y = net.call(ones(5, 1, 4, 4));
        Assert.Equal(new long[] { 5, 3 }, y.shape);
    }

    [Fact]
    public void Load_state_dict_copies_values_and_reports_every_problem()
    {
        using var source = new Net();
        using var target = new Net();
        using var scope = NewDisposeScope();
        target.load_state_dict(source.state_dict());
        var input = Input([2, 1, 4, 4]);
        source.eval();
        target.eval();
        Assert.True(source.call(input).allclose(target.call(input), rtol: 0, atol: 0));

        var broken = source.state_dict();
        broken.Remove("conv1.bias");
        broken["extra.weight"] = ones(1);
        broken["head.1.weight"] = ones(3, 7);
        var error = Assert.Throws<ArgumentException>(() => target.load_state_dict(broken));
        Assert.Contains("Missing key(s): \"conv1.bias\"", error.Message);
        Assert.Contains("Unexpected key(s): \"extra.weight\"", error.Message);
        Assert.Contains("size mismatch for head.1.weight: copying a param with shape [3, 7], the shape in current model is [3, 32]", error.Message);

        broken.Remove("head.1.weight");
        var (missing, unexpected) = target.load_state_dict(broken.Where(kv => kv.Key != "extra.weight")
            .ToDictionary(kv => kv.Key, kv => kv.Value), strict: false);
        Assert.Equal(["conv1.bias", "head.1.weight"], missing);
        Assert.Empty(unexpected);
    }

    [Fact]
    public void Train_eval_and_dropout_follow_the_mode()
    {
        using var scope = NewDisposeScope();
        using var model = nn.Sequential(nn.Linear(4, 4), nn.Dropout(0.5));
        Assert.True(model.training);
        model.eval();
        Assert.False(((nn.Module)model[1]).training);
        var x = ones(3, 4);
        Assert.True(model.call(x).allclose(model.call(x)));
    }

    [Fact]
    public void Gradients_flow_to_every_parameter_and_zero_grad_clears_them()
    {
        using var net = new Net();
        using var scope = NewDisposeScope();
        var loss = nn.functional.cross_entropy(net.call(Input([4, 1, 4, 4])), tensor(new long[] { 0, 1, 2, 1 }));
        loss.backward();
        foreach (var (name, parameter) in net.named_parameters())
            Assert.True(parameter.grad is not null, $"{name} got no gradient");
        net.zero_grad();
        Assert.All(net.parameters(), p => Assert.Null(p.grad));
    }

    [Fact]
    public void Module_to_dtype_converts_parameters_in_place()
    {
        using var linear = nn.Linear(2, 2);
        var weight = linear.weight;
        linear.to(float64);
        Assert.Same(weight, linear.weight);
        Assert.Equal(ScalarType.Float64, linear.weight.dtype);
        Assert.True(linear.weight.requires_grad);
    }

    [Fact]
    public void Invalid_layer_arguments_are_named()
    {
        var error = Assert.Throws<ArgumentException>(() => nn.Conv2d(3, 4, 3, groups: 2));
        Assert.Contains("in_channels (3) must be divisible by groups (2)", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => nn.Dropout(2));
    }
}
