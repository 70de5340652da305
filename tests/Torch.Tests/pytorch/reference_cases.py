"""What the reference scripts share: the fixed-formula inputs PyTorchReference.Input rebuilds
in C#, and the recorder that writes expected tensors as a fixture's JSON."""
import json
import sys

import torch


def inp(*shape, offset=0):
    """Element i of the flattened tensor is ((i + offset) * 37 mod 101) / 50 - 1."""
    n = 1
    for s in shape:
        n *= s
    i = torch.arange(offset, offset + n, dtype=torch.float64)
    return (((i * 37) % 101) / 50.0 - 1.0).float().reshape(shape)


class Recorder:
    def __init__(self):
        self.cases = {}

    def __call__(self, name, t):
        t = t.detach()
        self.cases[name] = {"shape": list(t.shape), "values": [float(v) for v in t.flatten().tolist()]}

    def dump(self):
        json.dump(self.cases, sys.stdout, separators=(",", ":"))
