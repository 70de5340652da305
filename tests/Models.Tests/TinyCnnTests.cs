namespace TorchLab.Models.Tests;

/// <summary>The tiny CNN's own checks; tests/TorchLab.Tests/ModelRecipeTests.cs holds every model against PyTorch.</summary>
public class TinyCnnTests
{
    [Fact]
    public void Image_sizes_that_two_poolings_cannot_halve_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new TinyCnn(10, 8));
        Assert.Contains("10x8 must be divisible by 4", error.Message);
    }
}
