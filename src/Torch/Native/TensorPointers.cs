namespace TorchLab.Torch.Native;

/// <summary>
/// The raw pointers of a list of tensors for one native call over many tensors. It holds a
/// reference on every handle until disposed, so no tensor can be freed mid-call; null
/// entries stay null, and <see cref="AdoptNew"/> takes ownership of tensors the call created
/// in those slots.
/// </summary>
internal sealed class TensorPointers : IDisposable
{
    private readonly TensorHandle?[] held;

    public TensorPointers(IReadOnlyList<torch.Tensor?> tensors)
    {
        Pointers = new IntPtr[tensors.Count];
        held = new TensorHandle?[tensors.Count];
        try
        {
            for (var i = 0; i < tensors.Count; i++)
            {
                if (tensors[i] is not { } tensor) continue;
                var added = false;
                tensor.Handle.DangerousAddRef(ref added);
                held[i] = tensor.Handle;
                Pointers[i] = tensor.Handle.DangerousGetHandle();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IntPtr[] Pointers { get; }

    /// <summary>Wraps each pointer the native call wrote into a null slot, outside every dispose scope.</summary>
    public void AdoptNew(torch.Tensor?[] slots)
    {
        for (var i = 0; i < slots.Length; i++)
            if (slots[i] is null && Pointers[i] != IntPtr.Zero)
                slots[i] = new torch.Tensor(new TensorHandle(Pointers[i])).DetachFromDisposeScope();
    }

    public void Dispose()
    {
        for (var i = 0; i < held.Length; i++)
        {
            held[i]?.DangerousRelease();
            held[i] = null;
        }
    }
}
