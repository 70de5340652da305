"""Reference numbers for OptimizerTests.cs and LRSchedulerTests.cs (PyTorch 1.13, CPU).

Run: /usr/bin/python3 tests/Torch.Tests/pytorch/optim_reference.py
Each optimizer takes 5 steps on the same fixed problem; the third parameter takes no part in
the loss, so it has no gradient and must be left alone (and get no state).
"""
import torch

X = [[1.0, 2.0, -1.0], [0.5, -1.5, 2.0], [-2.0, 0.25, 1.0], [1.5, 1.0, 0.5]]
Y = [[1.0, -1.0], [0.5, 2.0], [-1.5, 0.0], [2.0, 1.0]]
W0 = [[0.5, -1.0], [1.5, 2.0], [-0.5, 0.25]]
B0 = [0.1, -0.2]

CASES = {
    "sgd": lambda p: torch.optim.SGD(p, lr=0.1),
    "sgd_momentum": lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, dampening=0.1),
    "sgd_nesterov": lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True),
    "sgd_weight_decay": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.5, weight_decay=0.01),
    "adam": lambda p: torch.optim.Adam(p, lr=0.01),
    "adam_weight_decay": lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.1),
    "adam_amsgrad": lambda p: torch.optim.Adam(p, lr=0.1, amsgrad=True),
    "adamw": lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1),
    "adamw_amsgrad": lambda p: torch.optim.AdamW(p, lr=0.1, amsgrad=True),
}


def run(make):
    w = torch.nn.Parameter(torch.tensor(W0))
    b = torch.nn.Parameter(torch.tensor(B0))
    unused = torch.nn.Parameter(torch.ones(2))
    opt = make([w, b, unused])
    x, y = torch.tensor(X), torch.tensor(Y)
    for _ in range(5):
        opt.zero_grad()
        loss = (x.matmul(w) + b - y).pow(2).mean()
        loss.backward()
        opt.step()
    return w.detach().flatten().tolist() + b.detach().tolist()


def fmt(values):
    return ", ".join(f"{v!r}" for v in values)


for name, make in CASES.items():
    print(f"{name}: {fmt(run(make))}")


def schedule(make, epochs):
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
    sched = make(opt)
    lrs = [sched.get_last_lr()[0]]
    for _ in range(epochs):
        opt.step()
        sched.step()
        lrs.append(sched.get_last_lr()[0])
    return lrs


print("StepLR(step_size=3, gamma=0.5):", fmt(schedule(lambda o: torch.optim.lr_scheduler.StepLR(o, 3, gamma=0.5), 20)))
print("CosineAnnealingLR(T_max=7, eta_min=0.001):",
      fmt(schedule(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=7, eta_min=0.001), 20)))
