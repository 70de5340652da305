using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Attribution.Tests;

/// <summary>
/// Integrated gradients against completeness, Σ attributions = f(x) − f(b), which the exact integral
/// satisfies: its error small and falling as the steps grow on the lab's models, and none on a
/// linear model, whose gradient is constant along the path.
/// </summary>
[Collection(nameof(Serial))]
public class IntegratedGradientsTests
{
    public static TheoryData<string> Names => new(SeededModels.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Completeness_error_is_small_and_falls_as_the_steps_grow(string name)
    {
        using var model = SeededModels.Create(name, 21);
        using var scope = NewDisposeScope();
        var inputs = SeededModels.Inputs(name, 4, 22);
        // tiny-cnn in float64, as Attributions.Of explains it: SeededModels.Conv2dFloat32 says why.
        if (name == "tiny-cnn")
        {
            model.to(ScalarType.Float64);
            inputs = inputs.to_type(ScalarType.Float64);
        }
        var target = SeededModels.Targets(4);
        var baseline = zeros([1, .. inputs.shape[1..]], dtype: inputs.dtype);
        Tensor difference;
        using (no_grad())
            difference = (model.call(inputs) - model.call(baseline.expand_as(inputs))).gather(1, target.view(-1, 1))
                .view(-1).abs().clamp_min(1);   // max(|f(x) − f(b)|, 1), explain's bound

        var errors = new[] { 4, 16, 64 }.Select(steps =>
        {
            var (attributions, delta) = IntegratedGradients.Attribute(model, inputs, target, baseline, steps);
            Assert.Equal(inputs.shape, attributions.shape);
            Assert.Equal([4L], delta.shape);
            // Delta is what it says: Σ attributions − (f(x) − f(b)), recomputed here.
            Tensor logits;
            using (no_grad()) logits = model.call(inputs).gather(1, target.view(-1, 1)).view(-1)
                - model.call(baseline.expand_as(inputs)).gather(1, target.view(-1, 1)).view(-1);
            var recomputed = attributions.flatten(1).sum(1) - logits;
            Assert.True(delta.allclose(recomputed, rtol: 0, atol: 1e-5), $"{name}: Delta is not Σ attributions - Δf");
            return (delta.abs() / difference).max().to_type(ScalarType.Float64).item<double>();
        }).ToArray();
        var text = string.Join(", ", errors.Select(e => e.ToString("E2")));
        Assert.True(errors[2] < 0.05, $"{name}: |Delta| / max(|f(x) - f(b)|, 1) at 4, 16, 64 steps: {text}; at 64 over 5%");
        Assert.True(errors[2] < errors[0], $"{name}: the error did not fall from 4 to 64 steps: {text}");
    }

    [Fact]
    public void On_a_linear_model_the_attribution_is_exactly_the_weight_times_the_difference()
    {
        manual_seed(23);
        using var linear = nn.Linear(240, 3);
        using var model = nn.Sequential(nn.Flatten(), linear);
        model.eval();
        using var scope = NewDisposeScope();
        var inputs = SeededModels.Inputs("seq-cnn", 3, 24);               // (3, 4, 60)
        var target = SeededModels.Targets(3);
        var baseline = full([1, 4, 60], 0.25f);                           // the letters' mean, not zero

        var (attributions, delta) = IntegratedGradients.Attribute(model, inputs, target, baseline, steps: 1);
        var weight = linear.weight!.index_select(0, target).view(3, 4, 60);
        var expected = (inputs - baseline) * weight;
        var worst = (attributions - expected).abs().max().item<float>();
        Assert.True(worst < 1e-6, $"max |IG - (x - b) ⊙ w| = {worst:E2}");
        Assert.True(delta.abs().max().item<float>() < 1e-5, $"|Delta| = {delta.abs().max().item<float>():E2}");
    }
}
