using System.Runtime.CompilerServices;

namespace TorchLab.Torch.Tests;

/// <summary>A test that needs a CUDA GPU: reported as skipped, with the reason, where libtorch sees none.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (!torch.cuda.is_available())
            Skip = $"needs CUDA: libtorch {torch.__version__} here has no GPU (run on a GPU machine, see README, GPU)";
    }
}
