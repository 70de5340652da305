using TorchLab.Manual;
using static TorchSharp.torch;

namespace TorchLab.ByHand;

/// <summary>
/// The dropout masks of one training step, drawn again from the generator state saved before it.
/// libtorch's CPU dropout draws <c>empty_like(x).bernoulli_(1 − p)</c>, divides it by 1 − p and
/// multiplies; drawing tensors of the same shapes in the same order from the same state gives the
/// same masks. seq-attn's encoder layer is libtorch's C++ module: its four dropouts are invisible
/// from C#, and it works sequence first, so those masks are drawn (L, N, ·) and turned batch first.
/// </summary>
public static class DropoutReplay
{
    /// <summary>
    /// One draw: the shape torch drew, its p, and whether it is (L, N, ·) to be turned to (N, L, ·).
    /// </summary>
    public sealed record Draw(int[] Shape, double P, bool SequenceFirst);

    /// <summary>The draws of <paramref name="model"/>'s forward pass on a batch of <paramref name="batch"/>.</summary>
    public static IReadOnlyList<Draw> Shapes(string model, int batch) => model switch
    {
        "seq-cnn" => [new([batch, 32 * 15], 0.3, false)],
        "seq-gru" => [new([batch, 60 * 64], 0.3, false)],
        "seq-attn" =>
        [
            new([batch * 4, 60, 60], 0.1, false),   // the attention weights, (N·H, L, L) inside self_attn
            new([60, batch, 32], 0.1, true),        // dropout1, on the attention's output
            new([60, batch, 64], 0.1, true),        // dropout, after linear1's ReLU
            new([60, batch, 32], 0.1, true),        // dropout2, on the feed-forward's output
            new([batch, 60 * 32], 0.3, false),      // the classifier's nn.Dropout
        ],
        _ => [],
    };

    /// <summary>
    /// The masks of <paramref name="model"/>'s step on <paramref name="batch"/> examples, drawn from
    /// <paramref name="stateBefore"/>; the generator is left as it was.
    /// </summary>
    public static IReadOnlyList<NdArray> Masks(string model, int batch, Tensor stateBefore)
    {
        var draws = Shapes(model, batch);
        if (draws.Count == 0) return [];
        using var now = get_rng_state();
        set_rng_state(stateBefore);
        try
        {
            return [.. draws.Select(DrawOne)];
        }
        finally
        {
            set_rng_state(now);
        }
    }

    private static NdArray DrawOne(Draw draw)
    {
        using var noise = empty(draw.Shape.Select(d => (long)d).ToArray()).bernoulli_(1 - draw.P);
        noise.div_(1 - draw.P);
        var mask = new NdArray(draw.Shape, noise.data<float>().ToArray());
        return draw.SequenceFirst ? mask.Transpose(0, 1) : mask;
    }
}
