"""Expected parameter counts, state-dict keys and seeded logits of the lab's models.

    /usr/bin/python3 tests/Models.Tests/pytorch/models_reference.py > tests/Models.Tests/fixtures/models.json
The models are the PyTorch twins in benchmarks/pytorch_lab.py; each is built right after
torch.manual_seed(0) and fed a fixed-formula input (the same as tests/TorchLab.Tests/ModelRecipeTests.cs).
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "benchmarks"))
from pytorch_lab import MODELS  # noqa: E402


def inp(*shape):
    n = 1
    for s in shape:
        n *= s
    i = torch.arange(0, n, dtype=torch.float64)
    return (((i * 37) % 101) / 50.0 - 1.0).float().reshape(shape)


inputs = {"tiny-cnn": (2, 1, 8, 8), "seq-sketch": (2, 4, 60), "seq-cnn": (2, 4, 60), "seq-gru": (2, 4, 60)}
result = {}
for name, shape in inputs.items():
    torch.manual_seed(0)
    model = MODELS[name]().eval()
    with torch.no_grad():
        logits = model(inp(*shape))
    result[name] = {
        "parameters": sum(p.numel() for p in model.parameters()),
        "keys": list(model.state_dict().keys()),
        "input_shape": list(shape),
        "logits": [float(v) for v in logits.flatten().tolist()],
        "logits_shape": list(logits.shape),
    }
json.dump(result, sys.stdout, indent=1)
