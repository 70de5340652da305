#!/usr/bin/env bash
# Runs the whole lab: restores TorchSharp and ScottPlot from NuGet, builds, runs. Needs only the
# .NET SDK. Extra arguments go to the program, e.g. ./lab.sh train tiny-cnn
set -euo pipefail
cd "$(dirname "$0")"
dotnet build src/TorchLab -c Release -nologo -v quiet
exec dotnet run --project src/TorchLab -c Release --no-build -- "$@"
