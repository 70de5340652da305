using System.Runtime.InteropServices;

namespace TorchLab.Torch.Native;

/// <summary>
/// Owns one native <c>torch::Tensor*</c>. Passing it to a native call adds a reference for the
/// call's duration, so a disposed tensor raises <see cref="ObjectDisposedException"/> instead
/// of handing libtorch a dangling pointer; the SafeHandle finalizer frees forgotten tensors.
/// </summary>
internal sealed class TensorHandle : SafeHandle
{
    private static long live;

    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    internal TensorHandle(IntPtr pointer) : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
        Interlocked.Increment(ref live);
    }

    /// <summary>Native tensors created and not yet freed, in this process.</summary>
    internal static long Live => Interlocked.Read(ref live);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LibTorch.tl_tensor_free(handle);
        Interlocked.Decrement(ref live);
        return true;
    }
}
