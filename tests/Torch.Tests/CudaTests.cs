using static TorchLab.Torch.torch;
using static TorchLab.Torch.Tests.PyTorchReference;
using F = TorchLab.Torch.torch.nn.functional;

namespace TorchLab.Torch.Tests;

/// <summary>Every functional op and module on CUDA against the same computation on the CPU (1e-5).</summary>
public class CudaTests
{
    private static readonly Device Gpu = new(DeviceType.CUDA, 0);

    private static void AssertSameOnGpu(string what, Func<Func<Tensor, Tensor>, Tensor> compute) =>
        AssertSameOnGpu(what, (Device device) => compute(t => t.to(device)));

    private static void AssertSameOnGpu(string what, Func<Device, Tensor> compute)
    {
        using var scope = NewDisposeScope();
        var onCpu = compute(CPU);
        var onGpu = compute(Gpu);
        Assert.Equal(DeviceType.CUDA, onGpu.device_type);
        var difference = (onGpu.cpu() - onCpu).abs().max().item<float>();
        var scale = Math.Max(1f, onCpu.abs().max().item<float>());
        Assert.True(difference <= 1e-5 * scale, $"{what}: max |cuda - cpu| = {difference} (scale {scale})");
    }

    [CudaFact]
    public void Functional_ops_agree_with_the_cpu()
    {
        AssertSameOnGpu("conv2d", on => F.conv2d(on(Input([2, 4, 7, 6])), on(Input([6, 2, 3, 3], 5)), on(Input([6], 9)),
            strides: [2, 1], padding: [1, 2], dilation: [1, 2], groups: 2));
        AssertSameOnGpu("conv2d same", on => F.conv2d(on(Input([1, 3, 8, 8])), on(Input([4, 3, 3, 5], 3)), null, null, Padding.Same));
        AssertSameOnGpu("conv1d", on => F.conv1d(on(Input([2, 4, 20])), on(Input([8, 4, 5], 1)), on(Input([8], 2)), padding: 2));
        AssertSameOnGpu("max_pool2d", on => F.max_pool2d(on(Input([1, 2, 7, 7])), [3], [1], [1]));
        AssertSameOnGpu("avg_pool2d", on => F.avg_pool2d(on(Input([1, 2, 7, 7])), [3], [2], [1]));
        AssertSameOnGpu("max_pool1d", on => F.max_pool1d(on(Input([2, 3, 10])), 3, 2, 1));
        AssertSameOnGpu("avg_pool1d", on => F.avg_pool1d(on(Input([2, 3, 10])), 2));
        AssertSameOnGpu("adaptive_avg_pool2d", on => F.adaptive_avg_pool2d(on(Input([1, 2, 7, 7])), [3, 2]));
        AssertSameOnGpu("adaptive_avg_pool1d", on => F.adaptive_avg_pool1d(on(Input([2, 3, 10])), 4));
        AssertSameOnGpu("adaptive_max_pool1d", on => F.adaptive_max_pool1d(on(Input([2, 3, 10])), 3));
        AssertSameOnGpu("relu", on => F.relu(on(Input([3, 5]))));
        AssertSameOnGpu("gelu", on => F.gelu(on(Input([3, 5]))));
        AssertSameOnGpu("sigmoid", on => F.sigmoid(on(Input([3, 5]))));
        AssertSameOnGpu("tanh", on => F.tanh(on(Input([3, 5]))));
        AssertSameOnGpu("softmax", on => F.softmax(on(Input([3, 5])), 1));
        AssertSameOnGpu("log_softmax", on => F.log_softmax(on(Input([3, 5])), 0));
        AssertSameOnGpu("linear", on => F.linear(on(Input([3, 5])), on(Input([4, 5], 3)), on(Input([4], 8))));
        AssertSameOnGpu("pad", on => F.pad(on(Input([2, 3])), [1, 2, 0, 1], 0.5));
        AssertSameOnGpu("dropout eval", on => F.dropout(on(Input([3, 5])), 0.5, training: false));
        AssertSameOnGpu("one_hot", on => F.one_hot(on(tensor(new long[] { 2, 0, 1 })), 3).to(float32));
        var target = tensor(new long[] { 0, 2, 1, 2, 0 });
        AssertSameOnGpu("cross_entropy", on => F.cross_entropy(on(Input([5, 3], 2)), on(target)));
        AssertSameOnGpu("nll_loss", on => F.nll_loss(F.log_softmax(on(Input([5, 3], 2)), 1), on(target)));
        AssertSameOnGpu("mse_loss", on => F.mse_loss(on(Input([4, 3])), on(Input([4, 3], 1))));
        AssertSameOnGpu("bce_with_logits", on => F.binary_cross_entropy_with_logits(on(Input([4, 3])), on((Input([4, 3], 2) + 1.0) / 2.0)));
        AssertSameOnGpu("batch_norm", on => F.batch_norm(on(Input([4, 3, 5])), on(zeros(3)), on(ones(3)), training: true));
        AssertSameOnGpu("matmul", on => matmul(on(Input([3, 4])), on(Input([4, 2], 1))));
    }

    [CudaFact]
    public void Modules_agree_with_the_cpu_forward_and_backward()
    {
        foreach (var (name, build, input) in new (string, Func<nn.Module<Tensor, Tensor>>, long[])[]
        {
            ("Conv2d", () => nn.Conv2d(3, 4, 3, padding: 1), [2, 3, 6, 6]),
            ("Conv1d", () => nn.Conv1d(4, 8, 5, padding: 2), [2, 4, 12]),
            ("Linear", () => nn.Linear(5, 3), [4, 5]),
            ("BatchNorm2d", () => nn.BatchNorm2d(3), [2, 3, 4, 4]),
            ("Sequential", () => nn.Sequential(nn.Flatten(), nn.Linear(12, 2), nn.ReLU()), [3, 3, 4]),
        })
        {
            using var cpuModule = build();
            using var gpuModule = build();
            gpuModule.load_state_dict(cpuModule.state_dict());
            gpuModule.to(Gpu);
            AssertSameOnGpu(name, (Device device) => device == Gpu
                ? gpuModule.call(Input(input).to(device))
                : cpuModule.call(Input(input)));
        }
    }

    [CudaFact]
    public void Gru_runs_on_the_gpu_kernel_with_the_cpu_result()
    {
        using var cpuGru = nn.GRU(4, 6, numLayers: 2, batchFirst: true, bidirectional: true);
        using var gpuGru = nn.GRU(4, 6, numLayers: 2, batchFirst: true, bidirectional: true);
        gpuGru.load_state_dict(cpuGru.state_dict());
        gpuGru.to(Gpu);
        using var scope = NewDisposeScope();
        var cpuOut = cpuGru.call(Input([3, 7, 4])).output;
        var gpuOut = gpuGru.call(Input([3, 7, 4]).to(Gpu)).output;
        var difference = (gpuOut.cpu() - cpuOut).abs().max().item<float>();
        Assert.True(difference < 1e-5, $"GRU: max |cuda - cpu| = {difference}");
        gpuOut.sum().backward();
        Assert.All(gpuGru.parameters(), p => Assert.Equal(DeviceType.CUDA, p.grad!.device_type));
    }

    [CudaFact]
    public void Device_queries_report_the_gpu()
    {
        Assert.True(cuda.device_count() >= 1);
        Assert.False(string.IsNullOrWhiteSpace(cuda.get_device_name(0)));
        var (free, total) = cuda.mem_get_info(0);
        Assert.InRange(free, 1, total);
        cuda.synchronize();
    }
}
