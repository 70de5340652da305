namespace TorchLab.Manual.Tests;

/// <summary>
/// A third witness, independent of autograd: each backward pass against the central difference
/// (L(θ + h) - L(θ - h)) / 2h of its own forward pass, on tiny cases, for L = Σ R·f(x) with a fixed
/// random R (so that dL/dout = R).
/// <para>
/// Precision, chosen rather than a double copy of every layer: the layers are float32, and the
/// differences are taken in double on inputs where the float code makes no rounding error at all.
/// Every input, weight, R and step h is a multiple of 1/64 of size at most a few units, so each
/// product and each sum of a few hundred of them is exact in float32. Convolution, linear, flatten,
/// pooling, ReLU and dropout (with p = 0.5, whose scale 2 is exact) are linear in each single value
/// (pooling and ReLU piecewise: their inputs are 1/8 apart and 1/16 from zero, more than h = 1/64),
/// so the central difference has no truncation error either: by-hand and numerical gradients must be
/// equal, and the tolerance is 0. Cross-entropy is curved: with h = 2⁻¹² and its loss summed in double
/// the difference is off by about h²/6 · |L'''| &lt; 1e-8, and the float gradient by one float rounding,
/// so its tolerance is 1e-6 of the gradient's scale.
/// </para>
/// </summary>
public class FiniteDifferenceTests
{
    private const float Step = 1f / 64;

    // Multiples of 1/8 in [-1, 1].
    private static NdArray Dyadic(Random random, params int[] shape)
    {
        var a = NdArray.Zeros(shape);
        for (var i = 0; i < a.Data.Length; i++) a.Data[i] = random.Next(-8, 9) / 8f;
        return a;
    }

    // Distinct odd multiples of 1/16, 1/8 apart: no ties in a pooling window, none at ReLU's kink.
    private static NdArray Distinct(Random random, params int[] shape)
    {
        var a = NdArray.Zeros(shape);
        var order = Enumerable.Range(1, a.Data.Length).OrderBy(_ => random.Next()).ToArray();
        for (var i = 0; i < a.Data.Length; i++) a.Data[i] = (order[i] - a.Data.Length / 2 - 0.5f) / 8f;
        return a;
    }

    private static double Weighted(NdArray output, NdArray weights)
    {
        Assert.Equal(weights.Shape, output.Shape);
        var sum = 0.0;
        for (var i = 0; i < output.Data.Length; i++) sum += (double)weights.Data[i] * output.Data[i];
        return sum;
    }

    // (L(θ + h) - L(θ - h)) / 2h for every value θ of `point`, moved in place and put back.
    private static float[] CentralDifference(float[] point, Func<double> loss, float h = Step)
    {
        var gradient = new float[point.Length];
        for (var i = 0; i < point.Length; i++)
        {
            var kept = point[i];
            point[i] = kept + h;
            var plus = loss();
            point[i] = kept - h;
            var minus = loss();
            point[i] = kept;
            gradient[i] = (float)((plus - minus) / (2.0 * h));
        }
        return gradient;
    }

    private static GradientComparison Exact(string what, float[] manual, float[] numerical) =>
        GradientComparison.Of(what + " vs central difference", manual, numerical, 0);

    [Theory]
    [InlineData(true, 1, 0, 1, 1, 3)]
    [InlineData(true, 2, 1, 1, 2, 3)]
    [InlineData(true, 1, 2, 2, 1, 2)]
    [InlineData(false, 2, 1, 2, 2, 3)]
    [InlineData(false, 3, 2, 1, 1, 4)]
    public void Convolution_gradients_equal_the_central_difference(bool twoDimensional, int stride, int padding,
        int dilation, int groups, int kernel)
    {
        var random = new Random(501 + stride * 7 + padding * 3 + dilation);
        var options = new ConvOptions(stride, padding, dilation, groups);
        int[] size = twoDimensional ? [5, 6] : [7];
        int[] taps = twoDimensional ? [kernel, kernel] : [kernel];
        var x = Dyadic(random, [2, 2 * groups, .. size]);
        var w = Dyadic(random, [2 * groups, 2, .. taps]);
        var bias = Dyadic(random, 2 * groups).Data;
        NdArray Forward() =>
            twoDimensional ? ConvLayer.Conv2d(x, w, bias, options) : ConvLayer.Conv1d(x, w, bias, options);
        var r = Dyadic(random, Forward().Shape);
        double Loss() => Weighted(Forward(), r);
        var manual = twoDimensional
            ? ConvLayer.Conv2dBackward(x, w, r, options)
            : ConvLayer.Conv1dBackward(x, w, r, options);
        var what = $"conv{(twoDimensional ? 2 : 1)}d k={kernel} stride={stride} pad={padding} dilation={dilation} "
            + $"groups={groups}";
        GradientComparison.AssertAllPassed([
            Exact("dL/dX, " + what, manual.Input.Data, CentralDifference(x.Data, Loss)),
            Exact("dL/dK, " + what, manual.Weights.Data, CentralDifference(w.Data, Loss)),
            Exact("dL/du, " + what, manual.Bias, CentralDifference(bias, Loss)),
        ]);
        Assert.Contains(manual.Input.Data, v => v != 0);   // the layer reached the input
    }

