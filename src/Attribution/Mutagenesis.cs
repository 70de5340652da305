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

        var changes = new List<Tensor>();
        for (long i = 0; i < n; i++)
        {
            var x = inputs[i];                                                         // (4, L)
            // Only the letters absent are mutants (3L for a one-hot sequence): one batch per sequence.
            var absent = x.flatten().eq(0).nonzero().view(-1);                         // (M) indices a·L + p
            var mutants = x * (1 - position.index_select(0, absent))
                + letter.index_select(0, absent) * position.index_select(0, absent);  // (M, 4, L)
            var mutantLogit = model.call(mutants)
                .gather(1, target[i].expand(absent.shape[0]).view(-1, 1)).view(-1);    // (M)
            var change = zeros(letters * length, dtype: inputs.dtype);                  // (4L)
            change.index_put_(mutantLogit - logit[i], absent);
            changes.Add(change.view(letters, length));                                 // (4, L)
        }
        return stack(changes).MoveToOuterDisposeScope();                               // (N, 4, L)
    }
}
