#!/usr/bin/env bash
# Runs every test: installs python3-torch when missing (the PyTorch side of the round-trip
# tests), builds, tests.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
dotnet build TorchLab.sln -nologo -v quiet
exec dotnet test TorchLab.sln --no-build -nologo "$@"
