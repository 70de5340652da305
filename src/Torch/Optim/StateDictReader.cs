namespace TorchLab.Torch.Optim;

/// <summary>
/// Reads a flat state dict for <c>load_state_dict</c>: every read names its key when the entry
/// is missing or malformed, and <see cref="ThrowOnUnusedKeys"/> rejects leftovers (a dict for
/// more parameters, or for another optimizer).
/// </summary>
internal sealed class StateDictReader(IReadOnlyDictionary<string, torch.Tensor> entries, string owner)
{
    private readonly HashSet<string> used = new();

    public bool Has(string key) => entries.ContainsKey(key);

    public bool HasPrefix(string prefix) => entries.Keys.Any(key => key.StartsWith(prefix, StringComparison.Ordinal));

    public torch.Tensor Tensor(string key)
    {
        if (!entries.TryGetValue(key, out var tensor))
            throw Error($"missing key '{key}'");
        used.Add(key);
        return tensor;
    }

    public double Number(string key)
    {
        var tensor = Tensor(key);
        if (tensor.numel() != 1) throw Error($"'{key}' should hold one number but has shape [{string.Join(", ", tensor.shape)}]");
        using var value = tensor.to(ScalarType.Float64);
        return value.item<double>();
    }

    public bool Flag(string key) => Number(key) != 0;

    public double[] Numbers(string key, int count)
    {
        var tensor = Tensor(key);
        if (tensor.numel() != count) throw Error($"'{key}' should hold {count} numbers but has shape [{string.Join(", ", tensor.shape)}]");
        using var values = tensor.to(ScalarType.Float64);
        return values.data<double>();
    }

    /// <summary>A private copy of the entry, converted to <paramref name="like"/>'s dtype, after checking its shape.</summary>
    public torch.Tensor CopyLike(string key, torch.Tensor like)
    {
        var tensor = Tensor(key);
        var (have, want) = (tensor.shape, like.shape);
        if (!have.SequenceEqual(want))
            throw Error($"'{key}' has shape [{string.Join(", ", have)}] but its parameter has shape [{string.Join(", ", want)}]");
        using var converted = tensor.to(like.dtype);
        return converted.clone().DetachFromDisposeScope();
    }

    public void ThrowOnUnusedKeys()
    {
        var unused = entries.Keys.Where(key => !used.Contains(key)).ToList();
        if (unused.Count > 0)
            throw Error($"unexpected key(s) {string.Join(", ", unused.Select(k => $"'{k}'"))}");
    }

    public ArgumentException Error(string problem) => new($"{owner}.load_state_dict: {problem}");
}
