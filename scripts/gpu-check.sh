#!/usr/bin/env bash
# Verifies TorchLab on a CUDA machine that has a pip PyTorch and no .NET SDK (the device
# machine). Expects .gpu/ from scripts/gpu-pack.sh. Loads libtorch from PyTorch's torch/lib
# (TorchBackend=external), then runs the torch tests, info, the lab and bench on CUDA.
# TORCHLAB_PYTHON names the Python with torch (default: /opt/torch/.venv/bin/python3, else
# python3); TORCHLAB_TORCH_LIB overrides the libtorch folder (a dry run on a CPU machine can
# name the libtorch-cpu package's native folder). Logs and results go under $OUT (./gpu-out).
set -uo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-$PWD/gpu-out}"
mkdir -p "$out"
python="${TORCHLAB_PYTHON:-$( [ -x /opt/torch/.venv/bin/python3 ] && echo /opt/torch/.venv/bin/python3 || command -v python3)}"
export TORCHLAB_PYTHON="$python"
torch_lib="${TORCHLAB_TORCH_LIB:-$("$python" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')}"
export LD_LIBRARY_PATH="$torch_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

tar -xJf .gpu/dotnet.tar.xz -C /tmp
export DOTNET_ROOT=/tmp/dotnet PATH="/tmp/dotnet:$PATH" DOTNET_CLI_TELEMETRY_OPTOUT=1
{
  if command -v nvidia-smi >/dev/null; then nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv; else echo "nvidia-smi: not available"; fi
  "$python" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda)' 2>&1
  echo "libtorch folder: $torch_lib"
} > "$out/machine.txt"
cat "$out/machine.txt"

echo "== torch tests"
(cd .gpu/tests && dotnet TorchLab.Training.Tests.dll) > "$out/torch-tests.txt" 2>&1; status=$?
tail -5 "$out/torch-tests.txt"
[ $status -eq 0 ] || { echo "torch tests failed (exit $status); see torch-tests.txt"; exit 1; }
echo "== info"; dotnet .gpu/app/TorchLab.dll info 2>&1 | tee "$out/info.txt"
echo "== lab on cuda"
dotnet .gpu/app/TorchLab.dll --device cuda --out "$out/lab" > "$out/lab.txt" 2>&1; status=$?
grep -E "test accuracy|agree|error" "$out/lab.txt"
[ $status -eq 0 ] || { echo "lab on cuda failed (exit $status); see lab.txt"; exit $status; }
echo "== bench on cuda"
dotnet .gpu/app/TorchLab.dll bench --device cuda --epochs "${BENCH_EPOCHS:-5}" --out "$out" > "$out/bench.txt" 2>&1; status=$?
tail -12 "$out/bench.txt"
exit $status
