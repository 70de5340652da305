"""The lab's training protocol in PyTorch, for side-by-side checks with TorchLab.

Same data, split, initialisation order, shuffling and optimizer as TorchLab's `train` command:
  1. torch.manual_seed(seed); digits only: perm = torch.randperm(1797), first 1437 train.
     (splice: StatLog split, rows 1-2000 train, 2001-3186 test.)
  2. torch.manual_seed(seed); build the model (its initialisation draws).
  3. each epoch: model.train(); perm = torch.randperm(n_train) on the global generator;
     batches of perm in order; zero_grad, forward, cross-entropy, backward, Adam step,
     the step's loss and train accuracy read back;
     then evaluation on the test rows in eval mode under no_grad.
Prints one JSON object: per-epoch test accuracy and seconds, per-step losses, final accuracy.

    /usr/bin/python3 benchmarks/pytorch_lab.py --model tiny-cnn --epochs 60 [--data data]
"""
import argparse
import json
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyCnn(nn.Module):
    def __init__(self, h=8, w=8, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.fc = nn.Linear(16 * (h // 4) * (w // 4), classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc(x.flatten(1))


class SeqSketch(nn.Module):
    def __init__(self, classes=3):
        super().__init__()
        self.conv = nn.Conv1d(4, 8, 5, padding=2)
        self.fc = nn.Linear(8, classes)

    def forward(self, x):
        return self.fc(F.adaptive_avg_pool1d(F.relu(self.conv(x)), 1).flatten(1))


class SeqCnn(nn.Module):
    def __init__(self, length=60, classes=3):
        super().__init__()
        self.conv1 = nn.Conv1d(4, 32, 7, padding=3)
        self.conv2 = nn.Conv1d(32, 32, 5, padding=2)
        self.dropout = nn.Dropout(0.3)
        self.fc = nn.Linear(32 * (length // 4), classes)

    def forward(self, x):
        x = F.max_pool1d(F.relu(self.conv1(x)), 2)
        x = F.max_pool1d(F.relu(self.conv2(x)), 2)
        return self.fc(self.dropout(x.flatten(1)))


class SeqGru(nn.Module):
    def __init__(self, length=60, hidden=32, classes=3):
        super().__init__()
        self.gru = nn.GRU(4, hidden, batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(0.3)
        self.fc = nn.Linear(length * 2 * hidden, classes)

    def forward(self, x):
        out, _ = self.gru(x.transpose(1, 2))
        return self.fc(self.dropout(out.flatten(1)))


MODELS = {"tiny-cnn": TinyCnn, "seq-sketch": SeqSketch, "seq-cnn": SeqCnn, "seq-gru": SeqGru}
DEFAULTS = {"tiny-cnn": (60, 1e-3), "seq-sketch": (40, 1e-3), "seq-cnn": (40, 1e-3), "seq-gru": (15, 3e-3)}


def load_digits(path, seed):
    rows = [line.strip().split(",") for line in open(path)][1:]
    x = torch.tensor([[float(v) / 16 for v in r[1:]] for r in rows]).reshape(-1, 1, 8, 8)
    y = torch.tensor([int(r[0]) for r in rows])
    torch.manual_seed(seed)
    perm = torch.randperm(len(rows))
    train, test = perm[:1437], perm[1437:]
    return x[train], y[train], x[test], y[test]


def load_splice(path):
    rows = [line.strip().split(",") for line in open(path)][1:]
    classes = ["EI", "IE", "N"]
    x = torch.zeros(len(rows), 4, 60)
    for n, (_, seq) in enumerate(rows):
        for p, letter in enumerate(seq):
            x[n, "ACGT".index(letter), p] = 1.0
    y = torch.tensor([classes.index(r[0]) for r in rows])
    return x[:2000], y[:2000], x[2000:], y[2000:]


def evaluate(model, x, y, batch):
    model.eval()
    correct, loss_sum = 0, 0.0
    with torch.no_grad():
        for s in range(0, len(y), batch):
            logits = model(x[s:s + batch])
            loss_sum += F.cross_entropy(logits, y[s:s + batch]).item() * len(logits)
            correct += (logits.argmax(1) == y[s:s + batch]).sum().item()
    return loss_sum / len(y), correct / len(y)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True, choices=MODELS)
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--lr", type=float)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", default="data")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, help="torch.set_num_threads (default: PyTorch's own choice)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    epochs = args.epochs or DEFAULTS[args.model][0]
    lr = args.lr or DEFAULTS[args.model][1]

    if args.model == "tiny-cnn":
        xtr, ytr, xte, yte = load_digits(f"{args.data}/digits.csv", args.seed)
    else:
        xtr, ytr, xte, yte = load_splice(f"{args.data}/splice.csv")
    device = torch.device(args.device)
    xtr, ytr, xte, yte = (t.to(device) for t in (xtr, ytr, xte, yte))
    torch.manual_seed(args.seed)
    model = MODELS[args.model]().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)

    step_losses, epoch_seconds, accuracies, train_accuracies = [], [], [], []
    for _ in range(epochs):
        start = time.perf_counter()
        model.train()
        perm = torch.randperm(len(ytr), device=device)
        train_correct = 0
        for s in range(0, len(ytr), args.batch_size):
            idx = perm[s:s + args.batch_size]
            x, y = xtr.index_select(0, idx), ytr.index_select(0, idx)
            opt.zero_grad()
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            loss.backward()
            opt.step()
            step_losses.append(loss.item())
            train_correct += (logits.argmax(1) == y).sum().item()   # TorchLab's history keeps train accuracy too
        train_accuracies.append(train_correct / len(ytr))
        _, acc = evaluate(model, xte, yte, args.batch_size)
        if device.type == "cuda":
            torch.cuda.synchronize()
        epoch_seconds.append(time.perf_counter() - start)
        accuracies.append(acc)
    json.dump({"model": args.model, "epochs": epochs, "lr": lr, "seed": args.seed, "threads": torch.get_num_threads(),
               "torch": torch.__version__, "test_accuracy": accuracies[-1], "epoch_accuracies": accuracies, "epoch_train_accuracies": train_accuracies,
               "epoch_seconds": epoch_seconds, "step_losses": step_losses,
               "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}, sys.stdout)


if __name__ == "__main__":
    main()
