namespace TorchLab.Plotting.Tests;

/// <summary>
/// The by-hand training figure: a row per model, both losses left, their difference on a log axis right.
/// </summary>
public class LockstepLossFigureTests : IDisposable
{
    private static readonly (int, int, int) Green = (0x2c, 0xa0, 0x2c);
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static readonly LockstepLosses[] Sample =
    [
        new("tiny-cnn", [2.3, 2.2, 2.0, 1.9], [2.3000001, 2.2000002, 2.0, 1.9000003]),
        new("seq-gru", [1.1, 0.9, 0.8], [1.1000001, 0.9, 0.80000002]),
    ];

    [Fact]
    public void Draws_a_row_per_model_with_the_difference_beside_the_losses()
    {
        var path = folder.File("training-by-hand.png");
        LockstepLossFigure.SavePng(path, Sample, width: 1300);
        var png = new PngReadBack(path);
        Assert.Equal((1300, 600), (png.Width, png.Height));
        for (var row = 0; row < 2; row++)
        for (var column = 0; column < 2; column++)
            Assert.InRange(png.InkShare(column * 650, row * 300, column * 650 + 650, row * 300 + 300), 0.02, 0.6);
        Assert.True(png.CountColor(Green, 650, 0, 1300, 300, tolerance: 40) > 20, "no difference line in row 1");
        Assert.True(png.CountColor(Green, 0, 0, 650, 600, tolerance: 40) < 5, "a difference line among the losses");
    }

    [Fact]
    public void Refuses_runs_of_different_lengths()
    {
        var error = Assert.Throws<PlotException>(() => LockstepLossFigure.SavePng(folder.File("x.png"),
            [new LockstepLosses("seq-cnn", [1, 2], [1])]));
        Assert.Contains("seq-cnn", error.Message);
    }
}
