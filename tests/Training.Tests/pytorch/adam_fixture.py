"""Writes fixtures/adam_steps.json for LeanAdamTests.cs (PyTorch 1.13's torch.optim.Adam).

Run: /usr/bin/python3 tests/Training.Tests/pytorch/adam_fixture.py
Two parameters (a conv weight and a bias) take 40 Adam steps (lr 3e-3, PyTorch's defaults
otherwise) with gradients drawn once and stored, so the test needs no autograd to agree:
it feeds the same gradients and compares the parameters after every step.
"""
import json
import os

import torch

torch.manual_seed(0)
weight = torch.nn.Parameter(torch.randn(8, 1, 3, 3))
bias = torch.nn.Parameter(torch.randn(8))
initial = [weight.detach().flatten().tolist(), bias.detach().flatten().tolist()]
opt = torch.optim.Adam([weight, bias], lr=3e-3)
steps = []
for step in range(40):
    # Gradients whose scale changes over the run, so the bias corrections and eps both matter.
    grads = [torch.randn_like(weight) * 10 ** (-(step % 5)), torch.randn_like(bias) * 10 ** (-(step % 3))]
    weight.grad, bias.grad = grads[0].clone(), grads[1].clone()
    opt.step()
    steps.append({"grads": [g.flatten().tolist() for g in grads],
                  "params": [weight.detach().flatten().tolist(), bias.detach().flatten().tolist()]})
path = os.path.join(os.path.dirname(__file__), "..", "fixtures", "adam_steps.json")
with open(path, "w") as f:
    json.dump({"torch": torch.__version__, "lr": 3e-3, "shapes": [[8, 1, 3, 3], [8]], "initial": initial, "steps": steps}, f)
print(f"wrote {path}: {len(steps)} steps")
