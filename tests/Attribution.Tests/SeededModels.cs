using TorchLab.Models;
using static TorchSharp.torch;

namespace TorchLab.Attribution.Tests;

/// <summary>The lab's models as torch.manual_seed initialises them, in eval mode, and inputs for them.</summary>
internal static class SeededModels
{
    public static readonly string[] Names = ["tiny-cnn", "seq-cnn", "seq-gru", "seq-attn"];

    /// <summary>Why tiny-cnn's float32 gradients are not compared: this libtorch build's float32 Conv2d input
    /// gradient (oneDNN's AVX-512 backward-data kernel, used by conv_transpose2d too) is wrong on AVX-512 CPUs such
    /// as this AMD EPYC: 0.80 off where the largest gradient is 1.50, changing with the thread count, where PyTorch
    /// 1.13's float32 agrees with float64 to 3e-7 and DNNL_MAX_CPU_ISA=AVX2 gives the same 3e-7 here. Float64 agrees
    /// with finite differences (GradientTests); Attributions.Of explains the digit models in float64
    /// (docs/explain.md).</summary>
    public const string Conv2dFloat32 = "tiny-cnn: this libtorch build's float32 Conv2d input gradient is wrong on " +
        "AVX-512 CPUs (oneDNN; see SeededModels.Conv2dFloat32); Attributions.Of explains digits in float64";

    public static nn.Module<Tensor, Tensor> Create(string name, long seed)
    {
        manual_seed(seed);
        nn.Module<Tensor, Tensor> model = name switch
        {
            "tiny-cnn" => new TinyCnn(),
            "seq-cnn" => new SeqCnn(),
            "seq-gru" => new SeqGru(),
            "seq-attn" => new SeqAttn(),
            _ => throw new ArgumentException(name),
        };
        model.eval();
        return model;
    }

    /// <summary><paramref name="count"/> inputs for the model: random one-hot sequences (N, 4, 60), or random
    /// digits (N, 1, 8, 8) scaled 0..1 with a quarter of the pixels blank.</summary>
    public static Tensor Inputs(string name, int count, long seed)
    {
        var generator = new Generator((ulong)seed);
        if (name == "tiny-cnn")
        {
            var pixels = rand([count, 1, 8, 8], generator: generator);
            return pixels * rand([count, 1, 8, 8], generator: generator).gt(0.25);
        }
        var letters = randint(0, 4, [count, 60], generator: generator);
        return nn.functional.one_hot(letters, 4).transpose(1, 2).to_type(ScalarType.Float32).contiguous();
    }

    /// <summary>Targets 0, 1, 2, 0, ...: every class of the DNA models, and three of the digits'.</summary>
    public static Tensor Targets(int count) => arange(count, dtype: ScalarType.Int64) % 3;
}
