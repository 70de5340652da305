using TorchLab.Torch.Modules;

namespace TorchLab.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>A 2-D convolution layer with a square kernel.</summary>
        public static Conv2d Conv2d(long in_channels, long out_channels, long kernelSize, long stride = 1, long padding = 0,
            long dilation = 1, long groups = 1, bool bias = true) =>
            new(in_channels, out_channels, kernelSize, stride, padding, null, dilation, groups, bias);

        /// <summary>A 2-D convolution layer padded by rule (<see cref="Padding.Same"/> keeps the size).</summary>
        public static Conv2d Conv2d(long in_channels, long out_channels, long kernelSize, Padding padding, long stride = 1,
            long dilation = 1, long groups = 1, bool bias = true) =>
            new(in_channels, out_channels, kernelSize, stride, 0, padding, dilation, groups, bias);

        /// <summary>A 1-D convolution layer.</summary>
        public static Conv1d Conv1d(long in_channels, long out_channels, long kernelSize, long stride = 1, long padding = 0,
            long dilation = 1, long groups = 1, bool bias = true) =>
            new(in_channels, out_channels, kernelSize, stride, padding, null, dilation, groups, bias);

        /// <summary>A 1-D convolution layer padded by rule.</summary>
        public static Conv1d Conv1d(long in_channels, long out_channels, long kernelSize, Padding padding, long stride = 1,
            long dilation = 1, long groups = 1, bool bias = true) =>
            new(in_channels, out_channels, kernelSize, stride, 0, padding, dilation, groups, bias);

        /// <summary>A fully connected layer.</summary>
        public static Linear Linear(long inputSize, long outputSize, bool hasBias = true) => new(inputSize, outputSize, hasBias);

        /// <summary>ReLU as a module.</summary>
        public static ReLU ReLU() => new();

        /// <summary>Flattens dimensions start_dim..end_dim.</summary>
        public static Flatten Flatten(long start_dim = 1, long end_dim = -1) => new(start_dim, end_dim);

        /// <summary>Dropout with probability <paramref name="p"/>.</summary>
        public static Dropout Dropout(double p = 0.5) => new(p);

        /// <summary>2-D max pooling with a square kernel.</summary>
        public static MaxPool2d MaxPool2d(long kernelSize, long? stride = null, long padding = 0) =>
            new([kernelSize, kernelSize], stride is { } s ? [s, s] : null, [padding, padding]);

        /// <summary>1-D max pooling.</summary>
        public static MaxPool1d MaxPool1d(long kernelSize, long? stride = null, long padding = 0) => new(kernelSize, stride, padding);

        /// <summary>Adaptive 2-D average pooling to (H, W).</summary>
        public static AdaptiveAvgPool2d AdaptiveAvgPool2d(long[] outputSize) => new(outputSize);

        /// <summary>Adaptive 1-D average pooling to a length.</summary>
        public static AdaptiveAvgPool1d AdaptiveAvgPool1d(long outputSize) => new(outputSize);

        /// <summary>Batch normalisation for (N, C) or (N, C, L) input.</summary>
        public static BatchNorm BatchNorm1d(long features, double eps = 1e-5, double momentum = 0.1) =>
            new(nameof(BatchNorm1d), features, eps, momentum, 2, 3);

        /// <summary>Batch normalisation for (N, C, H, W) input.</summary>
        public static BatchNorm BatchNorm2d(long features, double eps = 1e-5, double momentum = 0.1) =>
            new(nameof(BatchNorm2d), features, eps, momentum, 4);

        /// <summary>A GRU over sequences, computed by libtorch's GRU kernel.</summary>
        public static GRU GRU(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false,
            double dropout = 0, bool bidirectional = false) =>
            new(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional);

        /// <summary>Layers applied in order, named "0", "1", ...</summary>
        public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) =>
            new(modules.Select((m, i) => (i.ToString(), m)));

        /// <summary>Layers applied in order, with names.</summary>
        public static Sequential Sequential(params (string name, Module<Tensor, Tensor> module)[] modules) => new(modules);
    }
}
