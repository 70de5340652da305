using TorchSharp;
using static TorchSharp.torch;
using static TorchLab.Manual.Tests.TorchArrays;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Manual.Tests;

/// <summary>
/// The backward passes of softmax, scaled dot-product attention and <c>nn.MultiheadAttention</c>
/// by hand against autograd, over seeded random sizes, heads, masks, self- and cross-attention,
/// and multi-head attention against central differences in float64.
/// </summary>
public class AttentionBackwardTests
{
    // float32 libtorch against double sums here: measured worst about 1e-6 of the scale.
    private const double Tolerance = 1e-5;

    private static bool[,] RandomMayAttend(Random random, int queries, int keys)
    {
        var mask = new bool[queries, keys];
        for (var i = 0; i < queries; i++)
        {
            for (var j = 0; j < keys; j++) mask[i, j] = random.Next(3) > 0;
            mask[i, random.Next(keys)] = true;
        }
        return mask;
    }

    // torch's inverted dropout as the mask it draws: 0, or 1/(1 − p) for a kept value.
    private static NdArray DropoutMask(Random random, double p, params int[] shape)
    {
        var mask = NdArray.Zeros(shape);
        for (var i = 0; i < mask.Data.Length; i++) mask.Data[i] = random.NextDouble() < p ? 0f : (float)(1 / (1 - p));
        return mask;
    }

    [Fact]
    public void Softmax_gradient_matches_autograd()
    {
        var random = new Random(51);
        foreach (var shape in new[] { new[] { 7 }, [3, 5], [2, 4, 9], [2, 1] })
        {
            using var scope = NewDisposeScope();
            var x = RandomArrays.Make(random, shape);
            for (var i = 0; i < x.Data.Length; i++) x.Data[i] *= 4;   // some rows nearly one-hot
            var upstream = GradientCheck.Upstream(random, shape);
            var torchX = ToTorch(x).requires_grad_();
            GradientCheck.Loss(F.softmax(torchX, -1), upstream).backward();
            var manual = SoftmaxByHand.Backward(SoftmaxByHand.Forward(x), upstream);
            GradientCheck.AssertClose(manual, torchX.grad!, Tolerance, $"softmax of {x.ShapeText}");
        }
    }

    [Fact]
    public void Scaled_dot_product_attention_gradients_match_autograd_for_60_random_configurations()
    {
        var random = new Random(52);
        for (var trial = 0; trial < 60; trial++)
        {
            using var scope = NewDisposeScope();
            int batch = random.Next(1, 4), queries = random.Next(1, 10), keys = random.Next(1, 10);
            int width = random.Next(1, 17), valueWidth = random.Next(1, 13);
            var q = RandomArrays.Make(random, batch, queries, width);
            var k = RandomArrays.Make(random, batch, keys, width);
            var v = RandomArrays.Make(random, batch, keys, valueWidth);
            var kind = (trial % 4) switch
            {
                0 => "no mask", 1 => "blocking", 2 => "float and blocking", _ => "dropout",
            };
            NdArray? mask = null, dropout = null;
            if (trial % 4 is 1 or 2) mask = AttentionMask.FromMayAttend(RandomMayAttend(random, queries, keys));
            if (trial % 4 == 2)
            {
                var noise = RandomArrays.Make(random, queries, keys);
                for (var i = 0; i < mask!.Data.Length; i++) mask.Data[i] += 2 * noise.Data[i];
            }
            if (trial % 4 == 3) dropout = DropoutMask(random, 0.3, batch, queries, keys);
            var upstream = GradientCheck.Upstream(random, batch, queries, valueWidth);
            var what = $"trial {trial}: B={batch} Lq={queries} Lk={keys} d={width} dv={valueWidth}, {kind}";

            var (torchQ, torchK, torchV) =
                (ToTorch(q).requires_grad_(), ToTorch(k).requires_grad_(), ToTorch(v).requires_grad_());
            // Written out rather than F.scaled_dot_product_attention, whose dropout draws its own mask.
            var scores = matmul(torchQ, torchK.transpose(1, 2)) / Math.Sqrt(width);
            if (mask is not null) scores += ToTorch(mask);
            var weights = F.softmax(scores, -1);
            if (dropout is not null) weights *= ToTorch(dropout);
            GradientCheck.Loss(matmul(weights, torchV), upstream).backward();
            var manual = ScaledDotProductAttention.Backward(q, k, v, upstream, mask, dropout);
            GradientCheck.AssertClose(manual.Query, torchQ.grad!, Tolerance, "dQ, " + what);
            GradientCheck.AssertClose(manual.Key, torchK.grad!, Tolerance, "dK, " + what);
            GradientCheck.AssertClose(manual.Value, torchV.grad!, Tolerance, "dV, " + what);
        }
    }

