"""The lab's training protocol in PyTorch, for side-by-side checks with TorchLab.

Same data, split, initialisation order, shuffling, optimizer, schedule and early stopping as
TorchLab's `train` command:
  1. torch.manual_seed(seed); perm = torch.randperm(n)
     digits (1797 rows): perm[:1293] train, perm[1293:1437] validation, perm[1437:] test.
     splice: rows 1-2000 are the StatLog training part, perm = randperm(2000) of them,
             perm[:1800] train, perm[1800:] validation; rows 2001-3186 test.
  2. torch.manual_seed(seed); build the model (its initialisation draws); Adam(lr).
  3. each epoch: model.train(); perm = torch.randperm(n_train) on the global generator;
     batches of perm in order; zero_grad, forward, cross-entropy, backward, Adam step;
     then the validation pass in eval mode under no_grad; the schedule steps (cosine: step();
     plateau: step(validation loss)); the best validation loss so far keeps a copy of the
     weights; with --patience N, stop once N epochs in a row have not improved on it.
  4. the best epoch's weights are scored once on the test set.
Prints one JSON object: per-epoch figures, per-step losses, the best epoch, test accuracy.

    /usr/bin/python3 benchmarks/pytorch_lab.py --model tiny-cnn [--epochs 60] [--threads 2] [--data data]
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
        self.relu1, self.pool1 = nn.ReLU(), nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.relu2, self.pool2 = nn.ReLU(), nn.MaxPool2d(2)
        self.fc = nn.Linear(16 * (h // 4) * (w // 4), classes)

    def forward(self, x):
        x = self.pool1(self.relu1(self.conv1(x)))
        x = self.pool2(self.relu2(self.conv2(x)))
        return self.fc(x.flatten(1))


class SeqSketch(nn.Module):
    def __init__(self, classes=3):
        super().__init__()
        self.conv = nn.Conv1d(4, 8, 5, padding=2)
        self.relu = nn.ReLU()
        self.pool = nn.AdaptiveAvgPool1d(1)
        self.fc = nn.Linear(8, classes)

    def forward(self, x):
        return self.fc(self.pool(self.relu(self.conv(x))).flatten(1))


class SeqCnn(nn.Module):
    def __init__(self, length=60, classes=3):
        super().__init__()
        self.conv1 = nn.Conv1d(4, 32, 7, padding=3)
        self.relu1, self.pool1 = nn.ReLU(), nn.MaxPool1d(2)
        self.conv2 = nn.Conv1d(32, 32, 5, padding=2)
        self.relu2, self.pool2 = nn.ReLU(), nn.MaxPool1d(2)
        self.dropout = nn.Dropout(0.3)
        self.fc = nn.Linear(32 * (length // 4), classes)

    def forward(self, x):
        x = self.pool1(self.relu1(self.conv1(x)))
        x = self.pool2(self.relu2(self.conv2(x)))
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


class SeqAttn(nn.Module):
    def __init__(self, length=60, width=32, heads=4, classes=3):
        super().__init__()
        self.embed = nn.Linear(4, width)
        self.position = nn.Embedding(length, width)
        # Sequence first, as TorchSharp's layer (libtorch's C++ one) is: with batch_first=True the
        # three dropouts after attention draw their masks in (N, L, E) order instead of (L, N, E),
        # and the twins part at the first step.
        self.encoder = nn.TransformerEncoderLayer(width, heads, dim_feedforward=2 * width, dropout=0.1)
        self.dropout = nn.Dropout(0.3)
        self.fc = nn.Linear(length * width, classes)

    def forward(self, x):
        x = self.embed(x.transpose(1, 2)) + self.position(torch.arange(x.shape[2], device=x.device))
        x = self.encoder(x.transpose(0, 1)).transpose(0, 1)
        return self.fc(self.dropout(x.flatten(1)))


MODELS = {"tiny-cnn": TinyCnn, "seq-sketch": SeqSketch, "seq-cnn": SeqCnn, "seq-gru": SeqGru, "seq-attn": SeqAttn}
# Epochs, learning rate and torch threads of each model's protocol (TorchLab's ModelRecipe).
DEFAULTS = {"tiny-cnn": (60, 1e-3, 2), "seq-sketch": (40, 1e-3, 2), "seq-cnn": (40, 1e-3, 2), "seq-gru": (15, 3e-3, 1), "seq-attn": (20, 1e-3, 2)}


DIGITS_VALID, SPLICE_VALID = 144, 200
PLATEAU = dict(mode="min", factor=0.5, patience=2)   # TorchLab's plateau schedule, spelled out on both sides


def load_digits(path, seed):
    rows = [line.strip().split(",") for line in open(path)][1:]
    x = torch.tensor([[float(v) / 16 for v in r[1:]] for r in rows]).reshape(-1, 1, 8, 8)
    y = torch.tensor([int(r[0]) for r in rows])
    torch.manual_seed(seed)
    perm = torch.randperm(len(rows))
    test = len(rows) * 4 // 5
    valid = test - DIGITS_VALID
    return (x[perm[:valid]], y[perm[:valid]]), (x[perm[valid:test]], y[perm[valid:test]]), (x[perm[test:]], y[perm[test:]])


def load_splice(path, seed):
    rows = [line.strip().split(",") for line in open(path)][1:]
    classes = ["EI", "IE", "N"]
    x = torch.zeros(len(rows), 4, 60)
    for n, (_, seq) in enumerate(rows):
        for p, letter in enumerate(seq):
            x[n, "ACGT".index(letter), p] = 1.0
    y = torch.tensor([classes.index(r[0]) for r in rows])
    torch.manual_seed(seed)
    perm = torch.randperm(2000)
    train, valid = perm[:-SPLICE_VALID], perm[-SPLICE_VALID:]
    return (x[train], y[train]), (x[valid], y[valid]), (x[2000:], y[2000:])


def peak_rss_mb():
    # VmHWM is this process's own peak. ru_maxrss is not: Linux carries the parent's peak across
    # fork and exec, so under `bench` it reported TorchLab's own peak whenever that was larger.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
    parser.add_argument("--patience", type=int, help="stop after this many epochs without a better validation loss")
    parser.add_argument("--lr-schedule", choices=["none", "cosine", "plateau"], default="none")
    parser.add_argument("--data", default="data")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, help="torch.set_num_threads (default: the model's, as TorchLab)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads or DEFAULTS[args.model][2])
    epochs = args.epochs or DEFAULTS[args.model][0]
    lr = args.lr or DEFAULTS[args.model][1]

    if args.model == "tiny-cnn":
        train, valid, test = load_digits(f"{args.data}/digits.csv", args.seed)
    else:
        train, valid, test = load_splice(f"{args.data}/splice.csv", args.seed)
    device = torch.device(args.device)
    (xtr, ytr), (xva, yva), (xte, yte) = ((x.to(device), y.to(device)) for x, y in (train, valid, test))
    torch.manual_seed(args.seed)
    model = MODELS[args.model]().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    schedule = {"none": None, "cosine": lambda: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=epochs),
                "plateau": lambda: torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **PLATEAU)}[args.lr_schedule]
    scheduler = schedule() if schedule else None

    step_losses, epoch_seconds, history = [], [], []
    best_loss, best_epoch, best_state = float("inf"), 0, None
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        rate = opt.param_groups[0]["lr"]
        model.train()
        perm = torch.randperm(len(ytr), device=device)
        train_correct, train_loss = 0, 0.0
        for s in range(0, len(ytr), args.batch_size):
            idx = perm[s:s + args.batch_size]
            x, y = xtr.index_select(0, idx), ytr.index_select(0, idx)
            opt.zero_grad()
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            loss.backward()
            opt.step()
            step_losses.append(loss.item())
            train_loss += loss.item() * len(y)
            train_correct += (logits.argmax(1) == y).sum().item()
        valid_loss, valid_acc = evaluate(model, xva, yva, args.batch_size)
        if device.type == "cuda":
            torch.cuda.synchronize()
        epoch_seconds.append(time.perf_counter() - start)
        history.append({"epoch": epoch, "train_loss": train_loss / len(ytr), "train_accuracy": train_correct / len(ytr),
                        "valid_loss": valid_loss, "valid_accuracy": valid_acc, "learning_rate": rate})
        if valid_loss < best_loss:
            best_loss, best_epoch = valid_loss, epoch
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
            scheduler.step(valid_loss)
        elif scheduler:
            scheduler.step()
        if args.patience and epoch - best_epoch >= args.patience:
            break
    model.load_state_dict(best_state)
    _, test_acc = evaluate(model, xte, yte, args.batch_size)
    json.dump({"model": args.model, "epochs": epochs, "epochs_run": len(history), "lr": lr, "seed": args.seed,
               "patience": args.patience, "lr_schedule": args.lr_schedule, "threads": torch.get_num_threads(),
               "torch": torch.__version__, "best_epoch": best_epoch, "test_accuracy": test_acc, "history": history,
               "epoch_seconds": epoch_seconds, "step_losses": step_losses,
               "peak_rss_mb": peak_rss_mb()}, sys.stdout)


if __name__ == "__main__":
    main()
