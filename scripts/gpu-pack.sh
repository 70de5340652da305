#!/usr/bin/env bash
# Packs what scripts/gpu-check.sh needs on a machine without .NET into .gpu/ (git-ignored):
# the .NET runtime (xz, ~26 MB) and framework-dependent builds of the program and torch tests.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .gpu/app .gpu/tests && mkdir -p .gpu
dotnet publish src/TorchLab -c Release -o .gpu/app -nologo -v quiet
dotnet publish tests/Torch.Tests -c Release -o .gpu/tests -nologo -v quiet
# The test SDK brings code-coverage tools for every platform and translations; the tests run without them.
(cd .gpu/tests && rm -rf CodeCoverage alpine arm64 macos win* cs de es fr it ja ko pl pt-BR ru tr zh-Hans zh-Hant)
if [ ! -f .gpu/dotnet.tar.xz ]; then
  root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  stage="$(mktemp -d)"; mkdir -p "$stage/dotnet/shared"
  cp "$root/dotnet" "$stage/dotnet/"; cp -r "$root/host" "$stage/dotnet/"
  cp -r "$root/shared/Microsoft.NETCore.App" "$stage/dotnet/shared/"
  tar -C "$stage" -cJf .gpu/dotnet.tar.xz dotnet && rm -rf "$stage"
fi
du -sh .gpu
