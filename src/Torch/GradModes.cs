using TorchLab.Torch.Native;

namespace TorchLab.Torch;

public static partial class torch
{
    /// <summary>Whether autograd records operations on this thread.</summary>
    public static bool is_grad_enabled() => LibTorch.tl_is_grad_enabled() != 0;

    /// <summary>Whether this thread is inside <see cref="inference_mode"/>.</summary>
    public static bool is_inference_mode_enabled() => LibTorch.tl_is_inference_mode_enabled() != 0;

    /// <summary>
    /// Turns gradient recording off on this thread until disposed:
    /// <c>using (torch.no_grad()) { ... }</c>. Restores the previous mode, so guards nest.
    /// </summary>
    public static IDisposable no_grad() => new GradModeGuard(enabled: false);

    /// <summary>Turns gradient recording on inside a <see cref="no_grad"/> block, until disposed.</summary>
    public static IDisposable enable_grad() => new GradModeGuard(enabled: true);

    /// <summary>Sets gradient recording to <paramref name="enabled"/> until disposed.</summary>
    public static IDisposable set_grad_enabled(bool enabled) => new GradModeGuard(enabled);

    /// <summary>
    /// libtorch's inference mode until disposed: like <see cref="no_grad"/> but faster, and its
    /// tensors can never enter autograd later. Dispose on the thread that created it.
    /// </summary>
    public static IDisposable inference_mode(bool mode = true) => new InferenceModeGuard(mode);

    private sealed class GradModeGuard : IDisposable
    {
        private readonly bool previous;
        private bool disposed;

        public GradModeGuard(bool enabled)
        {
            previous = is_grad_enabled();
            LibTorch.tl_set_grad_enabled(enabled ? 1 : 0);
        }

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            LibTorch.tl_set_grad_enabled(previous ? 1 : 0);
        }
    }

    private sealed class InferenceModeGuard : IDisposable
    {
        private IntPtr guard;

        public InferenceModeGuard(bool mode)
        {
            guard = LibTorch.tl_inference_mode_enter(mode ? 1 : 0);
            if (guard == IntPtr.Zero) throw LibTorch.LastError();
        }

        public void Dispose()
        {
            if (guard == IntPtr.Zero) return;
            LibTorch.tl_inference_mode_exit(guard);
            guard = IntPtr.Zero;
        }
    }
}
