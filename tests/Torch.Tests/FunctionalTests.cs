using static TorchLab.Torch.torch;
using static TorchLab.Torch.torch.nn.functional;
using static TorchLab.Torch.Tests.PyTorchReference;

namespace TorchLab.Torch.Tests;

/// <summary>Every functional op against PyTorch 1.13's output (pytorch/functional_reference.py).</summary>
public class FunctionalTests
{
    private static readonly PyTorchReference Expected = Load("functional.json");

    [Fact]
    public void Convolutions_match_pytorch()
    {
        using var scope = NewDisposeScope();
        Expected.AssertMatches("conv2d_groups_stride_pad_dilation", conv2d(Input([2, 4, 7, 6]), Input([6, 2, 3, 3], 5), Input([6], 9),
            strides: [2, 1], padding: [1, 2], dilation: [1, 2], groups: 2));
        Expected.AssertMatches("conv2d_same", conv2d(Input([1, 3, 8, 8]), Input([4, 3, 3, 5], 3), null, null, Padding.Same, dilation: [2]));
        Expected.AssertMatches("conv2d_valid", conv2d(Input([1, 3, 8, 8]), Input([4, 3, 3, 5], 3), Input([4]), null, Padding.Valid));
        Expected.AssertMatches("conv1d_pad_bias", conv1d(Input([2, 4, 20]), Input([8, 4, 5], 1), Input([8], 2), padding: 2));
        Expected.AssertMatches("conv1d_stride_dilation_groups", conv1d(Input([2, 4, 20]), Input([8, 1, 3], 1), null,
            stride: 2, dilation: 2, groups: 4));
        Expected.AssertMatches("conv1d_same", conv1d(Input([1, 4, 11]), Input([2, 4, 4], 7), null, 1, Padding.Same));
    }

    [Fact]
    public void Pooling_matches_pytorch()
    {
        using var scope = NewDisposeScope();
        var p = Input([1, 2, 7, 7]);
        var q = Input([2, 3, 10]);
        Expected.AssertMatches("max_pool2d_2", max_pool2d(p, [2]));
        Expected.AssertMatches("max_pool2d_3_s1_p1", max_pool2d(p, [3], strides: [1], padding: [1]));
        Expected.AssertMatches("avg_pool2d_3_s2_p1", avg_pool2d(p, [3], strides: [2], padding: [1]));
        Expected.AssertMatches("max_pool1d_3_s2_p1", max_pool1d(q, 3, stride: 2, padding: 1));
        Expected.AssertMatches("avg_pool1d_2", avg_pool1d(q, 2));
        Expected.AssertMatches("adaptive_avg_pool2d_3x2", adaptive_avg_pool2d(p, [3, 2]));
        Expected.AssertMatches("adaptive_avg_pool1d_1", adaptive_avg_pool1d(q, 1));
        Expected.AssertMatches("adaptive_avg_pool1d_4", adaptive_avg_pool1d(q, 4));
        Expected.AssertMatches("adaptive_max_pool1d_3", adaptive_max_pool1d(q, 3));
    }

    [Fact]
    public void Activations_and_layers_match_pytorch()
    {
        using var scope = NewDisposeScope();
        var a = Input([3, 5]) * 3.0;
        Expected.AssertMatches("relu", relu(a));
        Expected.AssertMatches("gelu", gelu(a));
        Expected.AssertMatches("sigmoid", sigmoid(a));
        Expected.AssertMatches("tanh", tanh(a));
        Expected.AssertMatches("softmax_dim1", softmax(a, 1));
        Expected.AssertMatches("log_softmax_dim0", log_softmax(a, 0));
        Expected.AssertMatches("linear", linear(Input([3, 5]), Input([4, 5], 3), Input([4], 8)));
        Expected.AssertMatches("pad", pad(Input([2, 3]), [1, 2, 0, 1], 0.5));
    }

