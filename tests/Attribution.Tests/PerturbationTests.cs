using static TorchSharp.torch;

namespace TorchLab.Attribution.Tests;

/// <summary>
/// Occlusion and mutagenesis against their definitions: each modified input built by hand, one at a
/// time, and passed through the model on its own.
/// </summary>
[Collection(nameof(Serial))]
public class PerturbationTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Names => new(SeededModels.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Occlusion_is_the_mean_drop_of_the_windows_over_each_element(string name)
    {
        using var model = SeededModels.Create(name, 31);
        using var scope = NewDisposeScope();
        var inputs = SeededModels.Inputs(name, 2, 32);
        var target = SeededModels.Targets(2);
        var digits = name == "tiny-cnn";
        var window = digits ? 2 : 3;
        var baseline = zeros([1, .. inputs.shape[1..]]);
        var map = Occlusion.Attribute(model, inputs, target, baseline, window);
        Assert.Equal(inputs.shape, map.shape);

        var (rows, columns) = digits ? (8, 8) : (1, 60);
        var (windowRows, tops) = digits ? (window, rows - window + 1) : (1, 1);
        for (var i = 0; i < 2; i++)
        {
            var t = target[i].item<long>();
            var x = inputs[i].unsqueeze(0);                                   // (1, C, ...)
            var sums = new double[rows, columns];
            var counts = new int[rows, columns];
            var logit = Logit(model, x, t);
            for (var top = 0; top < tops; top++)
            for (var left = 0; left + window <= columns; left++)
            {
                var occluded = x.clone();
                for (var r = top; r < top + windowRows; r++)
                for (var c = left; c < left + window; c++)
                    if (digits) occluded[0, .., r, c] = 0; else occluded[0, .., c] = 0;
                var drop = logit - Logit(model, occluded, t);
                for (var r = top; r < top + windowRows; r++)
                for (var c = left; c < left + window; c++) { sums[r, c] += drop; counts[r, c]++; }
            }
            var actual = (digits ? map[i, 0] : map[i]).data<float>().ToArray();
            var present = (digits ? inputs[i, 0] : inputs[i]).data<float>().ToArray();
            var channels = digits ? 1 : 4;
            for (var channel = 0; channel < channels; channel++)
            for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var k = (channel * rows + r) * columns + c;
                var expected = present[k] == 0 ? 0 : sums[r, c] / counts[r, c];
                Assert.True(Math.Abs(actual[k] - expected) <= Tolerance, $"{name}, input {i}, channel {channel}, " +
                    $"({r}, {c}): occlusion {actual[k]}, by hand {expected}");
            }
        }
    }

    [Theory]
    [InlineData("seq-cnn")]
    [InlineData("seq-gru")]
    [InlineData("seq-attn")]
    public void Mutagenesis_is_each_mutants_own_change_of_the_logit(string name)
    {
        using var model = SeededModels.Create(name, 33);
        using var scope = NewDisposeScope();
        var inputs = SeededModels.Inputs(name, 2, 34);
        var before = inputs.clone();
        var target = SeededModels.Targets(2);
        var map = Mutagenesis.Attribute(model, inputs, target);
        Assert.Equal(inputs.shape, map.shape);
        Assert.True(inputs.eq(before).all().item<bool>(), "the inputs were changed");
        var worst = 0.0;
        for (var i = 0; i < 2; i++)
        {
            var t = target[i].item<long>();
            var x = inputs[i].unsqueeze(0);
            var logit = Logit(model, x, t);
            for (var position = 0; position < 60; position++)
            for (var letter = 0; letter < 4; letter++)
            {
                var value = map[i, letter, position].item<float>();
                if (inputs[i, letter, position].item<float>() == 1)
                {
                    Assert.Equal(0, value);
                    continue;
                }
                var mutant = x.clone();
                mutant[0, .., position] = 0;
                mutant[0, letter, position] = 1;
                worst = Math.Max(worst, Math.Abs(value - (Logit(model, mutant, t) - logit)));
            }
        }
        Assert.True(worst <= Tolerance, $"{name}: max |mutagenesis - one mutant at a time| = {worst:E2}");
    }

    [Fact]
    public void Mutagenesis_refuses_inputs_that_are_not_sequences()
    {
        using var model = SeededModels.Create("tiny-cnn", 35);
        var error = Assert.Throws<ArgumentException>(() =>
            Mutagenesis.Attribute(model, zeros(1, 1, 8, 8), zeros(1, dtype: ScalarType.Int64)));
        Assert.Contains("one-hot sequences (N, 4, L), not inputs of shape (1, 1, 8, 8)", error.Message);
    }

    private static double Logit(nn.Module<Tensor, Tensor> model, Tensor x, long target)
    {
        using var noGrad = no_grad();
        return model.call(x)[0, target].item<float>();
    }
}
