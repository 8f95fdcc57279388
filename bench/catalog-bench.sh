#!/usr/bin/env bash
# Catalog benchmark on PostgreSQL (and SQLite): ingestion time, query p50/p95, memory.
# Usage: bash bench/catalog-bench.sh [entities...]   (default: 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
dotnet publish Fawkes.Portal.csproj -c Release -o bin/bench-publish --nologo -v quiet >/dev/null
dotnet build bench/Fawkes.Portal.Bench -c Release --nologo -v quiet >/dev/null
start_postgres
trap stop_postgres EXIT
sizes=("${@:-10000}")
for n in "${sizes[@]}"; do
  cs=$(new_database "bench_$n")
  dotnet bench/Fawkes.Portal.Bench/bin/Release/net10.0/Fawkes.Portal.Bench.dll --entities "$n" --provider Postgres --connection "$cs"
  if [ "${SQLITE:-1}" = "1" ]; then
    dotnet bench/Fawkes.Portal.Bench/bin/Release/net10.0/Fawkes.Portal.Bench.dll --entities "$n" --provider Sqlite --port 5191
  fi
done
