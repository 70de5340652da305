namespace TorchLab.Torch;

/// <summary>Kinds of device, with libtorch's numeric codes.</summary>
public enum DeviceType
{
    /// <summary>The host processor.</summary>
    CPU = 0,
    /// <summary>An NVIDIA GPU.</summary>
    CUDA = 1,
}

/// <summary>Where a tensor lives: <c>cpu</c> or <c>cuda:N</c>.</summary>
public sealed record Device(DeviceType type, int index = -1)
{
    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (case-insensitive).</summary>
    public static Device Parse(string description)
    {
        var text = description.Trim().ToLowerInvariant();
        var colon = text.IndexOf(':');
        var kind = colon < 0 ? text : text[..colon];
        var index = -1;
        if (colon >= 0 && (!int.TryParse(text[(colon + 1)..], out index) || index < 0))
            throw new ArgumentException($"Invalid device '{description}': the index after ':' must be a non-negative integer.", nameof(description));
        return kind switch
        {
            "cpu" when colon < 0 || index == 0 => new Device(DeviceType.CPU),
            "cuda" => new Device(DeviceType.CUDA, index),
            _ => throw new ArgumentException($"Invalid device '{description}': expected 'cpu', 'cuda' or 'cuda:N'.", nameof(description)),
        };
    }

    /// <summary>PyTorch's spelling: <c>cpu</c>, <c>cuda</c>, <c>cuda:0</c>.</summary>
    public override string ToString() =>
        type switch
        {
            DeviceType.CPU => "cpu",
            _ => index < 0 ? "cuda" : $"cuda:{index}",
        };
}