    [Fact]
    public void Scaled_dot_product_attention_gradients_match_libtorchs_own_kernel()
    {
        using var scope = NewDisposeScope();
        var random = new Random(53);
        var q = RandomArrays.Make(random, 2, 5, 8);
        var (k, v) = (RandomArrays.Make(random, 2, 6, 8), RandomArrays.Make(random, 2, 6, 3));
        var upstream = GradientCheck.Upstream(random, 2, 5, 3);
        var (torchQ, torchK, torchV) =
            (ToTorch(q).requires_grad_(), ToTorch(k).requires_grad_(), ToTorch(v).requires_grad_());
        var output = F.scaled_dot_product_attention(torchQ, torchK, torchV, is_casual: true);
        GradientCheck.Loss(output, upstream).backward();
        var manual = ScaledDotProductAttention.Backward(q, k, v, upstream, AttentionMask.Causal(5, 6));
        GradientCheck.AssertClose(manual.Query, torchQ.grad!, Tolerance, "dQ, causal");
        GradientCheck.AssertClose(manual.Key, torchK.grad!, Tolerance, "dK, causal");
        GradientCheck.AssertClose(manual.Value, torchV.grad!, Tolerance, "dV, causal");
    }

    private static AttentionProjections Projections(TorchSharp.Modules.MultiheadAttention mha)
    {
        var state = mha.state_dict().ToDictionary(kv => kv.Key, kv => FromTorch(kv.Value));
        return new AttentionProjections(state["in_proj_weight"], state["in_proj_bias"].Data, state["out_proj.weight"],
            state["out_proj.bias"].Data);
    }

    private static TorchSharp.Modules.MultiheadAttention MakeAttention(int width, int heads, int seed)
    {
        manual_seed(seed);
        var mha = nn.MultiheadAttention(width, heads);
        var generator = new Generator((ulong)seed);
        using (no_grad())
            foreach (var (name, p) in mha.named_parameters())
                if (name.EndsWith("bias")) p.uniform_(-0.5, 0.5, generator);   // libtorch starts them at 0
        return mha;
    }

    private static IEnumerable<(string Name, float[] Gradient)> ByName(AttentionProjections g) =>
    [
        ("in_proj_weight", g.InProjectionWeight.Data), ("in_proj_bias", g.InProjectionBias!),
        ("out_proj.weight", g.OutProjectionWeight.Data), ("out_proj.bias", g.OutProjectionBias!),
    ];

