using TorchLab.Manual;
using TorchLab.Training.Data;

namespace TorchLab.Training.Tests;

/// <summary>
/// The course's toy problems, generated from a seed, for the loop's quick tests: 16x16 images
/// that do or do not contain the course's bright square, and noisy sequences that step up or down.
/// </summary>
internal static class ToyData
{
    /// <summary>
    /// Images (1, size, size) of Gaussian noise (sd 0.1); label 1 images also hold a
    /// <see cref="CourseInputs.BrightSquare"/> of side size/3 at a random place, label 0 images do not.
    /// </summary>
    public static LabeledData Squares(int count, int seed, int size = 16)
    {
        var random = new Random(seed);
        var side = size / 3;
        var features = new float[count * size * size];
        var labels = new long[count];
        for (var n = 0; n < count; n++)
        {
            var image = features.AsSpan(n * size * size, size * size);
            for (var i = 0; i < image.Length; i++) image[i] = (float)(0.1 * Gaussian(random));
            labels[n] = n % 2;
            if (labels[n] == 0) continue;
            var square = CourseInputs.BrightSquare(size, random.Next(size - side + 1), random.Next(size - side + 1), side);
            for (var i = 0; i < image.Length; i++) image[i] += square[i / size, i % size];
        }
        return new LabeledData(features, [1, size, size], labels, ["no square", "square"]);
    }

    /// <summary>
    /// Sequences (1, length) that are 0 then 1 (label 0, step up) or 1 then 0 (label 1, step
    /// down), the step at a random position, plus Gaussian noise (sd 0.1).
    /// </summary>
    public static LabeledData Steps(int count, int seed, int length = 25)
    {
        var random = new Random(seed);
        var features = new float[count * length];
        var labels = new long[count];
        for (var n = 0; n < count; n++)
        {
            labels[n] = n % 2;
            var step = random.Next(3, length - 3);
            for (var t = 0; t < length; t++)
            {
                var high = (t >= step) == (labels[n] == 0);
                features[n * length + t] = (high ? 1f : 0f) + (float)(0.1 * Gaussian(random));
            }
        }
        return new LabeledData(features, [1, length], labels, ["step up", "step down"]);
    }

    // Box-Muller: System.Random has no normal draw.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
