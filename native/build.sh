#!/usr/bin/env bash
# Builds the native shim incrementally (called by src/Torch's MSBuild target, or by hand).
# TORCHLAB_LIBTORCH selects another libtorch (its CMake prefix); the build folder remembers
# which one it was configured for and reconfigures when that changes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${TORCHLAB_NATIVE_BUILD:-$here/build}"

if ! command -v cmake >/dev/null 2>&1 || ! command -v g++ >/dev/null 2>&1; then
  echo "error TL0001: TorchLab: cmake and g++ are needed to build native/. Install them with 'sudo apt-get install cmake g++ libtorch-dev' (or run ./lab.sh, which installs them)." >&2
  exit 1
fi

mkdir -p "$build"
exec 9>"$build/.lock"
flock 9   # parallel dotnet builds must not run two cmake builds in one folder

want="${TORCHLAB_LIBTORCH:-debian}"
have="$(cat "$build/.libtorch" 2>/dev/null || true)"
if [[ ! -f "$build/CMakeCache.txt" || "$want" != "$have" || "$here/CMakeLists.txt" -nt "$build/CMakeCache.txt" ]]; then
  rm -rf "$build/CMakeCache.txt" "$build/CMakeFiles"
  if ! cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release > "$build/configure.log" 2>&1; then
    grep -A3 "TorchLab" "$build/configure.log" | sed 's/^/error TL0002: /' >&2 || cat "$build/configure.log" >&2
    exit 1
  fi
  echo "$want" > "$build/.libtorch"
fi
# Extra arguments name targets to build instead of the shim (e.g. torchlab_train_loop).
targets=()
for target in "$@"; do targets+=(--target "$target"); done
if ! cmake --build "$build" -j "$(nproc)" "${targets[@]}" > "$build/build.log" 2>&1; then
  grep -E "error|Error" "$build/build.log" | head -20 >&2
  exit 1
fi
