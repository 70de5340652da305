using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Attribution;

/// <summary>
/// In-silico mutagenesis (as in DeepBind and Basset): every position of a one-hot sequence set to
/// every other letter, and the change of the target's logit, logit(mutant) − logit(x). The map has
/// the input's shape (N, 4, L): row a, column p is the change when position p reads letter a; the
/// letter present is 0. No gradient: each value is a forward pass.
/// </summary>
public static class Mutagenesis
{
    // Mutants per forward pass.
    private const int ChunkRows = 1024;

    /// <summary>The change of the logit for each single-letter mutant, shaped like <paramref name="inputs"/>
    /// (N, 4, L), one-hot sequences.</summary>
    public static Tensor Attribute(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor target)
    {
        if (inputs.dim() != 3)
            throw new ArgumentException($"mutagenesis takes one-hot sequences (N, 4, L), not inputs of shape " +
                $"({string.Join(", ", inputs.shape)})", nameof(inputs));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (n, letters, length) = (inputs.shape[0], inputs.shape[1], inputs.shape[2]);
        // Mutant (a, p): position p reads letter a. Built once: (4L, 1, L) position masks, (4L, 4, 1) letters.
        var position = eye(length, dtype: inputs.dtype).repeat(letters, 1).unsqueeze(1);                 // (4L, 1, L)
        var letter = eye(letters, dtype: inputs.dtype).repeat_interleave(length, 0).unsqueeze(2);       // (4L, 4, 1)
        var logit = model.call(inputs).gather(1, target.view(-1, 1));                                  // (N, 1)

        // Every letter at every position (4L rows, the letter present among them, set to 0 below) keeps the
        // rows of a chunk of inputs one batch; it costs a third more rows than the 3L mutants alone.
        var perInput = letters * length;
        var perChunk = Math.Max(1, ChunkRows / perInput);
        var changes = new List<Tensor>();
        for (long start = 0; start < n; start += perChunk)
        {
            var count = Math.Min(perChunk, n - start);
            var x = inputs.narrow(0, start, count).unsqueeze(1);                           // (B, 1, 4, L)
            var mutants = x * (1 - position) + letter * position;                          // (B, 4L, 4, L)
            var targets = target.narrow(0, start, count).repeat_interleave(perInput).view(-1, 1);   // (B·4L, 1)
            var mutantLogit = model.call(mutants.flatten(0, 1)).gather(1, targets);        // (B·4L, 1)
            changes.Add(mutantLogit.view(count, letters, length)
                - logit.narrow(0, start, count).view(count, 1, 1));                        // (B, 4, L)
        }
        var change = cat(changes, 0);                                                      // (N, 4, L)
        return where(inputs.eq(0), change, zeros_like(change)).MoveToOuterDisposeScope();
    }
}
