"""Expected initial weights and outputs of torch.nn modules for TorchLab's ModuleTests.

Run with PyTorch 1.13 (Debian's python3-torch):
    /usr/bin/python3 tests/Torch.Tests/pytorch/modules_reference.py > tests/Torch.Tests/fixtures/modules.json
The modules are built in one seeded stream, in the order ModuleTests builds them.
"""
from reference_cases import Recorder, inp
import torch
import torch.nn as nn


record = Recorder()


torch.manual_seed(0)
modules = {
    "conv2d": nn.Conv2d(3, 4, 5),
    "conv1d": nn.Conv1d(4, 8, 5, padding=2),
    "linear": nn.Linear(20, 3),
    "gru": nn.GRU(4, 6, num_layers=2, batch_first=True, bidirectional=True),
}
for prefix, module in modules.items():
    for name, value in module.state_dict().items():
        record(f"{prefix}.{name}", value)

out, h_n = modules["gru"](inp(2, 5, 4))
record("gru_output", out)
record("gru_h_n", h_n)
record("conv1d_output", modules["conv1d"](inp(2, 4, 9)))

bn = nn.BatchNorm1d(3)
record("batchnorm_train_output", bn(inp(4, 3, 5) * 2))
record("batchnorm_running_mean", bn.running_mean)
bn.eval()
record("batchnorm_eval_output", bn(inp(2, 3, 5, offset=3)))

record.dump()
