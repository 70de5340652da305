using System.Runtime.InteropServices;

namespace TorchLab.Torch.Native;

/// <summary>Owns a native ordered (name, tensor) list, the form torch.save and torch.load exchange.</summary>
internal sealed class NamedTensorsHandle : SafeHandle
{
    public NamedTensorsHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    internal NamedTensorsHandle(IntPtr pointer) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(pointer);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LibTorch.tl_named_tensors_free(handle);
        return true;
    }
}
