using TorchSharp;
using static TorchSharp.torch;
using static TorchLab.Manual.Tests.TorchArrays;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Manual.Tests;

/// <summary>
/// A whole post-norm encoder layer by hand (attention, two residual sums, two layer norms and the
/// feed-forward) against autograd through libtorch's <c>nn.TransformerEncoderLayer</c> with dropout
/// 0; with dropout masks against the same layer written in torch operations; and against central
/// differences in float64 on a tiny layer.
/// </summary>
public class EncoderLayerBackwardTests
{
    // Two layer norms and attention in float32 libtorch: measured worst 3e-6 of the scale.
    private const double Tolerance = 2e-5;

    private static TorchSharp.Modules.TransformerEncoderLayer MakeLayer(int width, int heads, int feedForward, int seed)
    {
        manual_seed(seed);
        var layer = nn.TransformerEncoderLayer(width, heads, feedForward, dropout: 0.0);
        var generator = new Generator((ulong)seed);
        using (no_grad())
            foreach (var (name, p) in layer.named_parameters())
                if (name.Contains("norm") || name.EndsWith("bias")) p.uniform_(-0.5, 1.0, generator);   // not 1 and 0
        return layer;
    }

    private static EncoderLayerWeights Weights(nn.Module layer) =>
        EncoderLayerWeights.FromStateDict(layer.state_dict().ToDictionary(kv => kv.Key, kv => FromTorch(kv.Value)));

    private static void AssertParameters(EncoderLayerWeights manual, nn.Module layer, string what)
    {
        var parameters = layer.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var gradients = manual.ToStateDict();
        Assert.Equal(parameters.Keys.Order(), gradients.Keys.Order());
        foreach (var (name, gradient) in gradients)
            GradientCheck.AssertClose(gradient.Data, parameters[name].grad!, Tolerance, $"d {name}, " + what);
    }

    // At least 3: a layer norm row of one or two values has x̂ = 0 or ±1 whatever x is, so dx is about 0 and
    // float32 libtorch's is its rounding (NormEmbeddingBackwardTests covers those rows in float64).
    private static int[] Widths(int heads) => heads switch { 1 => [3, 5, 8], 2 => [4, 6, 8], _ => [4, 8, 12] };

    [Fact]
    public void Encoder_layer_gradients_match_nn_TransformerEncoderLayer_for_12_random_configurations()
    {
        var random = new Random(71);
        int[] headCounts = [1, 2, 4];
        for (var trial = 0; trial < 12; trial++)
        {
            using var scope = NewDisposeScope();
            var heads = headCounts[trial % 3];
            var width = trial == 0 ? 32 : Widths(heads)[random.Next(3)];
            int batch = random.Next(1, 4), length = trial == 0 ? 60 : random.Next(1, 9);
            var feedForward = trial == 0 ? 64 : random.Next(1, 17);
            var what = $"trial {trial}: N={batch} L={length} E={width} H={heads} F={feedForward}";
            using var layer = MakeLayer(width, heads, feedForward, trial);
            var x = RandomArrays.Make(random, batch, length, width);
            var upstream = GradientCheck.Upstream(random, batch, length, width);

            var torchX = ToTorch(x).requires_grad_();
            var output = layer.call(torchX.transpose(0, 1)).transpose(0, 1);             // libtorch's is sequence first
            GradientCheck.AssertClose(TransformerEncoderLayerByHand.Forward(x, Weights(layer), heads), output, 2e-6,
                "output, " + what);
            GradientCheck.Loss(output, upstream).backward();
            var manual = TransformerEncoderLayerByHand.Backward(x, Weights(layer), heads, upstream);
            GradientCheck.AssertClose(manual.Input, torchX.grad!, Tolerance, "dx, " + what);
            AssertParameters(manual.Weights, layer, what);
        }
    }