    [Fact]
    public void Linear_relu_flatten_dropout_and_pooling_gradients_equal_the_central_difference()
    {
        var random = new Random(511);
        var comparisons = new List<GradientComparison>();

        var (x, w, b) = (Dyadic(random, 3, 5), Dyadic(random, 4, 5), Dyadic(random, 4).Data);
        var r = Dyadic(random, 3, 4);
        double Linear() => Weighted(LinearLayer.Forward(x, w, b), r);
        var linear = LinearLayer.Backward(x, w, r);
        comparisons.Add(Exact("linear dL/dx", linear.Input.Data, CentralDifference(x.Data, Linear)));
        comparisons.Add(Exact("linear dL/dW", linear.Weights.Data, CentralDifference(w.Data, Linear)));
        comparisons.Add(Exact("linear dL/db", linear.Bias, CentralDifference(b, Linear)));

        var y = Distinct(random, 2, 3, 4);
        var ry = Dyadic(random, 2, 3, 4);
        comparisons.Add(Exact("relu", Elementwise.ReluBackward(y, ry).Data,
            CentralDifference(y.Data, () => Weighted(Elementwise.Relu(y), ry))));
        var rf = Dyadic(random, 2, 12);
        comparisons.Add(Exact("flatten", NdArray.FlattenBackward(rf, y.Shape).Data,
            CentralDifference(y.Data, () => Weighted(y.Flatten(), rf))));
        var mask = new NdArray(y.Shape, [.. y.Data.Select(_ => random.Next(2) * 2f)]);   // p = 0.5: 0 or 2
        comparisons.Add(Exact("dropout", Elementwise.DropoutBackward(mask, ry).Data,
            CentralDifference(y.Data, () => Weighted(Elementwise.DropoutInTraining(y, mask), ry))));

        var image = Distinct(random, 2, 2, 5, 6);
        foreach (var (kernel, stride, padding) in new[] { (2, 2, 0), (3, 1, 1), (3, 2, 1) })
        {
            var r2 = Dyadic(random, Pooling.MaxPool2d(image, kernel, stride, padding).Shape);
            comparisons.Add(Exact($"max_pool2d k={kernel} s={stride} p={padding}",
                Pooling.MaxPool2dBackward(image, r2, kernel, stride, padding).Data,
                CentralDifference(image.Data, () => Weighted(Pooling.MaxPool2d(image, kernel, stride, padding), r2))));
            var r1 = Dyadic(random, Pooling.MaxPool1d(y, kernel, stride, padding).Shape);
            comparisons.Add(Exact($"max_pool1d k={kernel} s={stride} p={padding}",
                Pooling.MaxPool1dBackward(y, r1, kernel, stride, padding).Data,
                CentralDifference(y.Data, () => Weighted(Pooling.MaxPool1d(y, kernel, stride, padding), r1))));
        }
        var sequence = Dyadic(random, 2, 3, 8);   // a length of 8: the mean's division is exact
        var rg = Dyadic(random, 2, 3, 1);
        comparisons.Add(Exact("global average pooling", Pooling.GlobalAvgPool1dBackward(rg, 8).Data,
            CentralDifference(sequence.Data, () => Weighted(Pooling.GlobalAvgPool1d(sequence), rg))));
        GradientComparison.AssertAllPassed(comparisons);
    }

    [Fact]
    public void Cross_entropy_gradient_equals_the_central_difference()
    {
        var random = new Random(512);
        foreach (var (batch, classes) in new[] { (1, 2), (4, 3), (6, 10) })
        {
            var logits = Dyadic(random, batch, classes);
            for (var i = 0; i < logits.Data.Length; i++) logits.Data[i] *= 4;   // probabilities far from uniform
            var targets = Enumerable.Range(0, batch).Select(_ => random.Next(classes)).ToArray();
            var numerical = CentralDifference(logits.Data, () => CrossEntropy.Forward(logits, targets), 1f / 4096);
            var comparison = GradientComparison.Of($"cross-entropy N={batch} classes={classes} vs central difference",
                CrossEntropy.Backward(logits, targets).Data, numerical, 1e-6);
            Assert.True(comparison.Passed, comparison.ToString());
        }
    }
}
