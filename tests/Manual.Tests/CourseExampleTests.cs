namespace TorchLab.Manual.Tests;

/// <summary>The course's two first examples, with answers worked out by hand.</summary>
public class CourseExampleTests
{
    [Fact]
    public void Edge_filter_on_the_bright_square_gives_a_14x14_map_lit_at_the_edges()
    {
        var map = SingleChannel.Conv2d(CourseInputs.BrightSquare(), Kernels.Edge3x3);
        Assert.Equal(14, map.GetLength(0));
        Assert.Equal(14, map.GetLength(1));
        // map[i, j] is centred on pixel (i+1, j+1).
        Assert.Equal(0f, map[5, 5]);   // inside the square: 8·1 - 8·1
        Assert.Equal(5f, map[3, 3]);   // the square's corner pixel (4,4): 8 - 3 lit neighbours
        Assert.Equal(3f, map[3, 5]);   // an edge pixel (4,6): 8 - 5 lit neighbours
        Assert.Equal(-1f, map[2, 2]);  // (3,3), diagonal to the corner: one lit neighbour
        Assert.Equal(-3f, map[2, 5]);  // (3,6), above an edge: three lit neighbours
        Assert.Equal(0f, map[0, 0]);   // far from the square
        Assert.Equal(0f, map.Cast<float>().Sum()); // the kernel sums to zero and the border is dark
    }

    [Fact]
    public void Step_filter_marks_the_rise_and_the_fall()
    {
        var response = SingleChannel.Conv1d(CourseInputs.StepSequence(), Kernels.Step);
        Assert.Equal(24, response.Length);
        var expected = new float[24];
        expected[9] = 1;    // x[10] - x[9]: the rise
        expected[14] = -1;  // x[15] - x[14]: the fall
        Assert.Equal(expected, response);
    }

    [Theory]
    [InlineData(16, 3, 1, 0, 1, 14)]
    [InlineData(16, 3, 1, 1, 1, 16)]
    [InlineData(16, 3, 2, 1, 1, 8)]
    [InlineData(17, 3, 2, 0, 1, 8)]
    [InlineData(16, 3, 1, 0, 2, 12)]
    [InlineData(60, 7, 1, 3, 1, 60)]
    [InlineData(5, 5, 3, 0, 1, 1)]
    public void Output_size_rule(int input, int kernel, int stride, int padding, int dilation, int expected) =>
        Assert.Equal(expected, ConvGeometry.OutputSize(input, kernel, stride, padding, dilation));

    [Fact]
    public void Channel_terms_add_up_to_the_layer_output()
    {
        var random = new Random(3);
        var input = RandomArrays.Make(random, 1, 3, 6, 6);
        var weights = RandomArrays.Make(random, 2, 3, 3, 3);
        float[] bias = [0.5f, -0.25f];
        var output = ConvLayer.Conv2d(input, weights, bias, new ConvOptions(Padding: 1));
        var terms = ConvLayer.ChannelTerms(input, weights, 1, new ConvOptions(Padding: 1));
        Assert.Equal([3, 6, 6], terms.Shape);
        for (var i = 0; i < 6; i++)
        for (var j = 0; j < 6; j++)
        {
            var sum = bias[1] + terms[0, i, j] + terms[1, i, j] + terms[2, i, j];
            Assert.True(Math.Abs(output[0, 1, i, j] - sum) < 1e-5, $"({i},{j}): layer {output[0, 1, i, j]}, terms + bias {sum}");
        }
    }

    [Fact]
    public void Pooling_by_hand()
    {
        var input = new NdArray([1, 1, 4, 4], Enumerable.Range(0, 16).Select(v => (float)v).ToArray());
        Assert.Equal([5f, 7f, 13f, 15f], Pooling.MaxPool2d(input, 2).Data);
        Assert.Equal([2.5f, 4.5f, 10.5f, 12.5f], Pooling.AvgPool2d(input, 2).Data);
        var sequence = new NdArray([1, 1, 5], [1, 3, 2, 5, 4]);
        Assert.Equal([3f, 5f], Pooling.MaxPool1d(sequence, 2).Data);
        Assert.Equal([1f, 3f, 5f], Pooling.MaxPool1d(sequence, 2, 2, padding: 1).Data);
    }
}
