using TorchLab.Torch.Modules;

namespace TorchLab.Torch;

public static partial class torch
{
    /// <summary>Neural-network building blocks: modules, parameters, and functional operations.</summary>
    public static partial class nn
    {
        /// <summary>Makes a parameter holding <paramref name="data"/>'s values (shares its storage).</summary>
        public static Parameter Parameter(Tensor data, bool requires_grad = true) => new(data, requires_grad);
    }
}
