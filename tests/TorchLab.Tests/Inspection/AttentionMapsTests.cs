using TorchLab.ByHand;
using TorchLab.Inspection;
using TorchLab.Models;
using TorchLab.Runs;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.TorchLab.Tests.Inspection;

/// <summary>
/// seq-attn's per-class attention maps (by hand) against TorchSharp's own nn.MultiheadAttention
/// holding the encoder layer's projections, which returns the weights averaged over heads.
/// </summary>
[Collection(nameof(Serial))]   // seeds libtorch's global generator
public class AttentionMapsTests
{
    [Fact]
    public void The_class_maps_are_torchsharps_head_averaged_attention_weights_averaged_per_class()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var model = new SeqAttn();
        model.eval();
        var state = model.state_dict();
        var test = ModelRecipe.SeqAttn.LoadData(DataFiles.Folder, 0).Test.Rows(0, 150);   // more than one by-hand batch of 128
        var maps = AttentionMaps.ByClass(ByHandForward.Weights(model), test);

        using var attention = nn.MultiheadAttention(32, ByHandForward.AttentionHeads);
        attention.load_state_dict(state.Where(kv => kv.Key.StartsWith("encoder.self_attn.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key["encoder.self_attn.".Length..], kv => kv.Value));
        attention.eval();
        var (inputs, labels) = test.ToTensors();
        using var noGrad = no_grad();
        var x = F.linear(inputs.transpose(1, 2), state["embed.weight"], state["embed.bias"]) + state["position.weight"];   // (N, 60, 32)
        x = x.transpose(0, 1);                                                                                               // (60, N, 32)
        var (_, weights) = attention.call(x, x, x, need_weights: true);                                                      // (N, 60, 60), mean over heads

        Assert.Equal(test.ClassNames, maps.Select(m => m.Class));
        for (var c = 0; c < maps.Count; c++)
        {
            var rows = (labels == c).nonzero().flatten();
            Assert.Equal(rows.shape[0], maps[c].Sequences);
            var expected = weights.index_select(0, rows).mean([0]).data<float>().ToArray();
            var actual = maps[c].Map.Cast<float>().ToArray();
            var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
            Assert.True(worst < 1e-6, $"{maps[c].Class}: max |by hand - TorchSharp| mean attention weight = {worst:E2}");
            for (var q = 0; q < 60; q++)
                Assert.Equal(1.0, Enumerable.Range(0, 60).Sum(k => (double)maps[c].Map[q, k]), 5);
            Assert.Equal(Enumerable.Range(0, 60).Average(q => (double)maps[c].Map[q, 30]), maps[c].Received[30], 12);
        }
    }
}
