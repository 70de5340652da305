using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Tests;

/// <summary>Tests that read the process-wide live-tensor count run alone, not beside other tests.</summary>
[CollectionDefinition(nameof(LiveCountCollection), DisableParallelization = true)]
public sealed class LiveCountCollection;

[Collection(nameof(LiveCountCollection))]
public class DisposeScopeTests
{
    [Fact]
    public void Ten_thousand_ops_in_a_scope_leave_the_live_count_at_its_baseline()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = Tensor.LiveCount;
        using (var scope = NewDisposeScope())
        {
            var x = ones(4, 4);
            for (var i = 0; i < 10_000; i++)
                x = x * 0.5 + 1.0;
            Assert.True(Tensor.LiveCount >= baseline + 10_000, $"expected the scope to hold the tensors, live {Tensor.LiveCount}");
        }
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void Moved_out_tensors_survive_and_the_rest_are_freed()
    {
        var baseline = Tensor.LiveCount;
        Tensor kept;
        using (NewDisposeScope())
        {
            var a = ones(3);
            var b = a + 2.0;
            kept = (b * 3.0).MoveToOuterDisposeScope();
        }
        Assert.Equal(baseline + 1, Tensor.LiveCount);
        Assert.Equal(new float[] { 9, 9, 9 }, kept.data<float>());
        kept.Dispose();
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void Nested_scopes_hand_results_to_the_outer_scope()
    {
        var baseline = Tensor.LiveCount;
        using (NewDisposeScope())
        {
            Tensor inner;
            using (NewDisposeScope())
            {
                inner = ones(2).MoveToOuterDisposeScope();
                _ = zeros(2);
            }
            Assert.Equal(baseline + 1, Tensor.LiveCount);
            Assert.False(inner.IsInvalid);
        }
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void A_tensor_used_after_dispose_throws_instead_of_crashing()
    {
        var t = ones(2, 2);
        t.Dispose();
        Assert.True(t.IsInvalid);
        Assert.Throws<ObjectDisposedException>(() => t.sum());
        Assert.Throws<ObjectDisposedException>(() => t.data<float>());
        Assert.Throws<ObjectDisposedException>(() => t.shape);
        using var other = ones(2, 2);
        Assert.Throws<ObjectDisposedException>(() => other + t);
        t.Dispose(); // a second Dispose is harmless
    }

    [Fact]
    public void A_tensor_disposed_by_its_scope_throws_when_used_later()
    {
        Tensor escaped;
        using (NewDisposeScope())
            escaped = ones(3);
        Assert.Throws<ObjectDisposedException>(() => escaped.numel());
    }
}
