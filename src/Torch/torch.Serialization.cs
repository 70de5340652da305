using System.Runtime.InteropServices;
using TorchLab.Torch.Native;

namespace TorchLab.Torch;

public static partial class torch
{
    /// <summary>
    /// Writes a name→tensor dict (a model's or optimizer's state dict, or a whole checkpoint) in
    /// PyTorch's own format, so Python's <c>torch.load</c> opens it. Tensors are saved from the
    /// CPU, contiguous, in the dict's enumeration order. The file is replaced atomically: a failed
    /// save leaves the old file (or none), never half of one.
    /// </summary>
    public static void save(IReadOnlyDictionary<string, Tensor> state_dict, string path)
    {
        ArgumentNullException.ThrowIfNull(state_dict);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var list = new NamedTensorsHandle(LibTorch.tl_named_tensors_new());
        foreach (var (name, tensor) in state_dict)
        {
            ArgumentNullException.ThrowIfNull(tensor, $"state_dict[\"{name}\"]");
            LibTorch.Check(LibTorch.tl_named_tensors_add(list, name, tensor.Handle));
        }
        if (LibTorch.tl_save(list, Path.GetFullPath(path)) != 0)
            throw new TorchException($"torch.save: cannot save to '{path}': {LibTorch.LastError().Message}");
    }

    /// <summary>
    /// Reads a name→tensor dict saved by <see cref="save"/> or by Python's
    /// <c>torch.save(model.state_dict(), path)</c>, in the file's order, onto the CPU. Throws
    /// <see cref="FileNotFoundException"/> for a missing file and <see cref="TorchException"/>
    /// naming the path for a file that is not a PyTorch dict of tensors.
    /// </summary>
    public static OrderedDictionary<string, Tensor> load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"torch.load: no file at '{path}'", path);
        var pointer = LibTorch.tl_load(Path.GetFullPath(path));
        if (pointer == IntPtr.Zero)
            throw new TorchException($"torch.load: cannot load '{path}': {LibTorch.LastError().Message}");
        using var list = new NamedTensorsHandle(pointer);
        var result = new OrderedDictionary<string, Tensor>();
        var count = LibTorch.tl_named_tensors_count(list);
        for (var i = 0; i < count; i++)
        {
            var name = Marshal.PtrToStringUTF8(LibTorch.tl_named_tensors_name(list, i))!;
            result.Add(name, new Tensor(LibTorch.Check(LibTorch.tl_named_tensors_get(list, i))));
        }
        return result;
    }
}
