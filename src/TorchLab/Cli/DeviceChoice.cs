using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Cli;

/// <summary>Turns <c>--device auto|cpu|cuda[:N]</c> into a device, refusing CUDA that is not there.</summary>
public static class DeviceChoice
{
    /// <summary>The device named by <paramref name="text"/>; auto picks CUDA when libtorch sees a GPU.</summary>
    /// <exception cref="UsageException">Unknown text, or CUDA asked for but unavailable.</exception>
    public static Device Resolve(string text)
    {
        var name = text.Trim().ToLowerInvariant();
        if (name == "auto") return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        if (name == "cpu") return torch.CPU;
        // TorchSharp's Device(string) parses the type with Enum.Parse, so "tpu" would end in a
        // stack trace; only the two names the lab supports get that far.
        var index = -1;
        if (name != "cuda" && !(name.StartsWith("cuda:", StringComparison.Ordinal)
                && int.TryParse(name[5..], NumberStyles.None, CultureInfo.InvariantCulture, out index)))
            throw new UsageException($"--device: '{text}' is not auto, cpu, cuda or cuda:N");
        if (!torch.cuda.is_available())
            throw new UsageException($"--device {text}: CUDA is not available (libtorch {torch.__version__} sees no " +
                $"GPU or was built without CUDA; see README, GPU)");
        var count = torch.cuda.device_count();
        if (index >= count)
            throw new UsageException($"--device {text}: there are {count} CUDA device(s), numbered 0..{count - 1}");
        return index < 0 ? torch.CUDA : new Device(DeviceType.CUDA, index);
    }
}
