"""Writes fixtures/conv2d_state_dict.pt for Serialization/PtFileTests.cs (PyTorch 1.13).

Run: /usr/bin/python3 tests/Training.Tests/pytorch/conv2d_fixture.py
It saves nn.Conv2d(1, 2, 3)'s state_dict (an OrderedDict with _metadata, as every module's is)
and prints the values the test asserts.
"""
import os

import torch

torch.manual_seed(0)
conv = torch.nn.Conv2d(1, 2, 3)
path = os.path.join(os.path.dirname(__file__), "..", "fixtures", "conv2d_state_dict.pt")
torch.save(conv.state_dict(), path)
for name, tensor in conv.state_dict().items():
    print(name, tuple(tensor.shape), tensor.dtype, ", ".join(f"{v!r}" for v in tensor.flatten().tolist()))
