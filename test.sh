#!/usr/bin/env bash
# Runs every test: installs missing system packages, builds native and managed code, tests.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
dotnet build TorchLab.sln -nologo -v quiet
exec dotnet test TorchLab.sln --no-build -nologo "$@"
