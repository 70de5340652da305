using TorchSharp;
using static TorchSharp.torch;
using static TorchLab.Manual.Tests.TorchArrays;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Manual.Tests;

/// <summary>
/// The gradients of the other layers the CNNs use (cross-entropy, linear, ReLU, flatten, dropout,
/// max and global average pooling) by hand against libtorch's autograd, over seeded random inputs;
/// and how libtorch breaks ties in max pooling, pinned.
/// </summary>
public class LayerBackwardOracleTests
{
    private const double Tolerance = 1e-5;

    private static float[] Values(Tensor t) => t.contiguous().data<float>().ToArray();

    // dL/dinput for L = Σ G·f(input), which autograd gives as the vector-Jacobian product with G.
    private static float[] Autograd(Tensor output, Tensor input, NdArray g) =>
        Values(torch.autograd.grad([output], [input], [ToTorch(g)])[0]);

    private static NdArray RandomLike(Random random, Tensor t) =>
        RandomArrays.Make(random, t.shape.Select(d => (int)d).ToArray());

    [Fact]
    public void Cross_entropy_and_its_gradient_match_F_cross_entropy()
    {
        var random = new Random(301);
        var comparisons = new List<GradientComparison>();
        foreach (var (batch, classes, spread) in new[] { (1, 2, 1.0), (5, 3, 1.0), (64, 10, 4.0), (7, 3, 40.0) })
        {
            using var scope = NewDisposeScope();
            var logits = RandomArrays.Make(random, batch, classes);
            for (var i = 0; i < logits.Data.Length; i++) logits.Data[i] *= (float)spread;   // 40: exp overflows float
            var targets = Enumerable.Range(0, batch).Select(_ => random.Next(classes)).ToArray();
            var z = ToTorch(logits).requires_grad_();
            var loss = F.cross_entropy(z, tensor(targets.Select(t => (long)t).ToArray()));
            var what = $"N={batch} classes={classes} logits in ±{spread}";
            comparisons.Add(GradientComparison.Of($"loss, {what}", [(float)CrossEntropy.Forward(logits, targets)],
                [loss.item<float>()], Tolerance));
            var expected = Values(torch.autograd.grad([loss], [z])[0]);
            comparisons.Add(GradientComparison.Of($"dL/dz, {what}", CrossEntropy.Backward(logits, targets).Data,
                expected, Tolerance));
        }
        GradientComparison.AssertAllPassed(comparisons);
    }

    [Fact]
    public void Linear_layer_gradients_match_autograd_for_random_sizes()
    {
        var random = new Random(302);
        var comparisons = new List<GradientComparison>();
        (int, int, int)[] sizes = [(1, 1, 1), (4, 8, 3), (64, 64, 10), (7, 480, 3), (3, 3840, 3)];
        foreach (var (batch, inputs, outputs) in sizes)
        {
            using var scope = NewDisposeScope();
            var (x, w, b) = (RandomArrays.Make(random, batch, inputs), RandomArrays.Make(random, outputs, inputs),
                RandomArrays.Make(random, outputs));
            var (tx, tw, tb) = (ToTorch(x).requires_grad_(), ToTorch(w).requires_grad_(), ToTorch(b).requires_grad_());
            var output = F.linear(tx, tw, tb);
            var g = RandomLike(random, output);
            var expected = torch.autograd.grad([output], [tx, tw, tb], [ToTorch(g)]);
            var manual = LinearLayer.Backward(x, w, g);
            var what = $"linear {batch}x{inputs} -> {outputs}";
            // Sums of up to 64 products of values in [-1, 1]: terms of size up to 1.
            comparisons.AddRange([
                GradientComparison.Of($"dL/dx, {what}", manual.Input.Data, Values(expected[0]), Tolerance, 1),
                GradientComparison.Of($"dL/dW, {what}", manual.Weights.Data, Values(expected[1]), Tolerance, 1),
                GradientComparison.Of($"dL/db, {what}", manual.Bias, Values(expected[2]), Tolerance, 1),
            ]);
        }
        GradientComparison.AssertAllPassed(comparisons);
    }

    [Fact]
    public void Relu_flatten_and_dropout_gradients_equal_autograd_exactly()
    {
        var random = new Random(303);
        using var scope = NewDisposeScope();
        var x = RandomArrays.Make(random, 3, 4, 5, 6);
        x.Data[0] = 0f;   // libtorch's gradient at exactly 0 is 0
        var tx = ToTorch(x).requires_grad_();
        var g = RandomArrays.Make(random, 3, 4, 5, 6);
        GradientComparison.AssertAllPassed([
            GradientComparison.Of("relu", Elementwise.ReluBackward(x, g).Data, Autograd(F.relu(tx), tx, g), 0),
            GradientComparison.Of("flatten(1)", NdArray.FlattenBackward(g.Flatten(), x.Shape).Data,
                Autograd(tx.flatten(1), tx, g.Flatten()), 0),
        ]);
        Assert.Equal([3, 4, 5, 6], NdArray.FlattenBackward(g.Flatten(), x.Shape).Shape);

        // Torch's mask is what dropout makes of ones under the same seed: 0 or 1/(1 - p).
        var flat = RandomArrays.Make(random, 64, 480);
        var tflat = ToTorch(flat).requires_grad_();
        manual_seed(304);
        var dropped = F.dropout(tflat, 0.3, training: true);
        manual_seed(304);
        var mask = FromTorch(F.dropout(ones(64, 480), 0.3, training: true));
        var gFlat = RandomArrays.Make(random, 64, 480);
        Assert.Equal(Values(dropped), Elementwise.DropoutInTraining(flat, mask).Data);
        Assert.Equal(Autograd(dropped, tflat, gFlat), Elementwise.DropoutBackward(mask, gFlat).Data);
        var kept = mask.Data.Count(m => m != 0) / (double)mask.Data.Length;
        Assert.InRange(kept, 0.65, 0.75);
        Assert.All(mask.Data, m => Assert.True(m == 0f || m == (float)(1 / 0.7), $"mask value {m}"));
    }

