"""Expected parameter counts, state-dict keys, seeded logits and layers of the lab's models.

    /usr/bin/python3 tests/Models.Tests/pytorch/models_reference.py > tests/Models.Tests/fixtures/models.json
The models are the PyTorch twins in benchmarks/pytorch_lab.py; each is built right after
torch.manual_seed(0) and fed a fixed-formula input (the same as tests/TorchLab.Tests/ModelRecipeTests.cs).
"layers" lists every leaf module in call order, caught by forward hooks as torchinfo does: its name
in named_modules, its type, its output's shape (a GRU's: the sequence output's) and its parameter
count (tests/TorchLab.Tests/SummaryTests.cs). A TransformerEncoderLayer counts as a leaf: TorchSharp's is
one native (libtorch C++) module whose parts no hook can reach.
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


inputs = {"tiny-cnn": (2, 1, 8, 8), "seq-sketch": (2, 4, 60), "seq-cnn": (2, 4, 60), "seq-gru": (2, 4, 60), "seq-attn": (2, 4, 60)}
result = {}
for name, shape in inputs.items():
    torch.manual_seed(0)
    model = MODELS[name]().eval()
    layers = []

    def hook(module_name):
        def record(module, _, output):
            output = output[0] if isinstance(output, tuple) else output
            layers.append({"name": module_name, "type": type(module).__name__, "shape": list(output.shape),
                           "parameters": sum(p.numel() for p in module.parameters())})
        return record

    whole = [n for n, m in model.named_modules() if isinstance(m, torch.nn.TransformerEncoderLayer)]
    leaves = [(n, m) for n, m in model.named_modules() if n and (not list(m.children()) or n in whole)
              and not any(n.startswith(w + ".") for w in whole)]
    hooks = [m.register_forward_hook(hook(n)) for n, m in leaves]
    with torch.no_grad():
        logits = model(inp(*shape))
    for h in hooks:
        h.remove()
    result[name] = {
        "parameters": sum(p.numel() for p in model.parameters()),
        "keys": list(model.state_dict().keys()),
        "input_shape": list(shape),
        "logits": [float(v) for v in logits.flatten().tolist()],
        "logits_shape": list(logits.shape),
        "layers": layers,
    }
json.dump(result, sys.stdout, indent=1)
