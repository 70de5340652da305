"""Writes one model's PyTorch reference for the lab's parity figure: pytorch_lab.py's run of the full
protocol, cut down to what the comparison reads (per-step losses, best epoch, test score) and
labelled with where it came from (command, PyTorch version, CPU, date, protocol).

Step losses are float32 values; 9 significant digits give each one back exactly once read as a
float32, so the file is a third of the size and loses nothing.

    /usr/bin/python3 benchmarks/pytorch_reference.py --model seq-cnn > data/pytorch-reference/seq-cnn.json
"""
import argparse
import datetime
import json
import os
import subprocess
import sys


def cpu_model():
    # lscpu's "Model name", and its family, model and stepping: a VM may name only the brand ("AMD EPYC"),
    # and the numbers tell its generations apart (family 25 is Zen 3 and 4).
    fields = {}
    for line in subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    name = fields.get("Model name", "unknown")
    numbers = [f"{key.lower()} {fields[key]}" for key in ("CPU family", "Model", "Stepping") if key in fields]
    return f"{name} ({', '.join(numbers)})" if numbers else name


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    args = parser.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    command = ["/usr/bin/python3", "benchmarks/pytorch_lab.py", "--model", args.model]
    run = json.loads(subprocess.run([sys.executable, os.path.join(here, "pytorch_lab.py"), "--model", args.model],
                                    cwd=os.path.dirname(here), capture_output=True, text=True, check=True).stdout)
    reference = {
        "model": run["model"],
        "source": {
            "command": " ".join(command),
            "made_by": f"/usr/bin/python3 benchmarks/pytorch_reference.py --model {args.model}",
            "torch": run["torch"],
            "cpu": cpu_model(),
            "date": datetime.date.today().isoformat(),
        },
        "protocol": {"epochs": run["epochs"], "lr": run["lr"], "batch_size": 64, "seed": run["seed"],
                     "threads": run["threads"], "patience": run["patience"], "lr_schedule": run["lr_schedule"]},
        "epochs_run": run["epochs_run"],
        "best_epoch": run["best_epoch"],
        "test_accuracy": run["test_accuracy"],
        "step_losses": [float(f"{v:.9g}") for v in run["step_losses"]],
    }
    json.dump(reference, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
