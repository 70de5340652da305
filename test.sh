#!/usr/bin/env bash
# Runs every test: installs python3-torch when missing (the PyTorch side of the round-trip
# tests), restores the pinned notebook runner (dotnet-repl), builds the Release output the notebooks
# reference, builds, tests.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
dotnet tool restore
dotnet build src/TorchLab -c Release -nologo -v quiet
dotnet build TorchLab.sln -nologo -v quiet
# NotebookTests may skip when run by hand without the above; here they must run.
export TORCHLAB_NOTEBOOK_TESTS=1
exec dotnet test TorchLab.sln --no-build -nologo "$@"
