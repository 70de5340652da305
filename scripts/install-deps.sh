#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK, only when missing, so it is safe to re-run:
# python3-torch (PyTorch 1.13), which opens the files TorchLab writes and runs the reference
# side of `bench`. The lab itself needs nothing from apt: TorchSharp and ScottPlot bring their
# natives through NuGet. Uses sudo when not root.
set -euo pipefail

packages=(python3-torch "$@")

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
