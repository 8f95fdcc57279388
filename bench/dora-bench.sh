#!/usr/bin/env bash
# DORA benchmark on PostgreSQL: kill during ingestion, sustained ingestion, dashboard query p50/p95, memory.
# Usage: bash bench/dora-bench.sh [events]   (default: 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
dotnet publish Fawkes.Portal.csproj -c Release -o bin/bench-publish --nologo -v quiet >/dev/null
dotnet build bench/Fawkes.Portal.Bench -c Release --nologo -v quiet >/dev/null
start_postgres
trap stop_postgres EXIT
cs=$(new_database "bench_dora")
dotnet bench/Fawkes.Portal.Bench/bin/Release/net10.0/Fawkes.Portal.Bench.dll --dora "${1:-1000000}" --provider Postgres --connection "$cs" --iterations "${ITERATIONS:-100}"
