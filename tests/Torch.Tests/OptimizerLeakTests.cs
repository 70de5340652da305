using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Tests;

[Collection(nameof(LiveCountCollection))]
public class OptimizerLeakTests
{
    [Fact]
    public void Many_steps_inside_dispose_scopes_keep_the_live_count_flat()
    {
        using var problem = new OptimizerProblem();
        foreach (var optimizer in new Optim.Optimizer[] { optim.SGD(problem.Parameters, 0.01, momentum: 0.9), optim.AdamW(problem.Parameters, amsgrad: true) })
        {
            using (optimizer)
            {
                problem.Train(optimizer, 1);  // creates the optimizer's state (and the gradients)
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var baseline = Tensor.LiveCount;
                problem.Train(optimizer, 500);
                using (NewDisposeScope())
                    _ = optimizer.state_dict();
                Assert.Equal(baseline, Tensor.LiveCount);
            }
        }
    }
}
