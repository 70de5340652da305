using TorchSharp;
using static TorchSharp.torch;
using static TorchLab.Manual.Tests.TorchArrays;

namespace TorchLab.Manual.Tests;

/// <summary>
/// seq-attn's layers chained by hand (Linear(4→32), + Embedding(60, 32) of the positions, the
/// encoder layer with 4 heads and ff 64, flatten, Linear(1920→3)) against autograd through the
/// same TorchSharp modules: every one of its 17 parameter gradients, so that the model can be
/// trained by hand once a loss and Adam are added.
/// </summary>
public class SeqAttnBackwardTests
{
    private const double Tolerance = 2e-5;

    [Fact]
    public void Seq_attn_layers_chained_by_hand_give_autograds_parameter_gradients()
    {
        using var scope = NewDisposeScope();
        const int batch = 3, length = 60, width = 32, heads = 4, classes = 3;
        manual_seed(91);
        var modules = new Dictionary<string, nn.Module>
        {
            ["embed"] = nn.Linear(4, width), ["position"] = nn.Embedding(length, width),
            ["encoder"] = nn.TransformerEncoderLayer(width, heads, 2 * width, dropout: 0.0),
            ["fc"] = nn.Linear(length * width, classes),
        };
        var generator = new Generator(91);
        using (no_grad())
            foreach (var p in modules["encoder"].named_parameters().Where(p => p.name.Contains("norm")))
                p.parameter.uniform_(-0.5, 1.0, generator);   // not LayerNorm's 1 and 0
        var random = new Random(91);
        var x = NdArray.Zeros(batch, 4, length);                                         // one-hot letters
        for (var n = 0; n < batch; n++)
        for (var t = 0; t < length; t++)
            x[n, random.Next(4), t] = 1;
        var upstream = GradientCheck.Upstream(random, batch, classes);

        // TorchSharp, as SeqAttn.forward without its dropout.
        var h = ((nn.Module<Tensor, Tensor>)modules["embed"]).call(ToTorch(x).transpose(1, 2));
        h = h + ((nn.Module<Tensor, Tensor>)modules["position"]).call(arange(length));
        h = ((nn.Module<Tensor, Tensor>)modules["encoder"]).call(h.transpose(0, 1)).transpose(0, 1).flatten(1);
        GradientCheck.Loss(((nn.Module<Tensor, Tensor>)modules["fc"]).call(h), upstream).backward();

        // By hand, forward.
        var w = modules.SelectMany(m => m.Value.state_dict().Select(kv => (Key: $"{m.Key}.{kv.Key}", kv.Value)))
            .ToDictionary(kv => kv.Key, kv => FromTorch(kv.Value));
        var positions = Enumerable.Range(0, length).ToArray();
        var letters = x.Transpose(1, 2).Reshape(batch * length, 4);                      // (N·L, 4)
        var embedded = LinearLayer.Forward(letters, w["embed.weight"], w["embed.bias"].Data)
            .Reshape(batch, length, width);                                              // (N, L, E)
        var summed = Elementwise.Add(embedded, EmbeddingLookup.Forward(w["position.weight"], positions));
        var encoder = EncoderLayerWeights.FromStateDict(w, "encoder.");
        var flat = TransformerEncoderLayerByHand.Forward(summed, encoder, heads).Flatten();   // (N, L·E)

        // By hand, backward.
        var (flatGradient, fcWeight, fcBias) = LinearLayer.Backward(flat, w["fc.weight"], upstream);
        var encoderGradients = TransformerEncoderLayerByHand.Backward(summed, encoder, heads,
            flatGradient.Reshape(batch, length, width));
        var summedGradient = encoderGradients.Input;                                     // (N, L, E), to both terms
        var positionWeight = EmbeddingLookup.Backward(w["position.weight"], positions,
            AddGradient.OfRepeated(summedGradient, [length, width]));
        var (_, embedWeight, embedBias) = LinearLayer.Backward(letters, w["embed.weight"],
            summedGradient.Reshape(batch * length, width));

        var manual = encoderGradients.Weights.ToStateDict("encoder.");
        manual["embed.weight"] = embedWeight;
        manual["embed.bias"] = new NdArray([width], embedBias);
        manual["position.weight"] = positionWeight;
        manual["fc.weight"] = fcWeight;
        manual["fc.bias"] = new NdArray([classes], fcBias);
        var parameters = modules
            .SelectMany(m => m.Value.named_parameters().Select(p => (Key: $"{m.Key}.{p.name}", p.parameter)))
            .ToDictionary(p => p.Key, p => p.parameter);
        Assert.Equal(17, parameters.Count);
        Assert.Equal(parameters.Keys.Order(), manual.Keys.Order());
        foreach (var (name, gradient) in manual)
            GradientCheck.AssertClose(gradient, parameters[name].grad!, Tolerance, $"d {name}, seq-attn N={batch}");
        foreach (var module in modules.Values) module.Dispose();
    }
}
