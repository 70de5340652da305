namespace TorchLab.Manual.Tests;

internal static class RandomArrays
{
    /// <summary>An array of the shape with values uniform in [-1, 1).</summary>
    public static NdArray Make(Random random, params int[] shape)
    {
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (var i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return new NdArray(shape, data);
    }

    /// <summary>The largest |a - b| over two equally long arrays.</summary>
    public static double MaxDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => Math.Abs(x - y)).DefaultIfEmpty(0f).Max();
    }
}

/// <summary>A random but valid layer configuration.</summary>
internal sealed record LayerCase(int Batch, int Channels, int OutChannels, int Groups, int Kernel, int Length, ConvOptions Options)
{
    public static LayerCase Draw(Random random)
    {
        var groups = random.Next(1, 4);
        var channels = groups * random.Next(1, 3);
        var outChannels = groups * random.Next(1, 3);
        var kernel = random.Next(1, 6);
        var dilation = random.Next(1, 4);
        var same = random.Next(4) == 0;
        var stride = same ? 1 : random.Next(1, 4);
        var padding = same ? 0 : random.Next(0, 4);
        var span = dilation * (kernel - 1) + 1;
        var length = Math.Max(span - 2 * padding, 1) + random.Next(0, 8);
        return new LayerCase(random.Next(1, 3), channels, outChannels, groups, kernel, length,
            new ConvOptions(stride, padding, dilation, groups, same));
    }

    public override string ToString() =>
        $"N={Batch} C={Channels} L={OutChannels} k={Kernel} size={Length} stride={Options.Stride} pad={(Options.Same ? "same" : Options.Padding)} dilation={Options.Dilation} groups={Groups}";
}
