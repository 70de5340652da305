namespace TorchLab.Torch.Native;

/// <summary>
/// A tensor's native pointer held for one native call, for arguments a SafeHandle parameter
/// cannot express (optional tensors, arrays of tensors). The reference taken here keeps a
/// concurrent Dispose from freeing the tensor mid-call; a null tensor passes a null pointer.
/// </summary>
internal readonly struct Borrowed : IDisposable
{
    private readonly TensorHandle? handle;

    public Borrowed(torch.Tensor? tensor)
    {
        if (tensor is null) return;
        var added = false;
        tensor.Handle.DangerousAddRef(ref added);
        handle = tensor.Handle;
        Pointer = handle.DangerousGetHandle();
    }

    public IntPtr Pointer { get; }

    public void Dispose() => handle?.DangerousRelease();
}

/// <summary>Native pointers of a list of tensors, held for one native call.</summary>
internal sealed class BorrowedList : IDisposable
{
    private readonly IReadOnlyList<torch.Tensor> tensors;
    private int added;

    public BorrowedList(IReadOnlyList<torch.Tensor> tensors)
    {
        this.tensors = tensors;
        Pointers = new IntPtr[tensors.Count];
        try
        {
            for (; added < tensors.Count; added++)
            {
                var success = false;
                tensors[added].Handle.DangerousAddRef(ref success);
                Pointers[added] = tensors[added].Handle.DangerousGetHandle();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IntPtr[] Pointers { get; }

    public void Dispose()
    {
        for (var i = 0; i < added; i++) tensors[i].Handle.DangerousRelease();
        added = 0;
    }
}
