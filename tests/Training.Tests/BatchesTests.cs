using static TorchSharp.torch;

namespace TorchLab.Training.Tests;

[Collection(nameof(Serial))]
public class BatchesTests
{
    [Fact]
    public void Shuffled_batches_follow_torch_randperm_drawn_when_each_pass_starts()
    {
        using var features = arange(10f).reshape(10, 1);
        using var labels = arange(10L);
        var batches = Batches.Shuffled(features, labels, 4);

        manual_seed(7);
        long[] first = [.. randperm(10).data<long>()], second = [.. randperm(10).data<long>()];
        manual_seed(7);
        var passes = new[] { Pass(batches), Pass(batches) };

        Assert.Equal([4, 4, 2], passes[0].Select(b => b.Length));
        Assert.Equal(first, passes[0].SelectMany(b => b));
        Assert.Equal(second, passes[1].SelectMany(b => b));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void In_order_batches_keep_the_rows_and_pair_features_with_labels()
    {
        using var features = arange(14f).reshape(7, 2);
        using var labels = arange(7L) * 10;
        var batches = Batches.InOrder(features, labels, 3).ToList();
        Assert.Equal([3L, 3, 1], batches.Select(b => b.y.shape[0]));
        Assert.Equal([0L, 10, 20, 30, 40, 50, 60], batches.SelectMany(b => b.y.data<long>().ToArray()));
        Assert.Equal([12f, 13f], batches[^1].x.data<float>().ToArray());
        foreach (var (x, y) in batches) { x.Dispose(); y.Dispose(); }
    }

    // The row indices of each batch of one pass (features hold their own row number).
    private static long[][] Pass(IEnumerable<(Tensor x, Tensor y)> batches) =>
        batches.Select(b =>
        {
            using (b.x)
            using (b.y)
            {
                Assert.Equal(b.y.data<long>().ToArray(), b.x.flatten().data<float>().ToArray().Select(v => (long)v));
                return b.y.data<long>().ToArray();
            }
        }).ToArray();
}
