using static TorchSharp.torch;
using static TorchLab.Manual.Tests.TorchArrays;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Manual.Tests;

/// <summary>
/// The backward passes of layer normalization, embedding and the broadcast add (seq-attn's
/// position vectors) against autograd, and layer normalization against central differences.
/// </summary>
public class NormEmbeddingBackwardTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void Layer_normalization_gradients_match_float64_autograd_for_random_shapes()
    {
        var random = new Random(61);
        foreach (var (shape, eps, affine) in new (int[], double, bool)[]
            { ([2, 3, 8], 1e-5, true), ([5, 2], 1e-5, true), ([4, 32], 1e-3, true), ([3, 60, 32], 1e-5, false),
              ([7], 0.1, true), ([2, 2, 2], 1e-5, true) })
        {
            using var scope = NewDisposeScope();
            var x = RandomArrays.Make(random, shape);
            var width = shape[^1];
            var (weight, bias) = affine
                ? (RandomArrays.Make(random, width).Data, RandomArrays.Make(random, width).Data) : (null, null);
            var upstream = GradientCheck.Upstream(random, shape);
            var what = $"layer norm of [{string.Join(", ", shape)}], eps {eps}, affine {affine}";

            // In float64: dx = ρ (g − mean g − x̂ mean(g x̂)) cancels, and float32 libtorch loses about
            // ρ·1e-7·|dy| to it, which for a row of two close values ([5, 2]) is more than the gradient itself.
            var torchX = ToTorch(x).to_type(ScalarType.Float64).requires_grad_();
            var torchWeight = tensor(weight ?? Enumerable.Repeat(1f, width).ToArray()).to_type(ScalarType.Float64)
                .requires_grad_();
            var torchBias = tensor(bias ?? new float[width]).to_type(ScalarType.Float64).requires_grad_();
            GradientCheck.Loss(F.layer_norm(torchX, [width], torchWeight, torchBias, eps), upstream).backward();
            var manual = LayerNormalization.Backward(x, upstream, weight, eps);
            GradientCheck.AssertClose(manual.Input, torchX.grad!, Tolerance, "dx, " + what);
            GradientCheck.AssertClose(manual.Weight, torchWeight.grad!, Tolerance, "dγ, " + what);
            GradientCheck.AssertClose(manual.Bias, torchBias.grad!, Tolerance, "dβ, " + what);
        }
    }

    [Fact]
    public void A_row_of_one_value_has_no_input_gradient_here_and_only_rounding_in_libtorch()
    {
        using var scope = NewDisposeScope();
        var random = new Random(65);
        var x = RandomArrays.Make(random, 5, 1);
        var upstream = GradientCheck.Upstream(random, 5, 1);
        var torchX = ToTorch(x).requires_grad_();
        var output = F.layer_norm(torchX, [1], tensor(new[] { 0.7f }), tensor(new[] { 0.1f }));
        GradientCheck.Loss(output, upstream).backward();
        // x̂ = 0 whatever x is, so dx = 0: a scale-relative check has no scale here.
        Assert.All(LayerNormalization.Backward(x, upstream, [0.7f]).Input.Data, g => Assert.Equal(0f, g));
        Assert.All(GradientCheck.Values(torchX.grad!), g => Assert.True(Math.Abs(g) < 1e-5, $"libtorch's dx {g}"));
    }

    [Fact]
    public void Layer_normalization_gradients_match_central_differences_in_float64()
    {
        using var scope = NewDisposeScope();
        var random = new Random(62);
        var x = RandomArrays.Make(random, 3, 5);
        var (weight, bias) = (RandomArrays.Make(random, 5).Data, RandomArrays.Make(random, 5).Data);
        var upstream = GradientCheck.Upstream(random, 3, 5);
        var manual = LayerNormalization.Backward(x, upstream, weight);
        var (torchX, torchWeight, torchBias) = (ToTorch(x).to_type(ScalarType.Float64),
            tensor(weight).to_type(ScalarType.Float64), tensor(bias).to_type(ScalarType.Float64));
        double Loss() => GradientCheck.Loss(F.layer_norm(torchX, [5], torchWeight, torchBias), upstream).item<double>();
        GradientCheck.AssertClose(manual.Input.Data, FiniteDifference.Of(Loss, torchX), 1e-6, "dx");
        GradientCheck.AssertClose(manual.Weight, FiniteDifference.Of(Loss, torchWeight), 1e-6, "dγ");
        GradientCheck.AssertClose(manual.Bias, FiniteDifference.Of(Loss, torchBias), 1e-6, "dβ");
    }

    [Fact]
    public void Embedding_gradient_accumulates_into_the_rows_read_as_autograd_does()
    {
        var random = new Random(63);
        foreach (var (rows, width, count) in new[] { (60, 32, 60), (10, 4, 25), (5, 3, 1), (7, 2, 3) })
        {
            using var scope = NewDisposeScope();
            var weight = RandomArrays.Make(random, rows, width);
            // Some rows read twice, some never.
            var indices = Enumerable.Range(0, count).Select(_ => random.Next(rows)).ToArray();
            var upstream = GradientCheck.Upstream(random, count, width);
            using var embedding = nn.Embedding(rows, width);
            using (no_grad()) embedding.weight!.copy_(ToTorch(weight));
            var output = embedding.call(tensor(indices.Select(i => (long)i).ToArray()));
            Assert.Equal(FromTorch(output).Data, EmbeddingLookup.Forward(weight, indices).Data);
            GradientCheck.Loss(output, upstream).backward();
            var what = $"embedding ({rows}, {width}) read at {count} indices";
            GradientCheck.AssertClose(EmbeddingLookup.Backward(weight, indices, upstream), embedding.weight!.grad!,
                Tolerance, what);
        }
    }

    [Fact]
    public void Broadcast_add_sends_the_summed_gradient_to_the_repeated_term()
    {
        var random = new Random(64);
        using var scope = NewDisposeScope();
        var x = RandomArrays.Make(random, 3, 6, 5);
        foreach (var shape in new[] { new[] { 3, 6, 5 }, [6, 5], [5] })
        {
            var b = RandomArrays.Make(random, shape);
            var upstream = GradientCheck.Upstream(random, 3, 6, 5);
            var (torchX, torchB) = (ToTorch(x).requires_grad_(), ToTorch(b).requires_grad_());
            GradientCheck.Loss(torchX + torchB, upstream).backward();
            GradientCheck.AssertClose(upstream, torchX.grad!, 0, $"d a of {x.ShapeText} + {b.ShapeText}");
            GradientCheck.AssertClose(AddGradient.OfRepeated(upstream, shape), torchB.grad!, Tolerance,
                $"d b of {x.ShapeText} + {b.ShapeText}");
        }
    }
}
