using static TorchSharp.torch;

namespace TorchLab.Training.Data;

/// <summary>The lab's train/test splits of its two data sets.</summary>
public static class LabSplits
{
    /// <summary>
    /// digits.csv split 80/20 by a permutation drawn right after seeding with <paramref name="seed"/>:
    /// the first 1,437 indices train. (The split comes from the seed's own stream; the caller
    /// seeds again before building the model, so the split depends on nothing drawn later.)
    /// </summary>
    public static (LabeledData train, LabeledData test) Digits(string path, long seed)
    {
        var digits = DigitsCsv.Load(path);
        manual_seed(seed);
        using var permutation = randperm(digits.Count);
        var order = permutation.data<long>().ToArray();
        var trainCount = digits.Count * 4 / 5;
        return (digits.Select(order[..trainCount]), digits.Select(order[trainCount..]));
    }

    /// <summary>splice.csv in the StatLog protocol: rows 1-2000 train, 2001-3186 test.</summary>
    public static (LabeledData train, LabeledData test) Splice(string path)
    {
        var all = SpliceCsv.Load(path);
        if (all.Count <= 2000) throw new DataFormatException(path, all.Count + 1, $"expected more than 2000 rows for the StatLog split, found {all.Count}");
        return (all.Rows(0, 2000), all.Rows(2000, all.Count - 2000));
    }
}
