using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Tests;

public class ErrorTests
{
    [Fact]
    public void Matmul_on_mismatched_shapes_names_the_shapes()
    {
        using var a = ones(2, 3);
        using var b = ones(4, 5);
        var error = Assert.Throws<TorchException>(() => matmul(a, b));
        Assert.Contains("2x3", error.Message);
        Assert.Contains("4x5", error.Message);
    }

    [Fact]
    public void Bad_reshape_reports_libtorch_message()
    {
        using var t = ones(6);
        var error = Assert.Throws<TorchException>(() => t.reshape(4, 2));
        Assert.Contains("shape '[4, 2]' is invalid for input of size 6", error.Message);
    }

    [Fact]
    public void Data_with_wrong_element_type_is_refused()
    {
        using var t = ones(2);
        var error = Assert.Throws<TorchException>(() => t.data<long>());
        Assert.Contains("Float32", error.Message);
    }

    [Fact]
    public void Bad_dtype_combination_is_a_torch_exception()
    {
        using var floats = ones(3);
        using var index = tensor(new[] { 0.5f });
        var error = Assert.Throws<TorchException>(() => floats.index_select(0, index));
        Assert.Contains("index", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Index_out_of_range_names_the_index_and_size()
    {
        using var t = ones(3, 4);
        var error = Assert.Throws<TorchException>(() => t.select(0, 7));
        Assert.Contains("7", error.Message);
        Assert.Contains("3", error.Message);
    }

    [Fact]
    public void Tensor_data_length_not_matching_shape_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => tensor(new[] { 1f, 2f, 3f }, new long[] { 2, 2 }));
        Assert.Equal("dimensions", error.ParamName);
        Assert.Contains("the data has 3", error.Message);
        Assert.Contains("[2, 2]", error.Message);
    }

    [Fact]
    public void Item_on_many_elements_is_refused()
    {
        using var t = ones(2);
        Assert.Throws<TorchException>(() => t.item<float>());
    }

    [Fact]
    public void Errors_do_not_poison_later_calls()
    {
        using var a = ones(2, 3);
        Assert.Throws<TorchException>(() => matmul(a, a));
        using var ok = matmul(a, a.transpose(0, 1));
        Assert.Equal(new float[] { 3, 3, 3, 3 }, ok.data<float>());
    }
}
