"""Expected outputs of torch.nn.functional for TorchLab's FunctionalTests.

Run with PyTorch 1.13 (Debian's python3-torch):
    /usr/bin/python3 tests/Torch.Tests/pytorch/functional_reference.py > tests/Torch.Tests/fixtures/functional.json
Inputs are a fixed formula (no random numbers) that FunctionalTests.Input rebuilds in C#.
"""
from reference_cases import Recorder, inp
import torch
import torch.nn.functional as F


record = Recorder()


x = inp(2, 4, 7, 6)
w = inp(6, 2, 3, 3, offset=5)
b = inp(6, offset=9)
record("conv2d_groups_stride_pad_dilation", F.conv2d(x, w, b, stride=(2, 1), padding=(1, 2), dilation=(1, 2), groups=2))
record("conv2d_same", F.conv2d(inp(1, 3, 8, 8), inp(4, 3, 3, 5, offset=3), None, padding="same", dilation=2))
record("conv2d_valid", F.conv2d(inp(1, 3, 8, 8), inp(4, 3, 3, 5, offset=3), inp(4), padding="valid"))
record("conv1d_pad_bias", F.conv1d(inp(2, 4, 20), inp(8, 4, 5, offset=1), inp(8, offset=2), padding=2))
record("conv1d_stride_dilation_groups", F.conv1d(inp(2, 4, 20), inp(8, 1, 3, offset=1), None, stride=2, dilation=2, groups=4))
record("conv1d_same", F.conv1d(inp(1, 4, 11), inp(2, 4, 4, offset=7), None, padding="same"))

p = inp(1, 2, 7, 7)
record("max_pool2d_2", F.max_pool2d(p, 2))
record("max_pool2d_3_s1_p1", F.max_pool2d(p, 3, stride=1, padding=1))
record("avg_pool2d_3_s2_p1", F.avg_pool2d(p, 3, stride=2, padding=1))
q = inp(2, 3, 10)
record("max_pool1d_3_s2_p1", F.max_pool1d(q, 3, stride=2, padding=1))
record("avg_pool1d_2", F.avg_pool1d(q, 2))
record("adaptive_avg_pool2d_3x2", F.adaptive_avg_pool2d(p, (3, 2)))
record("adaptive_avg_pool1d_1", F.adaptive_avg_pool1d(q, 1))
record("adaptive_avg_pool1d_4", F.adaptive_avg_pool1d(q, 4))
record("adaptive_max_pool1d_3", F.adaptive_max_pool1d(q, 3))

a = inp(3, 5) * 3
record("relu", F.relu(a))
record("gelu", F.gelu(a))
record("sigmoid", torch.sigmoid(a))
record("tanh", torch.tanh(a))
record("softmax_dim1", F.softmax(a, 1))
record("log_softmax_dim0", F.log_softmax(a, 0))
record("linear", F.linear(inp(3, 5), inp(4, 5, offset=3), inp(4, offset=8)))
record("pad", F.pad(inp(2, 3), (1, 2, 0, 1), value=0.5))

logits = inp(5, 3, offset=2) * 2
target = torch.tensor([0, 2, 1, 2, 0])
cw = torch.tensor([1.0, 2.0, 0.5])
record("cross_entropy", F.cross_entropy(logits, target))
record("cross_entropy_weight_smoothing_sum", F.cross_entropy(logits, target, weight=cw, reduction="sum", label_smoothing=0.1))
record("cross_entropy_none", F.cross_entropy(logits, target, reduction="none"))
record("nll_loss", F.nll_loss(F.log_softmax(logits, 1), target, weight=cw))
record("mse_loss", F.mse_loss(inp(4, 3), inp(4, 3, offset=1)))
record("bce_with_logits_pos_weight", F.binary_cross_entropy_with_logits(
    inp(4, 3) * 4, (inp(4, 3, offset=2) + 1) / 2, pos_weight=torch.tensor([1.0, 2.0, 3.0])))

bn_x = inp(4, 3, 5) * 2 + 0.3
rm, rv = torch.zeros(3), torch.ones(3)
record("batch_norm_train", F.batch_norm(bn_x, rm, rv, inp(3, offset=4) + 1.5, inp(3, offset=6), training=True, momentum=0.2))
record("batch_norm_train_running_mean", rm)
record("batch_norm_train_running_var", rv)
record("batch_norm_eval", F.batch_norm(bn_x, rm, rv, None, None, training=False))

# Gradients through conv2d and cross_entropy.
gx = inp(2, 3, 6, 6).requires_grad_()
gw = inp(4, 3, 3, 3, offset=2).requires_grad_()
out = F.conv2d(gx, gw, None, stride=1, padding=1)
loss = (out * inp(2, 4, 6, 6, offset=11)).sum()
loss.backward()
record("conv2d_grad_input", gx.grad)
record("conv2d_grad_weight", gw.grad)
gl = logits.clone().requires_grad_()
F.cross_entropy(gl, target).backward()
record("cross_entropy_grad", gl.grad)

record.dump()