    // The layer in torch operations, so that torch applies the same dropout masks (the module draws its own).
    private static Tensor InTorch(Tensor x, IReadOnlyDictionary<string, Tensor> p, int heads, EncoderDropoutMasks m)
    {
        long batch = x.shape[0], length = x.shape[1], width = x.shape[2];
        var (q, k, v) = F.linear(x, p["self_attn.in_proj_weight"], p["self_attn.in_proj_bias"]).chunk(3, -1) switch
        {
            var parts => (parts[0], parts[1], parts[2]),
        };
        Tensor Heads(Tensor t) => t.reshape(batch, length, heads, width / heads).transpose(1, 2);   // (N, H, L, E/H)
        var weights = F.softmax(matmul(Heads(q), Heads(k).transpose(2, 3)) / Math.Sqrt(width / heads), -1);
        weights *= ToTorch(m.AttentionWeights!).reshape(batch, heads, length, length);
        var mixed = matmul(weights, Heads(v)).transpose(1, 2).reshape(batch, length, width);
        var attention = F.linear(mixed, p["self_attn.out_proj.weight"], p["self_attn.out_proj.bias"])
            * ToTorch(m.Dropout1!);
        var y1 = F.layer_norm(x + attention, [width], p["norm1.weight"], p["norm1.bias"]);
        var hidden = F.relu(F.linear(y1, p["linear1.weight"], p["linear1.bias"])) * ToTorch(m.Dropout!);
        var feedForward = F.linear(hidden, p["linear2.weight"], p["linear2.bias"]) * ToTorch(m.Dropout2!);
        return F.layer_norm(y1 + feedForward, [width], p["norm2.weight"], p["norm2.bias"]);
    }

    private static NdArray DropoutMask(Random random, double p, params int[] shape)
    {
        var mask = NdArray.Zeros(shape);
        for (var i = 0; i < mask.Data.Length; i++) mask.Data[i] = random.NextDouble() < p ? 0f : (float)(1 / (1 - p));
        return mask;
    }

    [Fact]
    public void Encoder_layer_gradients_with_dropout_masks_match_the_layer_in_torch_operations()
    {
        var random = new Random(72);
        for (var trial = 0; trial < 6; trial++)
        {
            using var scope = NewDisposeScope();
            var heads = trial % 2 == 0 ? 4 : 2;
            int batch = random.Next(1, 4), length = random.Next(2, 9), width = Widths(heads)[random.Next(3)];
            var feedForward = 2 * width;
            var what = $"trial {trial}: N={batch} L={length} E={width} H={heads} F={feedForward}, dropout 0.1 masks";
            using var layer = MakeLayer(width, heads, feedForward, 100 + trial);
            var parameters = layer.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
            var x = RandomArrays.Make(random, batch, length, width);
            var upstream = GradientCheck.Upstream(random, batch, length, width);
            var ones = new EncoderDropoutMasks(DropoutMask(random, 0, batch * heads, length, length),
                DropoutMask(random, 0, batch, length, width), DropoutMask(random, 0, batch, length, feedForward),
                DropoutMask(random, 0, batch, length, width));
            Tensor expected;
            using (no_grad()) expected = layer.call(ToTorch(x).transpose(0, 1)).transpose(0, 1);
            GradientCheck.AssertClose(FromTorch(InTorch(ToTorch(x), parameters, heads, ones).detach()), expected, 2e-6,
                "the torch composition against the module, " + what);

            var masks = new EncoderDropoutMasks(DropoutMask(random, 0.1, batch * heads, length, length),
                DropoutMask(random, 0.1, batch, length, width), DropoutMask(random, 0.1, batch, length, feedForward),
                DropoutMask(random, 0.1, batch, length, width));
            var torchX = ToTorch(x).requires_grad_();
            var output = InTorch(torchX, parameters, heads, masks);
            GradientCheck.AssertClose(TransformerEncoderLayerByHand.Forward(x, Weights(layer), heads, masks), output,
                2e-6, "output, " + what);
            GradientCheck.Loss(output, upstream).backward();
            var manual = TransformerEncoderLayerByHand.Backward(x, Weights(layer), heads, upstream, masks);
            GradientCheck.AssertClose(manual.Input, torchX.grad!, Tolerance, "dx, " + what);
            AssertParameters(manual.Weights, layer, what);
        }
    }

    [Fact]
    public void Encoder_layer_gradients_match_central_differences_in_float64()
    {
        using var scope = NewDisposeScope();
        var random = new Random(73);
        using var layer = MakeLayer(4, 2, 6, 73);
        var x = RandomArrays.Make(random, 2, 3, 4);
        var upstream = GradientCheck.Upstream(random, 2, 3, 4);
        var manual = TransformerEncoderLayerByHand.Backward(x, Weights(layer), 2, upstream);

        layer.to(ScalarType.Float64);
        var torchX = ToTorch(x).to_type(ScalarType.Float64);
        double Loss() =>
            GradientCheck.Loss(layer.call(torchX.transpose(0, 1)).transpose(0, 1), upstream).item<double>();
        GradientCheck.AssertClose(manual.Input.Data, FiniteDifference.Of(Loss, torchX), 1e-6, "dx");
        var parameters = layer.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, gradient) in manual.Weights.ToStateDict())
            GradientCheck.AssertClose(gradient.Data, FiniteDifference.Of(Loss, parameters[name]), 1e-6, $"d {name}");
    }
}
