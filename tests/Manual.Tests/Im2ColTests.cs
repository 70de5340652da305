namespace TorchLab.Manual.Tests;

/// <summary>im2col + matrix multiply against the direct loops, over many random layers.</summary>
public class Im2ColTests
{
    [Fact]
    public void Im2col_equals_the_direct_loops_for_300_random_layers()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 300; trial++)
        {
            var c = LayerCase.Draw(random);
            var bias = random.Next(2) == 0 ? null : Enumerable.Range(0, c.OutChannels).Select(_ => (float)random.NextDouble()).ToArray();
            NdArray direct, unfolded;
            if (trial % 2 == 0)
            {
                var x = RandomArrays.Make(random, c.Batch, c.Channels, c.Length, c.Length + 1);
                var w = RandomArrays.Make(random, c.OutChannels, c.Channels / c.Groups, c.Kernel, c.Kernel);
                (direct, unfolded) = (ConvLayer.Conv2d(x, w, bias, c.Options), Im2Col.Conv2d(x, w, bias, c.Options));
            }
            else
            {
                var x = RandomArrays.Make(random, c.Batch, c.Channels, c.Length);
                var w = RandomArrays.Make(random, c.OutChannels, c.Channels / c.Groups, c.Kernel);
                (direct, unfolded) = (ConvLayer.Conv1d(x, w, bias, c.Options), Im2Col.Conv1d(x, w, bias, c.Options));
            }
            Assert.Equal(direct.Shape, unfolded.Shape);
            var difference = RandomArrays.MaxDifference(direct.Data, unfolded.Data);
            Assert.True(difference <= 1e-5, $"trial {trial} ({c}): max |direct - im2col| = {difference}");
        }
    }
}
