using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Tests;

public class MathTests
{
    [Fact]
    public void Operators_with_tensors_and_scalars()
    {
        using var a = tensor(new[] { 1f, 2f, 3f });
        using var b = tensor(new[] { 4f, 5f, 6f });
        using var r = (a + b) * 2.0 - 1.0;
        Assert.Equal(new float[] { 9, 13, 17 }, r.data<float>());
        using var q = 12.0 / b;
        Assert.Equal(new float[] { 3, 2.4f, 2 }, q.data<float>());
        using var n = -a;
        Assert.Equal(new float[] { -1, -2, -3 }, n.data<float>());
        using var l = tensor(new long[] { 7, 8 }) * 3L;
        Assert.Equal(ScalarType.Int64, l.dtype);
        Assert.Equal(new long[] { 21, 24 }, l.data<long>());
    }

    [Fact]
    public void Unary_functions_match_math()
    {
        using var x = tensor(new[] { 0.25, 1.0, 4.0 });
        using var sq = x.sqrt();
        using var lg = x.log();
        using var ex = x.exp();
        using var pw = x.pow(3);
        using var cl = x.clamp(0.5, 2.0);
        Assert.Equal(new[] { 0.5, 1.0, 2.0 }, sq.data<double>());
        Assert.Equal(Math.Log(0.25), lg.data<double>()[0], 12);
        Assert.Equal(Math.Exp(4.0), ex.data<double>()[2], 9);
        Assert.Equal(new[] { 1.0 / 64, 1.0, 64.0 }, pw.data<double>());
        Assert.Equal(new[] { 0.5, 1.0, 2.0 }, cl.data<double>());
        using var neg = tensor(new[] { -3.5 });
        using var ab = neg.abs();
        Assert.Equal(3.5, ab.item<double>());
    }

    [Fact]
    public void Reductions_over_all_and_over_dims()
    {
        using var g = arange(6L).to(float32).reshape(2, 3); // [[0,1,2],[3,4,5]]
        using var s = g.sum();
        using var m = g.mean(1);
        using var mx = g.max();
        using var mn = g.min();
        using var am = g.argmax(0);
        using var amx = g.amax(new long[] { 0 });
        Assert.Equal(15f, s.item<float>());
        Assert.Equal(new float[] { 1, 4 }, m.data<float>());
        Assert.Equal(5f, mx.item<float>());
        Assert.Equal(0f, mn.item<float>());
        Assert.Equal(new long[] { 1, 1, 1 }, am.data<long>());
        Assert.Equal(new float[] { 3, 4, 5 }, amx.data<float>());
        var (values, indexes) = g.max(1);
        using (values) using (indexes)
        {
            Assert.Equal(new float[] { 2, 5 }, values.data<float>());
            Assert.Equal(new long[] { 2, 2 }, indexes.data<long>());
        }
    }

    [Fact]
    public void Comparisons_give_bool_tensors()
    {
        using var a = tensor(new[] { 1f, 5f, 3f });
        using var b = tensor(new[] { 2f, 5f, 1f });
        using var lt = a < b;
        using var eq = a.eq(b);
        using var ge = a >= 3.0;
        Assert.Equal(ScalarType.Bool, lt.dtype);
        Assert.Equal(new[] { true, false, false }, lt.data<bool>());
        Assert.Equal(new[] { false, true, false }, eq.data<bool>());
        Assert.Equal(new[] { false, true, true }, ge.data<bool>());
    }

    [Fact]
    public void Matmul_and_allclose()
    {
        using var a = tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        using var b = tensor(new float[,] { { 5, 6 }, { 7, 8 } });
        using var c = matmul(a, b);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>());
        using var close = c + 1e-7;
        Assert.True(allclose(c, close));
        using var far = c + 1.0;
        Assert.False(c.allclose(far));
    }

    [Fact]
    public void ToString_prints_values_shape_and_dtype_like_pytorch()
    {
        using var t = tensor(new float[,] { { 1, 2.5f }, { -3, 4 } });
        var text = t.ToString();
        Assert.Contains("[[ 1.0000,  2.5000],", text);
        Assert.Contains("[-3.0000,  4.0000]]", text);
        Assert.Contains("shape=[2, 2]", text);
        Assert.Contains("float32", text);
    }
}
