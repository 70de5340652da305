#!/usr/bin/env bash
# Installs the Debian packages TorchLab needs, only those missing, so it is safe to re-run.
# libtorch-dev: the libtorch the native shim binds; cmake/g++/make: build the shim;
# libcairo2 + DejaVu fonts: the plots; python3-torch: PyTorch for the oracle scripts and the
# tests that check Python reads our files. Uses sudo when not root.
set -euo pipefail

packages=(libtorch-dev cmake g++ make libcairo2 fonts-dejavu-core python3-torch "$@")

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing missing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "error: missing packages (${missing[*]}) and not root, and sudo is not available; install them as root." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
