namespace TorchLab.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>Learning-rate schedules, named as in PyTorch's <c>torch.optim.lr_scheduler</c>.</summary>
        public static class lr_scheduler
        {
            /// <summary>Decays the learning rate by <paramref name="gamma"/> every <paramref name="step_size"/> epochs (see <see cref="Optim.StepLR"/>).</summary>
            public static Optim.StepLR StepLR(Optim.Optimizer optimizer, int step_size, double gamma = 0.1) =>
                new(optimizer, step_size, gamma);

            /// <summary>Cosine annealing down to <paramref name="eta_min"/> over <paramref name="T_max"/> epochs (see <see cref="Optim.CosineAnnealingLR"/>).</summary>
            public static Optim.CosineAnnealingLR CosineAnnealingLR(Optim.Optimizer optimizer, int T_max, double eta_min = 0) =>
                new(optimizer, T_max, eta_min);
        }
    }
}
