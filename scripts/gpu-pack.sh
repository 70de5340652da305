#!/usr/bin/env bash
# Packs what scripts/gpu-check.sh needs on a CUDA machine that has a pip PyTorch but no .NET into
# .gpu/ (git-ignored): the .NET runtime (xz) and the program and torch tests published
# framework-dependent with TorchBackend=external, i.e. without libtorch natives; on that machine
# libtorch (with CUDA) comes from PyTorch's torch/lib.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .gpu/app .gpu/tests && mkdir -p .gpu
dotnet publish src/TorchLab -c Release -p:TorchBackend=external -o .gpu/app -nologo -v quiet
dotnet publish tests/Training.Tests -c Release -p:TorchBackend=external -o .gpu/tests -nologo -v quiet
# Put the default (cpu) backend's restore back for the next ordinary build.
dotnet restore TorchLab.sln -nologo -v quiet
# The test SDK brings code-coverage tools for every platform and translations; the tests run without them.
(cd .gpu/tests && rm -rf CodeCoverage alpine arm64 macos win* x86 x64 ubuntu cs de es fr it ja ko pl pt-BR ru tr zh-Hans zh-Hant)
find .gpu/app .gpu/tests \( -name "*.pdb" -o -name "*.xml" \) -delete
if [ ! -f .gpu/dotnet.tar.xz ]; then
  root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  stage="$(mktemp -d)"; mkdir -p "$stage/dotnet/shared"
  cp "$root/dotnet" "$stage/dotnet/"; cp -r "$root/host" "$stage/dotnet/"
  cp -r "$root/shared/Microsoft.NETCore.App" "$stage/dotnet/shared/"
  # The debugger and crash-dump parts of the runtime are not needed to run tests.
  find "$stage" \( -name createdump -o -name 'libmscordaccore.so' -o -name 'libmscordbi.so' -o -name 'libcoreclrtraceptprovider.so' \) -delete
  tar -C "$stage" -cf - dotnet | xz -9e -T0 > .gpu/dotnet.tar.xz && rm -rf "$stage"
fi
du -sh .gpu