    [Fact]
    public void Losses_match_pytorch()
    {
        using var scope = NewDisposeScope();
        var logits = Input([5, 3], 2) * 2.0;
        var target = tensor(new long[] { 0, 2, 1, 2, 0 });
        var classWeights = tensor(new[] { 1f, 2f, 0.5f });
        Expected.AssertMatches("cross_entropy", cross_entropy(logits, target));
        Expected.AssertMatches("cross_entropy_weight_smoothing_sum", cross_entropy(logits, target, classWeights,
            reduction: nn.Reduction.Sum, label_smoothing: 0.1));
        Expected.AssertMatches("cross_entropy_none", cross_entropy(logits, target, reduction: nn.Reduction.None));
        Expected.AssertMatches("nll_loss", nll_loss(log_softmax(logits, 1), target, classWeights));
        Expected.AssertMatches("mse_loss", mse_loss(Input([4, 3]), Input([4, 3], 1)));
        Expected.AssertMatches("bce_with_logits_pos_weight", binary_cross_entropy_with_logits(Input([4, 3]) * 4.0,
            (Input([4, 3], 2) + 1.0) / 2.0, pos_weights: tensor(new[] { 1f, 2f, 3f })));
    }

    [Fact]
    public void Batch_norm_matches_pytorch_and_updates_running_statistics()
    {
        using var scope = NewDisposeScope();
        var x = Input([4, 3, 5]) * 2.0 + 0.3;
        var runningMean = zeros(3);
        var runningVar = ones(3);
        Expected.AssertMatches("batch_norm_train", batch_norm(x, runningMean, runningVar, Input([3], 4) + 1.5, Input([3], 6),
            training: true, momentum: 0.2));
        Expected.AssertMatches("batch_norm_train_running_mean", runningMean);
        Expected.AssertMatches("batch_norm_train_running_var", runningVar);
        Expected.AssertMatches("batch_norm_eval", batch_norm(x, runningMean, runningVar));
    }

    [Fact]
    public void Gradients_through_conv2d_and_cross_entropy_match_pytorch()
    {
        using var scope = NewDisposeScope();
        var x = Input([2, 3, 6, 6]).requires_grad_();
        var w = Input([4, 3, 3, 3], 2).requires_grad_();
        var loss = (conv2d(x, w, padding: [1]) * Input([2, 4, 6, 6], 11)).sum();
        loss.backward();
        Expected.AssertMatches("conv2d_grad_input", x.grad!);
        Expected.AssertMatches("conv2d_grad_weight", w.grad!);

        var logits = (Input([5, 3], 2) * 2.0).requires_grad_();
        cross_entropy(logits, tensor(new long[] { 0, 2, 1, 2, 0 })).backward();
        Expected.AssertMatches("cross_entropy_grad", logits.grad!);
    }

    [Fact]
    public void Dropout_is_identity_in_eval_and_scales_survivors_in_training()
    {
        using var scope = NewDisposeScope();
        var x = ones(1000);
        Assert.True(dropout(x, 0.3, training: false).allclose(x));
        var kept = dropout(x, 0.3, training: true);
        var values = kept.data<float>();
        Assert.All(values, v => Assert.True(v == 0f || Math.Abs(v - 1 / 0.7f) < 1e-6, $"unexpected value {v}"));
        var zeroFraction = values.Count(v => v == 0f) / 1000.0;
        Assert.InRange(zeroFraction, 0.25, 0.35);
        Assert.Throws<ArgumentOutOfRangeException>(() => dropout(x, 1.5));
    }

    [Fact]
    public void One_hot_and_shape_errors()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(new long[] { 0, 0, 1, 1, 0, 0 }, one_hot(tensor(new long[] { 2, 0 }), 3).data<long>());
        var error = Assert.Throws<TorchException>(() => conv2d(ones(1, 3, 8, 8), ones(4, 2, 3, 3)));
        Assert.Contains("[4, 2, 3, 3]", error.Message);
        Assert.Contains("3 channels", error.Message);
        var tooBig = Assert.Throws<TorchException>(() => conv2d(ones(1, 1, 2, 2), ones(1, 1, 3, 3)));
        Assert.Contains("Kernel size can't be greater than actual input size", tooBig.Message);
        Assert.Throws<TorchException>(() => cross_entropy(ones(2, 3), tensor(new long[] { 0, 5 })));
    }
}
