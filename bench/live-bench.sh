#!/usr/bin/env bash
# Live platform bench: the four upstream simulators (Kubernetes, Jenkins, ArgoCD, SonarQube) each adding 100 ms per
# answer, 200 entities × 10 pods, the published portal on a throwaway PostgreSQL; entity page shell p95, all panels
# filled, 50 viewers' upstream calls per panel, one entity's Kubernetes panel in the 2,000-pod cluster, /healthz baseline.
# Usage: bash bench/live-bench.sh      Results: bench/results/live-<time>.md (not committed)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
dotnet publish Fawkes.Portal.csproj -c Release -o bin/bench-publish --nologo -v quiet >/dev/null
dotnet build bench/Fawkes.Portal.Bench -c Release --nologo -v quiet >/dev/null
start_postgres
trap stop_postgres EXIT
cs=$(new_database bench_live)
dotnet bench/Fawkes.Portal.Bench/bin/Release/net10.0/Fawkes.Portal.Bench.dll --live --provider Postgres --connection "$cs" --port "${PORT:-5193}"
