using TorchLab.Explanation;
using TorchLab.Models;
using TorchLab.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.TorchLab.Tests.Explanation;

/// <summary>
/// Each check of <see cref="AttributionChecks"/> passing where it should and failing where it should: on the lab's
/// models as torch.manual_seed initialises them, on linear models whose answers are known, and on a model whose
/// autograd gradient is wrong on purpose.
/// </summary>
[Collection(nameof(Serial))]
public class AttributionChecksTests
{
    private static Tensor Sequences(int count, long seed)
    {
        var letters = randint(0, 4, [count, 60], generator: new Generator((ulong)seed));
        return nn.functional.one_hot(letters, 4).transpose(1, 2).to_type(ScalarType.Float32).contiguous();  // (N, 4, 60)
    }

    // The first digits of digits.csv, scaled 0..1 as the data loader scales them.
    private static Tensor Digits(int count) => tensor(File.ReadLines(DataFiles.File("digits.csv")).Skip(1).Take(count)
        .SelectMany(r => r.Split(',')[1..])
        .Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture) / 16).ToArray(),
        [count, 1, 8, 8]);                                                                             // (N, 1, 8, 8)

    private static nn.Module<Tensor, Tensor> Seeded(Func<nn.Module<Tensor, Tensor>> create, long seed)
    {
        manual_seed(seed);
        var model = create();
        model.eval();
        return model;
    }

    [Fact]
    public void Finite_differences_pass_on_the_lab_models_and_fail_with_too_large_a_step()
    {
        using var scope = NewDisposeScope();
        using var seqCnn = Seeded(() => new SeqCnn(), 41);
        using var tinyCnn = Seeded(() => new TinyCnn(), 42);
        var sequences = Sequences(2, 43);
        var passed = AttributionChecks.FiniteDifference(seqCnn, sequences, tensor(new long[] { 0, 1 }));
        // Random pixels, not digits.csv's: its 17 levels and blank areas tie inside max pooling's windows, a kink that
        // a difference quotient straddles (the check then fails, rightly, at that element).
        var pixels = rand([2, 1, 8, 8], generator: new Generator(56));
        var digits = AttributionChecks.FiniteDifference(tinyCnn, pixels, tensor(new long[] { 3, 7 }));
        Assert.True(passed.Passed, $"seq-cnn: {passed.MaxRelativeError:E2} over {passed.Tolerance:E0}");
        Assert.True(digits.Passed, $"tiny-cnn: {digits.MaxRelativeError:E2} over {digits.Tolerance:E0}");
        Assert.Equal(ScalarType.Float32, seqCnn.parameters().First().dtype);

        // A step of 1 crosses ReLU's kinks: the difference quotient is no longer the gradient, and the check says so.
        var coarse = AttributionChecks.FiniteDifference(seqCnn, sequences, tensor(new long[] { 0, 1 }), step: 1);
        Assert.False(coarse.Passed, $"a step of 1 passed: {coarse.MaxRelativeError:E2}");
    }

    /// <summary>logits = W x + (x²).detach() · V: autograd sees W alone, finite differences see 2 x V too.</summary>
    private sealed class DetachedSquare : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Linear linear = nn.Linear(240, 3);
        private readonly TorchSharp.Modules.Linear square = nn.Linear(240, 3, hasBias: false);

        public DetachedSquare() : base(nameof(DetachedSquare)) => RegisterComponents();

        public override Tensor forward(Tensor x)
        {
            var flat = x.flatten(1);                                        // (N, 240)
            return linear.call(flat) + square.call(flat.square().detach()); // (N, 3)
        }
    }

    [Fact]
    public void Finite_differences_fail_on_a_gradient_that_misses_a_term()
    {
        using var scope = NewDisposeScope();
        using var model = Seeded(() => new DetachedSquare(), 44);
        var check = AttributionChecks.FiniteDifference(model, Sequences(2, 45), tensor(new long[] { 0, 2 }));
        Assert.False(check.Passed, $"a detached term passed: {check.MaxRelativeError:E2}");
        Assert.True(check.MaxRelativeError > 0.1, $"{check.MaxRelativeError:E2}");
    }

    [Fact]
    public void Completeness_error_falls_as_the_steps_grow_and_is_nothing_on_a_linear_model()
    {
        using var scope = NewDisposeScope();
        using var seqCnn = Seeded(() => new SeqCnn(), 46);
        using var tinyCnn = Seeded(() => new TinyCnn(), 47);
        foreach (var (name, model, inputs, target) in new[]
        {
            ("seq-cnn", seqCnn, Sequences(3, 48), tensor(new long[] { 0, 1, 2 })),
            ("tiny-cnn", tinyCnn, Digits(3), tensor(new long[] { 0, 1, 2 })),
        })
        {
            var checks = AttributionChecks.Completeness(model, inputs, target, [2, 16, 128]);
            var text = string.Join(", ", checks.Select(c => $"{c.Steps}: {c.MaxRelativeError:E2}"));
            Assert.Equal([2, 16, 128], checks.Select(c => c.Steps));
            Assert.True(checks[2].MaxRelativeError < checks[0].MaxRelativeError, $"{name}: {text}");
            Assert.True(checks[2].MaxRelativeError < 0.05, $"{name}: {text}");
        }

        using var linear = Seeded(() => nn.Sequential(nn.Flatten(), nn.Linear(240, 3)), 49);
        var exact = AttributionChecks.Completeness(linear, Sequences(3, 50), tensor(new long[] { 0, 1, 2 }), [1]);
        Assert.True(exact[0].MaxRelativeError < 1e-5, $"linear, 1 step: {exact[0].MaxRelativeError:E2}");
    }

    [Fact]
    public void Mutagenesis_agreement_is_a_correlation_and_high_on_a_linear_model()
    {
        using var scope = NewDisposeScope();
        using var seqCnn = Seeded(() => new SeqCnn(), 51);
        using var linear = Seeded(() => nn.Sequential(nn.Flatten(), nn.Linear(240, 3)), 52);
        var inputs = Sequences(4, 53);
        var target = tensor(new long[] { 0, 1, 2, 0 });
        var cnn = AttributionChecks.MutagenesisAgreement(seqCnn, inputs, target);
        Assert.Equal(4, cnn.PerInput.Count);
        Assert.All(cnn.PerInput, rho => Assert.InRange(rho, -1, 1));
        // Linear: the mean drop at p is w[present, p] − the mean of the other letters' w, input × gradient is
        // w[present, p]; they share the larger term.
        var agreement = AttributionChecks.MutagenesisAgreement(linear, inputs, target);
        Assert.True(agreement.Mean > 0.7, $"linear model: ρ = {string.Join(", ", agreement.PerInput)}");
    }

    [Fact]
    public void Randomisation_flags_a_map_that_follows_the_input_and_not_one_that_follows_the_model()
    {
        using var scope = NewDisposeScope();
        // Two linear models on the digits, two seeds: the gradient is each model's weight, unrelated; input ×
        // gradient is zero on every blank pixel whatever the weights, so its two maps still agree there.
        using var trained = Seeded(() => nn.Sequential(nn.Flatten(), nn.Linear(64, 10)), 54);
        using var randomised = Seeded(() => nn.Sequential(nn.Flatten(), nn.Linear(64, 10)), 55);
        var digits = Digits(8);
        var target = tensor(new long[] { 0, 1, 2, 3, 4, 5, 6, 7 });
        var product = AttributionChecks.Randomisation(AttributionMethod.InputXGradient, trained, randomised, digits,
            target, LabData.Digits);
        var gradient = AttributionChecks.Randomisation(AttributionMethod.Gradient, trained, randomised, digits,
            target, LabData.Digits);
        Assert.True(product.BarelyChanges, $"input × gradient: ρ = {product.Correlation:F3}");
        Assert.False(gradient.BarelyChanges, $"gradient: ρ = {gradient.Correlation:F3}");
        Assert.InRange(gradient.Correlation, -1, 1);
    }
}
