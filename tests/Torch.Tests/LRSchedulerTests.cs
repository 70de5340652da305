using TorchLab.Torch.Optim;
using static TorchLab.Torch.torch;

namespace TorchLab.Torch.Tests;

public class LRSchedulerTests
{
    // Printed by tests/Torch.Tests/pytorch/optim_reference.py (PyTorch 1.13): get_last_lr()
    // after construction and after each of 20 epochs, starting from SGD(lr=0.1).
    private static readonly double[] StepLRExpected =
    [
        0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125, 0.0125, 0.00625, 0.00625, 0.00625,
        0.003125, 0.003125, 0.003125, 0.0015625, 0.0015625, 0.0015625,
    ];

    private static readonly double[] CosineExpected =
    [
        0.1, 0.09509795896116975, 0.08136274519200731, 0.061514786230837566, 0.03948521376916245, 0.019637254807992697,
        0.005902041038830259, 0.001, 0.005902041038830253, 0.019637254807992683, 0.03948521376916243, 0.061514786230837525,
        0.08136274519200731, 0.09509795896116978, 0.10000000000000002, 0.09509795896116978, 0.08136274519200734,
        0.06151478623083755, 0.03948521376916246, 0.019637254807992707, 0.005902041038830264,
    ];

    private static double[] Schedule(Func<Optimizer, LRScheduler> make, int epochs)
    {
        using var p = nn.Parameter(zeros(1));
        using var optimizer = optim.SGD(new[] { p }, lr: 0.1);
        var scheduler = make(optimizer);
        var rates = new List<double> { scheduler.get_last_lr()[0] };
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            optimizer.step();
            scheduler.step();
            rates.Add(scheduler.get_last_lr()[0]);
            Assert.Equal(rates[^1], optimizer.LearningRate);
        }
        return rates.ToArray();
    }

    [Fact]
    public void StepLR_matches_pytorch_for_20_epochs()
    {
        var rates = Schedule(o => optim.lr_scheduler.StepLR(o, step_size: 3, gamma: 0.5), 20);
        OracleAssert.Close(StepLRExpected, rates, 0, "StepLR");
    }

    [Fact]
    public void CosineAnnealingLR_matches_pytorch_bit_for_bit_including_the_recursive_form()
    {
        // 0.10000000000000002 at epoch 14 (not the closed form's 0.1) shows the recursive form.
        var rates = Schedule(o => optim.lr_scheduler.CosineAnnealingLR(o, T_max: 7, eta_min: 0.001), 20);
        OracleAssert.Close(CosineExpected, rates, 0, "CosineAnnealingLR");
    }

    [Fact]
    public void A_scheduler_resumes_from_its_state_dict()
    {
        using var p = nn.Parameter(zeros(1));
        using var optimizer = optim.SGD(new[] { p }, lr: 0.1);
        var first = optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max: 7, eta_min: 0.001);
        for (var i = 0; i < 9; i++) first.step();
        using var scope = NewDisposeScope();
        var saved = first.state_dict();
        Assert.Equal(9L, saved["last_epoch"].item<long>());

        using var q = nn.Parameter(zeros(1));
        using var other = optim.SGD(new[] { q }, lr: first.get_last_lr()[0]);  // the optimizer's dict restores lr
        var second = optim.lr_scheduler.CosineAnnealingLR(other, T_max: 7, eta_min: 0.001);
        second.load_state_dict(saved);
        Assert.Equal(9, second.last_epoch);
        for (var epoch = 10; epoch <= 20; epoch++)
        {
            second.step();
            Assert.Equal(CosineExpected[epoch], second.get_last_lr()[0]);
        }
    }
}
