using TorchLab.Torch;
using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Tests;

public class TensorRoundTripTests
{
    [Fact]
    public void Float32_values_and_shape_survive_the_trip()
    {
        using var t = torch.tensor(new[] { 1.5f, -2f, 3.25f, 0f, 1e-7f, 65504f }, new long[] { 2, 3 });
        Assert.Equal(new long[] { 2, 3 }, t.shape);
        Assert.Equal(ScalarType.Float32, t.dtype);
        Assert.Equal(new[] { 1.5f, -2f, 3.25f, 0f, 1e-7f, 65504f }, t.data<float>());
    }

    [Fact]
    public void Float64_round_trip_keeps_full_precision()
    {
        var values = new[] { Math.PI, -Math.E, 1e-300, 1e300 };
        using var t = torch.tensor(values);
        Assert.Equal(ScalarType.Float64, t.dtype);
        Assert.Equal(values, t.data<double>());
    }

    [Fact]
    public void Int64_round_trip_keeps_values_beyond_int32()
    {
        var values = new[] { long.MaxValue, long.MinValue, 0L, 1L << 40 };
        using var t = torch.tensor(values, new long[] { 2, 2 });
        Assert.Equal(ScalarType.Int64, t.dtype);
        Assert.Equal(values, t.data<long>());
    }

    [Fact]
    public void Bool_round_trip()
    {
        var values = new[] { true, false, false, true, true };
        using var t = torch.tensor(values);
        Assert.Equal(ScalarType.Bool, t.dtype);
        Assert.Equal(values, t.data<bool>());
    }

    [Fact]
    public void Span_and_two_dimensional_array_creation_copy_the_data()
    {
        var source = new float[] { 1, 2, 3, 4 };
        using var fromSpan = torch.tensor(source.AsSpan(), new long[] { 4 });
        source[0] = 99; // the tensor must own a copy
        Assert.Equal(1f, fromSpan.data<float>()[0]);

        using var grid = torch.tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new long[] { 2, 3 }, grid.shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, grid.data<float>());
    }

    [Fact]
    public void Dtype_conversion_and_item()
    {
        using var t = torch.tensor(new[] { 2.75f });
        using var asDouble = t.to(float64);
        using var asLong = t.to(int64);
        Assert.Equal(2.75, asDouble.item<double>());
        Assert.Equal(2L, asLong.item<long>());
    }

    [Fact]
    public void Factories_fill_as_named()
    {
        using var z = zeros(2, 3);
        using var o = ones(new long[] { 4 }, float64);
        using var f = full(new long[] { 2 }, 7.5);
        using var a = arange(5);
        using var ar = arange(0.0, 1.0, 0.25);
        Assert.All(z.data<float>(), v => Assert.Equal(0f, v));
        Assert.Equal(new[] { 1.0, 1.0, 1.0, 1.0 }, o.data<double>());
        Assert.Equal(new[] { 7.5f, 7.5f }, f.data<float>());
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, a.data<long>());
        Assert.Equal(new[] { 0f, 0.25f, 0.5f, 0.75f }, ar.data<float>());
    }

    [Fact]
    public void Seeding_reproduces_random_draws_and_matches_pytorch()
    {
        manual_seed(0);
        using var first = rand(3);
        using var perm = randperm(5);
        manual_seed(0);
        using var again = rand(3);
        Assert.Equal(first.data<float>(), again.data<float>());
        // torch.manual_seed(0); torch.rand(3) in PyTorch 1.13 gives these values.
        Assert.Equal(new[] { 0.4962566f, 0.7682218f, 0.08847743f }, first.data<float>(), new FloatTolerance(1e-6f));
        Assert.Equal(5, perm.data<long>().Distinct().Count());
    }

    [Fact]
    public void Rng_state_can_be_saved_and_restored()
    {
        manual_seed(42);
        using var state = random.get_rng_state();
        using var a = randn(4);
        random.set_rng_state(state);
        using var b = randn(4);
        Assert.Equal(a.data<float>(), b.data<float>());
    }

    [Fact]
    public void Runtime_facts_are_reported()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", __version__);
        Assert.True(get_num_threads() >= 1);
        Assert.Equal(cuda.is_available(), cuda.device_count() > 0);
    }

    [Fact]
    public void Device_strings_parse_like_pytorch()
    {
        Assert.Equal(new Device(DeviceType.CUDA, 1), device("cuda:1"));
        Assert.Equal(new Device(DeviceType.CPU), device("cpu"));
        using var t = ones(2);
        Assert.Equal(DeviceType.CPU, t.device_type);
        Assert.Throws<ArgumentException>(() => device("tpu"));
    }
}

internal sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
{
    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
    public int GetHashCode(float value) => 0;
}