    [Fact]
    public void Max_pooling_gradients_match_autograd_for_random_windows()
    {
        var random = new Random(305);
        var comparisons = new List<GradientComparison>();
        for (var trial = 0; trial < 100; trial++)
        {
            using var scope = NewDisposeScope();
            var kernel = random.Next(1, 5);
            var stride = random.Next(1, 4);
            var padding = random.Next(0, kernel / 2 + 1);
            var size = kernel + random.Next(0, 8);
            // Every other trial draws from {-1, 0, 1}, so that most windows hold a tie.
            var ties = trial % 2 == 1;
            var what = $"trial {trial}: kernel {kernel} stride {stride} padding {padding} size {size}"
                + (ties ? ", values in {-1, 0, 1}" : "");
            var x = Draw(random, ties, 2, 3, size, size + 2);
            var tx = ToTorch(x).requires_grad_();
            var output = F.max_pool2d(tx, [kernel], [stride], [padding]);
            var g = RandomLike(random, output);
            comparisons.Add(GradientComparison.Of("max_pool2d " + what,
                Pooling.MaxPool2dBackward(x, g, kernel, stride, padding).Data, Autograd(output, tx, g), 0));
            var s = Draw(random, ties, 2, 3, size);
            var ts = ToTorch(s).requires_grad_();
            var output1 = F.max_pool1d(ts, kernel, stride, padding);
            var g1 = RandomLike(random, output1);
            // Overlapping windows add up gradients in a different order: a float rounding apart.
            comparisons.Add(GradientComparison.Of("max_pool1d " + what,
                Pooling.MaxPool1dBackward(s, g1, kernel, stride, padding).Data, Autograd(output1, ts, g1), 1e-6, 1));
        }
        GradientComparison.AssertAllPassed(comparisons);
    }

    private static NdArray Draw(Random random, bool ties, params int[] shape)
    {
        var a = RandomArrays.Make(random, shape);
        if (ties)
            for (var i = 0; i < a.Data.Length; i++) a.Data[i] = random.Next(3) - 1;
        return a;
    }

    // The experiment behind MaxPool2dBackward's doc: windows whose values are all equal, and windows
    // with two equal maxima, in the layers' own configuration (kernel 2, stride 2) and overlapping.
    [Fact]
    public void Libtorch_sends_a_tied_maximums_gradient_to_the_first_in_reading_order()
    {
        using var scope = NewDisposeScope();
        // Window 1 holds four 5s; window 2 holds 7 at (0, 1) and at (1, 0).
        var x = new NdArray([1, 1, 2, 4], [5, 5, 1, 7, 5, 5, 7, 2]);
        var tx = ToTorch(x).requires_grad_();
        var g = new NdArray([1, 1, 1, 2], [10, 20]);
        var expected = Autograd(F.max_pool2d(tx, [2], [2], [0]), tx, g);
        Assert.Equal([10f, 0, 0, 20, 0, 0, 0, 0], expected);
        Assert.Equal(expected, Pooling.MaxPool2dBackward(x, g, 2).Data);

        var s = new NdArray([1, 1, 6], [3, 3, 3, 1, 4, 4]);
        var ts = ToTorch(s).requires_grad_();
        // Kernel 3, stride 1: the windows overlap. [3 3 3] and [3 3 1] pick their first 3, [3 1 4] and
        // [1 4 4] both the first 4, which collects both gradients.
        var g1 = new NdArray([1, 1, 4], [1, 10, 100, 1000]);
        var expected1 = Autograd(F.max_pool1d(ts, 3, 1), ts, g1);
        Assert.Equal([1f, 10, 0, 0, 1100, 0], expected1);
        Assert.Equal(expected1, Pooling.MaxPool1dBackward(s, g1, 3, 1).Data);

        // A NaN takes the window and keeps it: nothing compares larger than NaN.
        var withNan = new NdArray([1, 1, 4], [1, float.NaN, 3, 2]);
        var tn = ToTorch(withNan).requires_grad_();
        var one = new NdArray([1, 1, 1], [1]);
        var expectedNan = Autograd(F.max_pool1d(tn, 4), tn, one);
        Assert.Equal([0f, 1, 0, 0], expectedNan);
        Assert.Equal(expectedNan, Pooling.MaxPool1dBackward(withNan, one, 4).Data);
        Assert.True(float.IsNaN(Pooling.MaxPool1d(withNan, 4).Data[0]));

        // Sharing a tie's gradient equally, or giving it to the last, would not match.
        Assert.NotEqual([5f, 5, 0, 20, 5, 5, 0, 0], expected);
    }

    [Fact]
    public void Global_average_pooling_gradient_matches_autograd()
    {
        var random = new Random(306);
        var comparisons = new List<GradientComparison>();
        foreach (var length in new[] { 1, 5, 60, 257 })
        {
            using var scope = NewDisposeScope();
            var x = RandomArrays.Make(random, 3, 8, length);
            var tx = ToTorch(x).requires_grad_();
            var output = F.adaptive_avg_pool1d(tx, 1);
            var g = RandomLike(random, output);
            comparisons.Add(GradientComparison.Of($"global average pooling over {length}",
                Pooling.GlobalAvgPool1dBackward(g, length).Data, Autograd(output, tx, g), 1e-6));
        }
        GradientComparison.AssertAllPassed(comparisons);
    }
}
