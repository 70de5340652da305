using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Attribution.Tests;

/// <summary>
/// Saliency against its second witness, central finite differences in float64, on the lab's models
/// seeded; input × gradient against x ⊙ saliency.
/// </summary>
[Collection(nameof(Serial))]
public class GradientTests
{
    // h = 1e-6 in float64: truncation (h² ≈ 1e-12) and rounding (1e-16 · |logit| / h ≈ 1e-10) both far below
    // the tolerance; a wrong gradient (a missing term, a wrong target) is off by 1e-2 or more.
    private const double Step = 1e-6;
    private const double Tolerance = 1e-6;

    public static TheoryData<string> Names => new(SeededModels.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Saliency_matches_central_finite_differences_in_float64(string name)
    {
        using var model = SeededModels.Create(name, 11);
        model.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var inputs = SeededModels.Inputs(name, 3, 12).to_type(ScalarType.Float64);   // (3, ...)
        var target = SeededModels.Targets(3);

        var gradient = Saliency.Attribute(model, inputs, target);
        Assert.Equal(inputs.shape, gradient.shape);
        Assert.Equal(ScalarType.Float64, gradient.dtype);
        for (var i = 0; i < 3; i++)
        {
            var flat = inputs[i].flatten();                                                   // (E)
            var elements = flat.shape[0];
            var steps = eye(elements, dtype: ScalarType.Float64) * Step;                     // (E, E)
            Tensor logits;
            using (no_grad())
                logits = model.call(cat([flat + steps, flat - steps]).view([2 * elements, .. inputs.shape[1..]]))
                    .select(1, target[i].item<long>());                                       // (2E)
            var numeric = (logits[..(int)elements] - logits[(int)elements..]) / (2 * Step);   // (E)
            var autograd = gradient[i].flatten();
            var scale = autograd.abs().max().item<double>();
            var error = (numeric - autograd).abs().max().item<double>() / scale;
            Assert.True(scale > 1e-3, $"{name}, input {i}: the gradient is too small ({scale:E2}) to check");
            Assert.True(error <= Tolerance, $"{name}, input {i}: max |finite difference - autograd| / max |gradient|" +
                $" = {error:E2}, over {Tolerance:E0} (h = {Step:E0})");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Input_x_gradient_is_the_input_times_the_saliency(string name)
    {
        using var model = SeededModels.Create(name, 13);
        using var scope = NewDisposeScope();
        var inputs = SeededModels.Inputs(name, 4, 14);
        // tiny-cnn in float64, as Attributions.Of explains it: SeededModels.Conv2dFloat32 says why.
        if (name == "tiny-cnn")
        {
            model.to(ScalarType.Float64);
            inputs = inputs.to_type(ScalarType.Float64);
        }
        var before = inputs.clone();
        var target = SeededModels.Targets(4);
        var product = InputXGradient.Attribute(model, inputs, target);
        var expected = inputs * Saliency.Attribute(model, inputs, target);
        Assert.Equal(inputs.dtype, product.dtype);
        Assert.True(product.eq(expected).all().item<bool>(), $"{name}: max difference {(product - expected).abs().max().to_type(ScalarType.Float64).item<double>():E2}");
        Assert.True(inputs.eq(before).all().item<bool>(), "the inputs were changed");
        Assert.All(model.parameters(), p => Assert.True(p.grad is null, "a parameter's .grad was written"));
    }
}