    [Fact]
    public void Multi_head_attention_gradients_match_autograd_for_36_random_configurations()
    {
        var random = new Random(54);
        int[] headCounts = [1, 2, 4];
        for (var trial = 0; trial < 36; trial++)
        {
            using var scope = NewDisposeScope();
            var heads = headCounts[trial % 3];
            int batch = random.Next(1, 4), length = random.Next(1, 9), width = heads * random.Next(1, 6);
            var self = trial % 2 == 0;
            var sourceLength = self ? length : random.Next(1, 9);
            using var mha = MakeAttention(width, heads, trial);
            var query = RandomArrays.Make(random, batch, length, width);
            var (key, value) = self ? (query, query)
                : (RandomArrays.Make(random, batch, sourceLength, width),
                    RandomArrays.Make(random, batch, sourceLength, width));
            var kind = (trial / 6 % 3) switch { 0 => "no mask", 1 => "float attn_mask", _ => "key_padding_mask" };
            NdArray? mask = null;
            bool[,]? padding = null;
            if (kind == "float attn_mask")
            {
                mask = AttentionMask.FromMayAttend(RandomMayAttend(random, length, sourceLength));
                var noise = RandomArrays.Make(random, length, sourceLength);
                for (var i = 0; i < mask.Data.Length; i++) mask.Data[i] += noise.Data[i];
            }
            if (kind == "key_padding_mask")
            {
                padding = new bool[batch, sourceLength];
                for (var n = 0; n < batch; n++)
                {
                    for (var j = 0; j < sourceLength; j++) padding[n, j] = random.Next(3) == 0;
                    padding[n, random.Next(sourceLength)] = false;
                }
            }
            var upstream = GradientCheck.Upstream(random, batch, length, width);
            var what = $"trial {trial}: N={batch} L={length} S={sourceLength} E={width} H={heads} " +
                $"{(self ? "self" : "cross")}, {kind}";

            var torchQuery = ToTorch(query).requires_grad_();
            var (torchKey, torchValue) = self ? (torchQuery, torchQuery)
                : (ToTorch(key).requires_grad_(), ToTorch(value).requires_grad_());
            var output = mha.call(torchQuery.transpose(0, 1), torchKey.transpose(0, 1), torchValue.transpose(0, 1),
                padding is null ? null : ToTorch(padding), false, mask is null ? null : ToTorch(mask)).Item1;
            GradientCheck.Loss(output.transpose(0, 1), upstream).backward();
            var manual = MultiHeadAttentionByHand.Backward(query, key, value, Projections(mha), heads, upstream,
                mask, padding);

            if (self)
            {
                var sum = Elementwise.Add(Elementwise.Add(manual.Query, manual.Key), manual.Value);
                GradientCheck.AssertClose(sum, torchQuery.grad!, Tolerance, "dx (query + key + value), " + what);
            }
            else
            {
                GradientCheck.AssertClose(manual.Query, torchQuery.grad!, Tolerance, "d query, " + what);
                GradientCheck.AssertClose(manual.Key, torchKey.grad!, Tolerance, "d key, " + what);
                GradientCheck.AssertClose(manual.Value, torchValue.grad!, Tolerance, "d value, " + what);
            }
            var parameters = mha.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            foreach (var (name, gradient) in ByName(manual.Projections))
                GradientCheck.AssertClose(gradient, parameters[name].grad!, Tolerance, $"d {name}, " + what);
        }
    }

    [Fact]
    public void Multi_head_attention_gradients_match_central_differences_in_float64()
    {
        using var scope = NewDisposeScope();
        var random = new Random(55);
        using var mha = MakeAttention(4, 2, 55);
        var (query, key, value) = (RandomArrays.Make(random, 2, 3, 4), RandomArrays.Make(random, 2, 4, 4),
            RandomArrays.Make(random, 2, 4, 4));
        var mask = AttentionMask.FromMayAttend(RandomMayAttend(random, 3, 4));
        var upstream = GradientCheck.Upstream(random, 2, 3, 4);
        var manual = MultiHeadAttentionByHand.Backward(query, key, value, Projections(mha), 2, upstream, mask);

        mha.to(ScalarType.Float64);
        Tensor Double(NdArray a) => ToTorch(a).to_type(ScalarType.Float64);
        var (torchQuery, torchKey, torchValue, torchMask) = (Double(query), Double(key), Double(value), Double(mask));
        double Loss() => GradientCheck.Loss(mha.call(torchQuery.transpose(0, 1), torchKey.transpose(0, 1),
            torchValue.transpose(0, 1), null, false, torchMask).Item1.transpose(0, 1), upstream).item<double>();
        GradientCheck.AssertClose(manual.Query.Data, FiniteDifference.Of(Loss, torchQuery), 1e-6, "d query");
        GradientCheck.AssertClose(manual.Key.Data, FiniteDifference.Of(Loss, torchKey), 1e-6, "d key");
        GradientCheck.AssertClose(manual.Value.Data, FiniteDifference.Of(Loss, torchValue), 1e-6, "d value");
        var parameters = mha.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, gradient) in ByName(manual.Projections))
            GradientCheck.AssertClose(gradient, FiniteDifference.Of(Loss, parameters[name]), 1e-6, $"d {name}");
    }
}
