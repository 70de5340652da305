using TorchSharp;
using static TorchSharp.torch;
using static TorchLab.Manual.Tests.TorchArrays;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Manual.Tests;

/// <summary>
/// The gradient checks can fail: each case computes a gradient with one formula gone wrong in a
/// way a learner might get it wrong, and the same check the backward tests use, at their
/// tolerance, must report it, while the right gradient passes on the same input.
/// </summary>
public class GradientMutationTests
{
    public static TheoryData<string> Mutations =>
    [
        "softmax without subtracting the weighted mean",
        "attention without the 1/√d on dQ",
        "layer norm without the paths through mean and variance",
        "multi-head attention with key and value rows swapped in in_proj's gradient",
        "GRU gradient without what each step sends back through h",
        "encoder layer with norm1's and norm2's weight gradients swapped",
        "one value of a correct gradient moved by 1e-4 of the scale",
    ];

    [Theory]
    [MemberData(nameof(Mutations))]
    public void A_wrong_gradient_fails_the_check_that_the_right_one_passes(string mutation)
    {
        using var scope = NewDisposeScope();
        var random = new Random(81);
        var (right, wrong, reference, tolerance) = Case(mutation, random);
        var passed = GradientCheck.Compare(right, reference, tolerance);
        Assert.True(passed.Passed,
            $"{mutation}: the right gradient failed, {passed.Difference:E2} > {passed.Tolerance:E2}");
        var failed = GradientCheck.Compare(wrong, reference, tolerance);
        Assert.False(failed.Passed,
            $"{mutation}: the check passed a wrong gradient, max difference {failed.Difference:E2} " +
            $"within {failed.Tolerance:E2}");
    }

    // Position t of (N, L, F) as a sequence of one, (N, 1, F).
    private static NdArray Position(NdArray a, int t)
    {
        int batch = a.Shape[0], length = a.Shape[1], width = a.Shape[2];
        var data = new float[batch * width];
        for (var n = 0; n < batch; n++) Array.Copy(a.Data, (n * length + t) * width, data, n * width, width);
        return new NdArray([batch, 1, width], data);
    }

