"""PyTorch 1.13's side of TorchLab's micro-benchmarks and step profile, on the same shapes.

Per-call cost (timeit, best of 5 repeats, one torch thread) of the lab's hot calls, the same
calls benchmarks/TorchLab.Benchmarks/HotCalls.cs measures in TorchSharp:
    /usr/bin/python3 benchmarks/pytorch_calls.py
The phase split of one training step (timestamps between phases, as StepProfile.cs):
    /usr/bin/python3 benchmarks/pytorch_calls.py --profile tiny-cnn [--epochs 20] [--data data]
"""
import argparse
import os
import sys
import time
import timeit

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pytorch_lab  # noqa: E402  (the models and data loading of the bench protocol)

PHASES = ["gather (randperm slice, 2 index_select)", "zero_grad", "forward", "cross_entropy", "loss.item", "backward",
          "Adam step", "accuracy (argmax, eq, sum, item)", "release (Python refcounts)"]


def per_call_us(fn, number):
    fn()
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e6


def hot_calls():
    torch.manual_seed(0)
    data = torch.rand(2000, 4, 60)
    index = torch.randperm(2000)[:64]
    digits = torch.rand(64, 1, 8, 8)
    conv2d_w, conv2d_b = torch.rand(8, 1, 3, 3), torch.rand(8)
    seq = torch.rand(64, 4, 60)
    conv1d_w, conv1d_b = torch.rand(32, 4, 7), torch.rand(32)
    features, fc_w, fc_b = torch.rand(64, 480), torch.rand(3, 480), torch.rand(3)
    logits, labels = torch.rand(64, 3), torch.randint(0, 3, (64,))
    small = torch.rand(8)
    leaf = torch.rand(64, 480, requires_grad=True)
    tiny = pytorch_lab.TinyCnn()
    opt = torch.optim.Adam(tiny.parameters(), lr=1e-3)
    F.cross_entropy(tiny(digits), torch.randint(0, 10, (64,))).backward()

    def backward():
        F.cross_entropy(F.linear(leaf, fc_w, fc_b), labels).backward()

    calls = [
        ("add (8 floats)", lambda: small.add(small), 20000),
        ("index_select (64 of 2000 rows, 4x60)", lambda: data.index_select(0, index), 5000),
        ("conv2d (64x1x8x8 -> 8, 3x3, pad 1)", lambda: F.conv2d(digits, conv2d_w, conv2d_b, padding=1), 2000),
        ("conv1d (64x4x60 -> 32, k7, pad 3)", lambda: F.conv1d(seq, conv1d_w, conv1d_b, padding=3), 1000),
        ("linear (64x480 -> 3)", lambda: F.linear(features, fc_w, fc_b), 5000),
        ("cross_entropy (64x3)", lambda: F.cross_entropy(logits, labels), 5000),
        ("linear + cross_entropy + backward", backward, 2000),
        ("Adam.step (tiny-cnn, 6 parameters)", opt.step, 2000),
    ]
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s): microseconds per call (best of 5)")
    for name, fn, number in calls:
        print(f"  {name:<40} {per_call_us(fn, number):8.2f}")


def profile(model_name, epochs, data):
    if model_name == "tiny-cnn":
        xtr, ytr, xte, yte = pytorch_lab.load_digits(f"{data}/digits.csv", 0)
    else:
        xtr, ytr, xte, yte = pytorch_lab.load_splice(f"{data}/splice.csv")
    torch.manual_seed(0)
    model = pytorch_lab.MODELS[model_name]()
    opt = torch.optim.Adam(model.parameters(), lr=pytorch_lab.DEFAULTS[model_name][1])
    totals, steps, eval_seconds, epoch_seconds = [0.0] * len(PHASES), 0, 0.0, 0.0
    for epoch in range(epochs):
        warm = epoch >= 2
        epoch_start = time.perf_counter()
        model.train()
        perm = torch.randperm(len(ytr))
        clock = time.perf_counter()
        for s in range(0, len(ytr), 64):
            marks = []
            idx = perm[s:s + 64]
            x, y = xtr.index_select(0, idx), ytr.index_select(0, idx)
            marks.append(time.perf_counter())
            opt.zero_grad()
            marks.append(time.perf_counter())
            logits = model(x)
            marks.append(time.perf_counter())
            loss = F.cross_entropy(logits, y)
            marks.append(time.perf_counter())
            loss.item()
            marks.append(time.perf_counter())
            loss.backward()
            marks.append(time.perf_counter())
            opt.step()
            marks.append(time.perf_counter())
            (logits.argmax(1) == y).sum().item()
            marks.append(time.perf_counter())
            del x, y, logits, loss, idx
            marks.append(time.perf_counter())
            if warm:
                for i, mark in enumerate(marks):
                    totals[i] += mark - clock
                    clock = mark
                steps += 1
            clock = time.perf_counter()
        start = time.perf_counter()
        pytorch_lab.evaluate(model, xte, yte, 64)
        if warm:
            eval_seconds += time.perf_counter() - start
            epoch_seconds += time.perf_counter() - epoch_start
    timed = epochs - 2
    print(f"{model_name}: {steps // timed} steps per epoch, {timed} timed epochs, {torch.get_num_threads()} torch thread(s), PyTorch {torch.__version__}")
    for name, total in zip(PHASES, totals):
        print(f"  {name:<40} {total / steps * 1e6:8.1f} us/step")
    print(f"  {'step total':<40} {sum(totals) / steps * 1e6:8.1f} us/step")
    print(f"  {'evaluation pass':<40} {eval_seconds / timed * 1e3:8.2f} ms/epoch")
    print(f"  {'epoch':<40} {epoch_seconds / timed * 1e3:8.2f} ms/epoch")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", choices=pytorch_lab.MODELS, help="profile one training step of this model instead")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--data", default="data")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.profile:
        profile(args.profile, args.epochs, args.data)
    else:
        hot_calls()


if __name__ == "__main__":
    main()
