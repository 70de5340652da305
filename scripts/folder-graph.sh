#!/usr/bin/env bash
# Prints which folder of src/TorchLab uses which other folder's types, the number of links and
# any cycle (the graph tests/TorchLab.Tests/Architecture/FolderGraphTests.cs guards). Compiles the
# test's FolderGraph.cs alone, so it also measures another checkout:
#   scripts/folder-graph.sh [SOURCE-FOLDER]     (default: this checkout's src/TorchLab)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
source="$(readlink -f "${1:-$repo/src/TorchLab}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$repo/tests/TorchLab.Tests/Architecture/FolderGraph.cs" "$work/"
echo 'Console.Write(TorchLab.TorchLab.Tests.Architecture.FolderGraph.Of(args[0]).Describe());' > "$work/Program.cs"
cat > "$work/FolderGraph.csproj" <<'PROJECT'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
</Project>
PROJECT
dotnet build "$work" -nologo -v quiet -o "$work/bin" > "$work/build.txt" || { cat "$work/build.txt"; exit 1; }
dotnet "$work/bin/FolderGraph.dll" "$source"
