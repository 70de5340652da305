using TorchLab.Checkpoints;
using TorchLab.Training;

namespace TorchLab.TorchLab.Tests;

public class BestWeightsTests
{
    private static EpochRecord Epoch(int epoch, double validLoss) => new(epoch, 1, 0.5, validLoss, 0.5, 1e-3, 1);

    [Fact]
    public void The_best_epoch_is_the_first_with_the_lowest_finite_validation_loss()
    {
        Assert.Equal(3, BestWeights.BestEpoch([Epoch(1, double.NaN), Epoch(2, 0.5), Epoch(3, 0.3), Epoch(4, 0.3), Epoch(5, double.NegativeInfinity)]));
        Assert.Null(BestWeights.BestEpoch([Epoch(1, double.NaN), Epoch(2, double.PositiveInfinity)]));
        Assert.Null(BestWeights.BestEpoch([]));
    }
}
