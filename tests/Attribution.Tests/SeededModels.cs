using TorchLab.Models;
using static TorchSharp.torch;

namespace TorchLab.Attribution.Tests;

/// <summary>The lab's models as torch.manual_seed initialises them, in eval mode, and inputs for them.</summary>
internal static class SeededModels
{
    public static readonly string[] Names = ["tiny-cnn", "seq-cnn", "seq-gru", "seq-attn"];

    /// <summary>Why tiny-cnn's float32 gradients are not compared: on this libtorch build a bare
    /// Conv2d(1, 8, 3, padding: 1)'s float32 input gradient differs from its float64 one by 1.5 where the
    /// gradient's largest is 2.4, and changes with the thread count and from call to call; float64 agrees with
    /// finite differences (GradientTests). Open: a libtorch bug or our use of it.</summary>
    public const string Conv2dFloat32 = "tiny-cnn: the float32 Conv2d input gradient of this libtorch build " +
        "disagrees with float64 and varies between calls (see SeededModels.Conv2dFloat32)";

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
