using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Attribution;

/// <summary>
/// Occlusion (Zeiler and Fergus 2014; Captum's <c>Occlusion</c> with stride 1): a window of
/// <c>window</c> positions (a sequence (N, C, L)) or window×window pixels (an image (N, C, H, W)),
/// every channel of it, is set to the baseline; the drop of the target's logit, f(x) − f(occluded),
/// is the window's. An element's value is the mean drop of the windows that cover it, kept on the
/// elements the occlusion changes (the letter present; every pixel of a one-channel image but a
/// baseline-valued one): an element equal to its baseline is never occluded and gets 0.
/// </summary>
public static class Occlusion
{
    // Occluded copies per forward pass.
    private const int ChunkRows = 1024;

    /// <summary>The occlusion map, shaped like <paramref name="inputs"/>; <paramref name="baselines"/> has the shape
    /// of the inputs or of one input.</summary>
    public static Tensor Attribute(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor target,
        Tensor baselines, int window)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var n = inputs.shape[0];
        var b = baselines.expand_as(inputs);                                // (N, C, ...)
        var masks = Windows(inputs.shape[2..], window).to_type(inputs.dtype); // (K, ...) 1 inside each window
        var k = masks.shape[0];
        var covered = masks.unsqueeze(1).unsqueeze(0);                      // (1, K, 1, ...)
        var logit = model.call(inputs).gather(1, target.view(-1, 1));        // (N, 1)

        // A chunk of inputs' occluded copies is one batch.
        var perChunk = Math.Max(1, ChunkRows / k);
        var occludedLogits = new List<Tensor>();
        for (long start = 0; start < n; start += perChunk)
        {
            var count = Math.Min(perChunk, n - start);
            var x = inputs.narrow(0, start, count).unsqueeze(1);            // (B, 1, C, ...), B inputs
            var occluded = x * (1 - covered) + b.narrow(0, start, count).unsqueeze(1) * covered;   // (B, K, C, ...)
            var targets = target.narrow(0, start, count).repeat_interleave(k).view(-1, 1);      // (B·K, 1)
            occludedLogits.Add(model.call(occluded.flatten(0, 1)).gather(1, targets).view(count, k));   // (B, K)
        }
        var drops = logit - cat(occludedLogits, 0);                         // (N, K)

        var flatMasks = masks.flatten(1);                                   // (K, S) S = positions or pixels
        var meanDrop = drops.matmul(flatMasks) / flatMasks.sum(dim: 0);     // (N, S)
        var perElement = meanDrop.view([n, 1, .. inputs.shape[2..]]);       // (N, 1, ...) shared by the channels
        var changed = inputs.ne(b).to_type(inputs.dtype);                   // (N, C, ...)
        return (perElement * changed).MoveToOuterDisposeScope();            // (N, C, ...)
    }

    // One mask per window position, stride 1, each window wholly inside: (L − w + 1, L) for a sequence,
    // ((H − w + 1)·(W − w + 1), H, W) for an image.
    private static Tensor Windows(long[] spatial, int window)
    {
        if (spatial.Length is not (1 or 2) || spatial.Any(size => window < 1 || window > size))
            throw new ArgumentException($"a window of {window} does not fit inputs of size " +
                $"({string.Join(", ", spatial)}) per channel", nameof(window));
        var rows = spatial.Length == 1 ? 1 : spatial[0];
        var columns = spatial[^1];
        var tops = spatial.Length == 1 ? 1 : rows - window + 1;
        var masks = new List<float>();
        for (var top = 0; top < tops; top++)
        for (var left = 0; left + window <= columns; left++)
        for (var row = 0; row < rows; row++)
        for (var column = 0; column < columns; column++)
        {
            var insideRows = spatial.Length == 1 || row >= top && row < top + window;
            masks.Add(insideRows && column >= left && column < left + window ? 1 : 0);
        }
        return tensor(masks.ToArray()).view([-1, .. spatial]);
    }
}
