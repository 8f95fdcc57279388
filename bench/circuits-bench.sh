#!/usr/bin/env bash
# Blazor Server circuits under load: memory per idle circuit on Home, the catalog list and the DORA page, and the Kind facet
# click → re-rendered grid p50/p95, with N pages of one headless Chromium open at once (levels are cumulative).
# Usage: bash bench/circuits-bench.sh [circuits...]   (default: 50 100 200)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
# dotnet-gcdump forces a full GC before each memory sample and tells which types the circuits hold.
tools=bench/.tools
[ -x "$tools/dotnet-gcdump" ] || dotnet tool install --tool-path "$tools" dotnet-gcdump >/dev/null
export FAWKES_GCDUMP="$PWD/$tools/dotnet-gcdump"
dotnet publish Fawkes.Portal.csproj -c Release -o bin/bench-publish --nologo -v quiet >/dev/null
dotnet build bench/Fawkes.Portal.Bench -c Release --nologo -v quiet >/dev/null
start_postgres
trap stop_postgres EXIT
levels=("${@:-50 100 200}")
cs=$(new_database "bench_circuits")
dotnet bench/Fawkes.Portal.Bench/bin/Release/net10.0/Fawkes.Portal.Bench.dll --circuits "$(echo ${levels[*]} | tr ' ' ',')" \
  --provider Postgres --connection "$cs" --port 5193 --iterations "${CLICKS:-40}"
