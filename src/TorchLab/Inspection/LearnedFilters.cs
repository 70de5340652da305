using TorchLab.Training.Data;
using static TorchSharp.torch;

namespace TorchLab.Inspection;

/// <summary>A trained model's convolution weights and feature maps as small matrices, ready to draw.</summary>
public static class LearnedFilters
{
    /// <summary>The letters of a one-hot DNA channel, in SpliceCsv's channel order.</summary>
    public const string Alphabet = SpliceCsv.Alphabet;   // the one-hot channel order of the data

    /// <summary>
    /// The parameter called <paramref name="name"/> (a state-dict key such as <c>conv1.weight</c>),
    /// as a CPU float copy.
    /// </summary>
    public static Tensor Parameter(nn.Module<Tensor, Tensor> model, string name) =>
        model.named_parameters().FirstOrDefault(p => p.name == name).parameter?.detach().cpu().to(float32).clone()
        ?? throw new ArgumentException($"{model.GetType().Name} has no parameter '{name}'");

    /// <summary>
    /// Slice after slice along the first dimension of a (P, H, W) tensor as P matrices of H x W: a 2-D conv
    /// weight (out, 1, kh, kw) after <c>squeeze(1)</c>, a 1-D one (out, letters, k) as is,
    /// one image's feature maps (C, H, W).
    /// </summary>
    public static float[][,] Planes(Tensor planes)
    {
        if (planes.dim() != 3)
            throw new ArgumentException($"expected a (P, H, W) tensor, got shape ({string.Join(", ", planes.shape)})");
        var (count, height, width) = ((int)planes.shape[0], (int)planes.shape[1], (int)planes.shape[2]);
        var values = planes.detach().cpu().to(float32).contiguous().data<float>().ToArray();
        var result = new float[count][,];
        for (var p = 0; p < count; p++)
        {
            result[p] = new float[height, width];
            Buffer.BlockCopy(values, p * height * width * sizeof(float), result[p], 0, height * width * sizeof(float));
        }
        return result;
    }

    /// <summary>
    /// The letter of the largest weight in each column of a (letters, k) filter: the k-mer it matches best.
    /// </summary>
    public static string Consensus(float[,] filter)
    {
        var letters = new char[filter.GetLength(1)];
        for (var column = 0; column < letters.Length; column++)
        {
            var best = 0;
            for (var row = 1; row < filter.GetLength(0); row++)
                if (filter[row, column] > filter[best, column]) best = row;
            letters[column] = Alphabet[best];
        }
        return new string(letters);
    }
}
