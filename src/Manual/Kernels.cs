namespace TorchLab.Manual;

/// <summary>The course's filters.</summary>
public static class Kernels
{
    /// <summary>
    /// The 3x3 edge filter: 8 at the centre, -1 around it. It sums to zero, so flat regions
    /// give 0 and the response is large only where brightness changes.
    /// </summary>
    public static float[,] Edge3x3 => new float[,] { { -1, -1, -1 }, { -1, 8, -1 }, { -1, -1, -1 } };

    /// <summary>The 1-D step detector [-1, 1]: the difference of neighbours, +1 at a rise and -1 at a fall.</summary>
    public static float[] Step => [-1, 1];
}
