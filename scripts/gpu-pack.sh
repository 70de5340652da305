#!/usr/bin/env bash
# Packs what scripts/gpu-check.sh needs on a CUDA machine that has a pip PyTorch but no .NET into
# .gpu/ (git-ignored): the .NET runtime (xz) and the program and torch tests published
# framework-dependent with TorchBackend=external, i.e. without libtorch natives; on that machine
# libtorch (with CUDA) comes from PyTorch's torch/lib.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .gpu/app .gpu/tests && mkdir -p .gpu
# A separate intermediate folder, so the external backend's restore does not replace the cpu one.
for target in "src/TorchLab .gpu/app" "tests/Training.Tests .gpu/tests"; do
  set -- $target
  dotnet publish "$1" -c Release -p:TorchBackend=external -p:BaseIntermediateOutputPath="$PWD/.gpu/obj/$1/" -o "$2" -nologo -v quiet
done
rm -rf .gpu/obj
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
