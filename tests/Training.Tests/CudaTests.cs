using TorchLab.Models;
using TorchLab.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Training.Tests;

/// <summary>
/// The shared loop on a GPU against the same loop on the CPU. Skipped where libtorch sees no
/// CUDA device; scripts/gpu-check.sh runs them on one.
/// </summary>
[Collection(nameof(Serial))]
public class CudaTests
{
    private static History Train(nn.Module<Tensor, Tensor> model, LabSplits data, Device device, int epochs)
    {
        var (trainX, trainY) = data.Train.ToTensors(device);
        var (validX, validY) = data.Valid.ToTensors(device);
        model.to(device);
        using var optimizer = optim.Adam(model.parameters(), 1e-3);
        var history = TrainingLoop.Fit(model, optimizer, Batches.Shuffled(trainX, trainY, 64), Batches.InOrder(validX, validY, 64), epochs);
        foreach (var tensor in new[] { trainX, trainY, validX, validY }) tensor.Dispose();
        return history;
    }

    [Fact]
    public void Tiny_cnn_on_cuda_follows_the_cpu_run()
    {
        if (!cuda.is_available()) Assert.Skip("libtorch sees no CUDA device here");
        var data = LabSplits.Digits(DataFiles.File("digits.csv"), 0);
        manual_seed(0);
        using var onCpu = new TinyCnn();
        var cpu = Train(onCpu, data, CPU, 2);
        manual_seed(0);
        using var onGpu = new TinyCnn();
        var gpu = Train(onGpu, data, CUDA, 2);

        Assert.Equal(cpu.StepLosses.Count, gpu.StepLosses.Count);
        // cuDNN sums in another order, so the runs drift apart slowly; early steps agree closely.
        var early = cpu.StepLosses.Zip(gpu.StepLosses, (c, g) => Math.Abs(c - g)).Take(10).Max();
        Assert.True(early < 1e-3, $"max |CPU - CUDA| over the first 10 step losses = {early:E2}");
        Assert.InRange(gpu.Epochs[^1].ValidAccuracy, cpu.Epochs[^1].ValidAccuracy - 0.03, 1.0);
        Assert.Equal(DeviceType.CUDA, onGpu.parameters().First().device_type);
    }
}