    private static (float[] Right, float[] Wrong, double[] Reference, double Tolerance) Case(string mutation,
        Random random)
    {
        switch (mutation)
        {
            case var m when m.StartsWith("softmax"):
            {
                var x = RandomArrays.Make(random, 4, 6);
                var upstream = GradientCheck.Upstream(random, 4, 6);
                var torchX = ToTorch(x).requires_grad_();
                GradientCheck.Loss(F.softmax(torchX, -1), upstream).backward();
                var y = SoftmaxByHand.Forward(x);
                var wrong = y.Data.Zip(upstream.Data, (p, g) => p * g).ToArray();   // y ⊙ dy
                return (SoftmaxByHand.Backward(y, upstream).Data, wrong, GradientCheck.Values(torchX.grad!), 1e-5);
            }
            case var m when m.StartsWith("attention"):
            {
                var (q, k, v) = (RandomArrays.Make(random, 2, 3, 8), RandomArrays.Make(random, 2, 4, 8),
                    RandomArrays.Make(random, 2, 4, 5));
                var upstream = GradientCheck.Upstream(random, 2, 3, 5);
                var torchQ = ToTorch(q).requires_grad_();
                GradientCheck.Loss(F.scaled_dot_product_attention(torchQ, ToTorch(k), ToTorch(v)), upstream).backward();
                var right = ScaledDotProductAttention.Backward(q, k, v, upstream).Query.Data;
                var wrong = right.Select(g => g * (float)Math.Sqrt(8)).ToArray();
                return (right, wrong, GradientCheck.Values(torchQ.grad!), 1e-5);
            }
            case var m when m.StartsWith("layer norm"):
            {
                var x = RandomArrays.Make(random, 3, 8);
                var weight = RandomArrays.Make(random, 8).Data;
                var upstream = GradientCheck.Upstream(random, 3, 8);
                var torchX = ToTorch(x).to_type(ScalarType.Float64).requires_grad_();
                var output = F.layer_norm(torchX, [8], tensor(weight).to_type(ScalarType.Float64));
                GradientCheck.Loss(output, upstream).backward();
                var wrong = new float[x.Data.Length];   // dx = ρ γ dy, as if mean and variance were constants
                for (var row = 0; row < 3; row++)
                {
                    var values = x.Data[(row * 8)..((row + 1) * 8)];
                    var mean = values.Average();
                    var inverseDeviation = 1 / Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average() + 1e-5);
                    for (var i = 0; i < 8; i++)
                        wrong[row * 8 + i] = (float)(inverseDeviation * weight[i] * upstream.Data[row * 8 + i]);
                }
                return (LayerNormalization.Backward(x, upstream, weight).Input.Data, wrong,
                    GradientCheck.Values(torchX.grad!), 1e-5);
            }
            case var m when m.StartsWith("multi-head"):
            {
                manual_seed(82);
                using var mha = nn.MultiheadAttention(8, 2);
                var state = mha.state_dict().ToDictionary(kv => kv.Key, kv => FromTorch(kv.Value));
                var projections = new AttentionProjections(state["in_proj_weight"], state["in_proj_bias"].Data,
                    state["out_proj.weight"], state["out_proj.bias"].Data);
                var (query, key) = (RandomArrays.Make(random, 2, 3, 8), RandomArrays.Make(random, 2, 5, 8));
                var upstream = GradientCheck.Upstream(random, 2, 3, 8);
                var (torchQuery, torchKey) = (ToTorch(query).transpose(0, 1), ToTorch(key).transpose(0, 1));
                var output = mha.call(torchQuery, torchKey, torchKey, null, false, null).Item1;
                GradientCheck.Loss(output.transpose(0, 1), upstream).backward();
                var right = MultiHeadAttentionByHand.Backward(query, key, key, projections, 2, upstream).Projections
                    .InProjectionWeight.Data;
                var wrong = right[..64].Concat(right[128..]).Concat(right[64..128]).ToArray();
                return (right, wrong, GradientCheck.Values(mha.get_parameter("in_proj_weight")!.grad!), 1e-5);
            }
            case var m when m.StartsWith("GRU"):
            {
                using var gru = nn.GRU(3, 4, batchFirst: true);
                var state = gru.state_dict().ToDictionary(kv => kv.Key, kv => FromTorch(kv.Value));
                var weights = new GruWeights(state["weight_ih_l0"], state["weight_hh_l0"], state["bias_ih_l0"].Data,
                    state["bias_hh_l0"].Data);
                var x = RandomArrays.Make(random, 2, 5, 3);
                var upstream = GradientCheck.Upstream(random, 2, 5, 4);
                var torchX = ToTorch(x).requires_grad_();
                GradientCheck.Loss(gru.call(torchX).Item1, upstream).backward();
                // Truncated after one step: position t's gradient from its own output only, as if h_{t-1} were data.
                var wrong = new float[x.Data.Length];
                var output = GruLayer.Forward(x, weights);
                for (var t = 0; t < 5; t++)
                {
                    var h0 = t == 0 ? NdArray.Zeros(1, 2, 4) : Position(output, t - 1).Reshape(1, 2, 4);
                    var dx = GruLayer.Backward(Position(x, t), Position(upstream, t), weights, initialState: h0).Input;
                    for (var n = 0; n < 2; n++)
                    for (var i = 0; i < 3; i++)
                        wrong[(n * 5 + t) * 3 + i] = dx[n, 0, i];
                }
                var right = GruLayer.Backward(x, upstream, weights).Input.Data;
                return (right, wrong, GradientCheck.Values(torchX.grad!), 2e-5);
            }
            case var m when m.StartsWith("encoder"):
            {
                manual_seed(83);
                using var layer = nn.TransformerEncoderLayer(8, 2, 16, dropout: 0.0);
                var generator = new Generator(83);
                using (no_grad())
                    foreach (var (name, p) in layer.named_parameters())
                        if (name.Contains("norm")) p.uniform_(-0.5, 1.0, generator);
                var weights = EncoderLayerWeights.FromStateDict(
                    layer.state_dict().ToDictionary(kv => kv.Key, kv => FromTorch(kv.Value)));
                var x = RandomArrays.Make(random, 2, 4, 8);
                var upstream = GradientCheck.Upstream(random, 2, 4, 8);
                GradientCheck.Loss(layer.call(ToTorch(x).transpose(0, 1)).transpose(0, 1), upstream).backward();
                var gradients = TransformerEncoderLayerByHand.Backward(x, weights, 2, upstream).Weights;
                var reference = GradientCheck.Values(layer.get_parameter("norm1.weight")!.grad!);
                return (gradients.Norm1Weight, gradients.Norm2Weight, reference, 2e-5);
            }
            default:
            {
                var x = RandomArrays.Make(random, 3, 7);
                var upstream = GradientCheck.Upstream(random, 3, 7);
                var torchX = ToTorch(x).requires_grad_();
                GradientCheck.Loss(F.softmax(torchX, -1), upstream).backward();
                var reference = GradientCheck.Values(torchX.grad!);
                var right = SoftmaxByHand.Backward(SoftmaxByHand.Forward(x), upstream).Data;
                var wrong = (float[])right.Clone();
                wrong[5] += (float)(1e-4 * reference.Max(Math.Abs));
                return (right, wrong, reference, 1e-5);
            }
        }
    }
}
