namespace TorchLab.Manual;

/// <summary>
/// The course's first convolutions: one channel, no padding, stride 1, written as the plain
/// loops of the lecture. Like libtorch, they compute a cross-correlation (the kernel is not flipped).
/// </summary>
public static class SingleChannel
{
    /// <summary>
    /// out[i, j] = Σx Σy image[i + x, j + y] · kernel[x, y]; a 16x16 image and a 3x3 kernel give 14x14.
    /// </summary>
    public static float[,] Conv2d(float[,] image, float[,] kernel)
    {
        int height = image.GetLength(0), width = image.GetLength(1);
        int kh = kernel.GetLength(0), kw = kernel.GetLength(1);
        if (kh > height || kw > width)
            throw new ArgumentException($"kernel {kh}x{kw} is larger than the image {height}x{width}", nameof(kernel));
        var output = new float[height - kh + 1, width - kw + 1];
        for (var i = 0; i < output.GetLength(0); i++)
        for (var j = 0; j < output.GetLength(1); j++)
        {
            var sum = 0f;
            for (var x = 0; x < kh; x++)
            for (var y = 0; y < kw; y++)
                sum += image[i + x, j + y] * kernel[x, y];
            output[i, j] = sum;
        }
        return output;
    }

    /// <summary>out[i] = Σx sequence[i + x] · kernel[x]; length n and kernel k give n - k + 1.</summary>
    public static float[] Conv1d(float[] sequence, float[] kernel)
    {
        if (kernel.Length > sequence.Length)
            throw new ArgumentException(
                $"kernel length {kernel.Length} is larger than the sequence length {sequence.Length}", nameof(kernel));
        var output = new float[sequence.Length - kernel.Length + 1];
        for (var i = 0; i < output.Length; i++)
        {
            var sum = 0f;
            for (var x = 0; x < kernel.Length; x++)
                sum += sequence[i + x] * kernel[x];
            output[i] = sum;
        }
        return output;
    }
}
