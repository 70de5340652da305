using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchLab.Models;

/// <summary>
/// The course's 2-D sketch: two 3x3 conv + ReLU + 2x2 max-pool stages, then one linear layer.
/// Expected: about 98% test accuracy on the 8x8 digits after 60 epochs of Adam(1e-3), batch 64.
/// </summary>
public sealed class TinyCnn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    // ReLU and pooling as modules, not functional calls, so that forward hooks (a model summary) see them.
    private readonly ReLU relu1;
    private readonly MaxPool2d pool1;
    private readonly Conv2d conv2;
    private readonly ReLU relu2;
    private readonly MaxPool2d pool2;
    private readonly Linear fc;

    /// <summary>A tiny CNN for height x width single-channel images (both divisible by 4).</summary>
    public TinyCnn(int height = 8, int width = 8, int classes = 10) : base(nameof(TinyCnn))
    {
        if (height % 4 != 0 || width % 4 != 0)
            throw new ArgumentException(
                $"TinyCnn: image size {height}x{width} must be divisible by 4 (two 2x2 poolings)", nameof(height));
        conv1 = nn.Conv2d(1, 8, 3, padding: 1);
        (relu1, pool1) = (nn.ReLU(), nn.MaxPool2d(2));
        conv2 = nn.Conv2d(8, 16, 3, padding: 1);
        (relu2, pool2) = (nn.ReLU(), nn.MaxPool2d(2));
        fc = nn.Linear(16 * (height / 4) * (width / 4), classes);
        RegisterComponents();
    }
    public override Tensor forward(Tensor x)        // (N, 1, H, W)
    {
        x = relu1.call(conv1.call(x));               // (N, 8, H, W)
        x = pool1.call(x);                           // (N, 8, H/2, W/2)
        x = relu2.call(conv2.call(x));               // (N, 16, H/2, W/2)
        x = pool2.call(x);                           // (N, 16, H/4, W/4)
        x = x.flatten(1);                            // (N, 16·H/4·W/4)
        return fc.call(x);                           // (N, classes)
    }
}
