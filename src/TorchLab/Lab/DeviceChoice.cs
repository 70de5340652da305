using TorchLab.Torch;

namespace TorchLab.Lab;

/// <summary>Turns <c>--device auto|cpu|cuda[:N]</c> into a device, refusing CUDA that is not there.</summary>
public static class DeviceChoice
{
    /// <summary>The device named by <paramref name="text"/>; auto picks CUDA when libtorch sees a GPU.</summary>
    /// <exception cref="ArgumentException">Unknown text, or CUDA asked for but unavailable.</exception>
    public static Device Resolve(string text)
    {
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase))
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        var device = Device.Parse(text);
        if (device.type != DeviceType.CUDA) return device;
        if (!torch.cuda.is_available())
            throw new ArgumentException($"--device {text}: CUDA is not available (libtorch {torch.__version__} sees no GPU or was built without CUDA; see README, GPU)");
        var count = torch.cuda.device_count();
        if (device.index >= count)
            throw new ArgumentException($"--device {text}: there are {count} CUDA device(s), numbered 0..{count - 1}");
        return device;
    }
}
