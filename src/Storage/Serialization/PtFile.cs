using static TorchSharp.torch;

namespace TorchLab.Storage.Serialization;

/// <summary>
/// State dicts in PyTorch's <c>torch.save</c> format (the zip format of PyTorch 1.6 and later,
/// pickle protocol 2), so Python's <c>torch.load</c> opens TorchLab's files and TorchLab opens
/// <c>torch.save(model.state_dict(), path)</c>. TorchSharp's own <c>save</c> writes another format.
/// </summary>
/// <remarks>
/// Loading never runs code from the file, unlike Python's <c>torch.load</c>: the pickle is read
/// by a restricted reader that accepts only a dict of tensors, and refuses any other global
/// (<c>os.system</c>, <c>builtins.eval</c>...). Limits in <see cref="PtLimits"/> bound what a
/// hostile file can cost.
/// </remarks>
public static class PtFile
{
    /// <summary>
    /// Writes <paramref name="stateDict"/> (name → tensor, in order) to <paramref name="path"/>
    /// as an OrderedDict of CPU tensors. Each tensor is copied to the CPU and written as its
    /// own contiguous storage, with <c>requires_grad=False</c>. The write is atomic: on failure
    /// the previous file, or none, remains, and no temporary file is left.
    /// </summary>
    /// <exception cref="ArgumentException">A name appears twice, or a tensor exceeds <see
    /// cref="PtLimits.MaxStorageBytes"/>.</exception>
    /// <exception cref="IOException">The file cannot be written; the message names <paramref name="path"/>.</exception>
    public static void Save(IEnumerable<KeyValuePair<string, Tensor>> stateDict, string path) =>
        PtWriter.Write(stateDict, path);

    /// <summary>
    /// Reads a dict of tensors written by <see cref="Save"/> or by Python's <c>torch.save</c>
    /// (a state dict or a plain dict of tensors), in the file's order, on the CPU. dtypes:
    /// float32/64, float16, bfloat16, int8/16/32/64, uint8, bool, complex64/128. Tensors that
    /// shared a storage in the file share one here, as views, as in PyTorch. The caller owns
    /// the tensors (they join the caller's dispose scope, if any).
    /// </summary>
    /// <exception cref="PtFormatException">The file is not such a dict, is damaged or hostile, or breaks a
    /// limit.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static OrderedDictionary<string, Tensor> Load(string path) => PtReader.Read(path);
}
