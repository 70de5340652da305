#!/usr/bin/env bash
# Runs the whole lab: installs missing system packages, builds native and managed code, runs.
# Extra arguments go to the program, e.g. ./lab.sh train --model tiny-cnn
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
dotnet build src/TorchLab -c Release -nologo -v quiet
exec dotnet run --project src/TorchLab -c Release --no-build -- "$@"
