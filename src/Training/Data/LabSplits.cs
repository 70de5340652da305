using static TorchSharp.torch;

namespace TorchLab.Training.Data;

/// <summary>The lab's train, validation and test sets of its two data files.</summary>
public sealed record LabSplits(LabeledData Train, LabeledData Valid, LabeledData Test)
{
    /// <summary>Validation rows held out of each file's training part.</summary>
    public const int DigitsValid = 144, SpliceValid = 200;

    /// <summary>
    /// digits.csv (1,797 rows) by one permutation drawn right after seeding with
    /// <paramref name="seed"/>: the first 1,293 indices train, the next 144 validate (10 % of the
    /// 1,437 training rows), the last 360 test (20 %).
    /// </summary>
    public static LabSplits Digits(string path, long seed)
    {
        var digits = DigitsCsv.Load(path);
        var order = Permutation(digits.Count, seed);
        var (valid, test) = (digits.Count * 4 / 5 - DigitsValid, digits.Count * 4 / 5);
        if (valid <= 0)
            throw new DataFormatException(path, digits.Count + 1,
                $"too few rows ({digits.Count}) for the 80/20 split with {DigitsValid} validation rows");
        return new(digits.Select(order[..valid]), digits.Select(order[valid..test]), digits.Select(order[test..]));
    }

    /// <summary>
    /// splice.csv in the StatLog protocol: rows 1-2000 are for training and 2001-3186 test; of the
    /// 2,000, a permutation drawn right after seeding holds out its last 200 for validation.
    /// </summary>
    public static LabSplits Splice(string path, long seed)
    {
        var all = SpliceCsv.Load(path);
        if (all.Count <= 2000)
            throw new DataFormatException(path, all.Count + 1,
                $"expected more than 2000 rows for the StatLog split, found {all.Count}");
        var order = Permutation(2000, seed);
        var test = all.Rows(2000, all.Count - 2000);
        return new(all.Select(order[..^SpliceValid]), all.Select(order[^SpliceValid..]), test);
    }

    // From the seed's own stream; the caller seeds again before building the model, so the split
    // depends on nothing drawn later (benchmarks/pytorch_lab.py does the same).
    private static long[] Permutation(int count, long seed)
    {
        manual_seed(seed);
        using var permutation = randperm(count);
        return permutation.data<long>().ToArray();
    }
}
