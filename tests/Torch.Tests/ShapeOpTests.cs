using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Tests;

public class ShapeOpTests
{
    private static Tensor Grid() => arange(12L).to(float32).reshape(3, 4); // [[0..3],[4..7],[8..11]]

    [Fact]
    public void Transpose_then_contiguous_reorders_elements()
    {
        using var g = Grid();
        using var t = g.transpose(0, 1);
        using var c = t.contiguous();
        Assert.Equal(new long[] { 4, 3 }, c.shape);
        Assert.Equal(new float[] { 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11 }, c.data<float>());
    }

    [Fact]
    public void Permute_view_flatten_squeeze_unsqueeze()
    {
        using var g = Grid();
        using var v = g.view(1, 3, 4, 1);
        using var p = v.permute(0, 3, 2, 1);
        Assert.Equal(new long[] { 1, 1, 4, 3 }, p.shape);
        using var s = p.squeeze();
        Assert.Equal(new long[] { 4, 3 }, s.shape);
        using var s0 = v.squeeze(0);
        Assert.Equal(new long[] { 3, 4, 1 }, s0.shape);
        using var u = g.unsqueeze(1);
        Assert.Equal(new long[] { 3, 1, 4 }, u.shape);
        using var f = v.flatten(1);
        Assert.Equal(new long[] { 1, 12 }, f.shape);
    }

    [Fact]
    public void Index_select_narrow_select_slice_pick_the_right_elements()
    {
        using var g = Grid();
        using var idx = tensor(new long[] { 2, 0 });
        using var rows = g.index_select(0, idx);
        Assert.Equal(new float[] { 8, 9, 10, 11, 0, 1, 2, 3 }, rows.data<float>());
        using var n = g.narrow(1, 1, 2);
        Assert.Equal(new float[] { 1, 2, 5, 6, 9, 10 }, n.contiguous().data<float>());
        using var col = g.select(1, 3);
        Assert.Equal(new float[] { 3, 7, 11 }, col.data<float>());
        using var everyOther = g.slice(1, 0, 4, 2);
        Assert.Equal(new float[] { 0, 2, 4, 6, 8, 10 }, everyOther.contiguous().data<float>());
        using var element = g[1, 2];
        Assert.Equal(6f, element.item<float>());
    }

    [Fact]
    public void Cat_and_stack_join_along_a_dimension()
    {
        using var a = ones(2, 2);
        using var b = zeros(1, 2);
        using var c = cat(new[] { a, b }, 0);
        Assert.Equal(new long[] { 3, 2 }, c.shape);
        Assert.Equal(new float[] { 1, 1, 1, 1, 0, 0 }, c.data<float>());
        using var s = stack(new[] { a, a, a }, 1);
        Assert.Equal(new long[] { 2, 3, 2 }, s.shape);
    }

    [Fact]
    public void Expand_broadcasts_without_copying_values()
    {
        using var row = tensor(new[] { 1f, 2f }, new long[] { 1, 2 });
        using var e = row.expand(3, 2);
        Assert.Equal(new float[] { 1, 2, 1, 2, 1, 2 }, e.contiguous().data<float>());
    }
}
