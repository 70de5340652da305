namespace TorchLab.Manual;

/// <summary>The course's example inputs for the filters in <see cref="Kernels"/>, without noise.</summary>
public static class CourseInputs
{
    /// <summary>
    /// A dark <paramref name="size"/>x<paramref name="size"/> image with a bright square (value 1)
    /// of side <paramref name="side"/> whose top-left pixel is (<paramref name="top"/>, <paramref name="left"/>).
    /// The defaults are the course's: 16x16, the square on rows and columns 4..9.
    /// </summary>
    public static float[,] BrightSquare(int size = 16, int top = 4, int left = 4, int side = 6)
    {
        if (top < 0 || left < 0 || side < 0 || top + side > size || left + side > size)
            throw new ArgumentException(
                $"a {side}x{side} square at ({top}, {left}) does not fit a {size}x{size} image", nameof(side));
        var image = new float[size, size];
        for (var r = top; r < top + side; r++)
        for (var c = left; c < left + side; c++)
            image[r, c] = 1;
        return image;
    }

    /// <summary>The course's step sequence: 10 zeros, 5 ones, 10 zeros.</summary>
    public static float[] StepSequence() => [.. new float[10], 1, 1, 1, 1, 1, .. new float[10]];
}
