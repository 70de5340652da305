#!/usr/bin/env bash
# Verifies TorchLab on a CUDA machine that has no .NET SDK (the device machine): builds the
# shim against that machine's pip PyTorch, then runs the torch tests, the lab and the benchmark
# on CUDA. Expects, in .gpu/ (made by scripts/gpu-pack.sh): dotnet.tar.xz (the .NET runtime),
# app/ (the program) and tests/ (the torch tests), published framework-dependent.
# Writes logs and results under $OUT (default ./gpu-out).
set -uo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-$PWD/gpu-out}"
mkdir -p "$out"
python="$(command -v python3)"
export TORCHLAB_PYTHON="$python"

tar -xJf .gpu/dotnet.tar.xz -C /tmp
export DOTNET_ROOT=/tmp/dotnet PATH="/tmp/dotnet:$PATH" DOTNET_CLI_TELEMETRY_OPTOUT=1
export TORCHLAB_LIBTORCH="$("$python" -c 'import torch; print(torch.utils.cmake_prefix_path)')"
{
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv
  "$python" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "abi", torch._C._GLIBCXX_USE_CXX11_ABI)'
  ldconfig -p | grep -E "libcairo.so.2" || echo "libcairo.so.2: not installed"
} > "$out/machine.txt" 2>&1

export TORCHLAB_NATIVE_BUILD=/tmp/torchlab-native
if ! native/build.sh > "$out/native-build.txt" 2>&1; then
  cat "$TORCHLAB_NATIVE_BUILD/configure.log" "$TORCHLAB_NATIVE_BUILD/build.log" >> "$out/native-build.txt" 2>/dev/null
  echo "native build failed; see native-build.txt"; tail -30 "$out/native-build.txt"; exit 1
fi
for folder in .gpu/app .gpu/tests; do cp "$TORCHLAB_NATIVE_BUILD/libtorchlab_native.so" "$folder/"; done

echo "== torch tests"; (cd .gpu/tests && dotnet TorchLab.Torch.Tests.dll) > "$out/torch-tests.txt" 2>&1; echo "exit $?" >> "$out/torch-tests.txt"
tail -5 "$out/torch-tests.txt"
echo "== info"; dotnet .gpu/app/TorchLab.dll info 2>&1 | tee "$out/info.txt"
echo "== lab on cuda"; dotnet .gpu/app/TorchLab.dll --device cuda --out "$out/lab" > "$out/lab.txt" 2>&1; echo "exit $?" >> "$out/lab.txt"
grep -E "test accuracy|agree|exit" "$out/lab.txt"
echo "== bench on cuda"; dotnet .gpu/app/TorchLab.dll bench --device cuda --epochs "${BENCH_EPOCHS:-5}" --out "$out" > "$out/bench.txt" 2>&1; echo "exit $?" >> "$out/bench.txt"
tail -12 "$out/bench.txt"
