#!/usr/bin/env bash
# Template wizard bench (issue 10) on PostgreSQL, demo mode: dry run of a 200-file skeleton (3-file baseline in the same
# run), the wizard interactive after navigation (headless Chromium), 20 concurrent golden-path tasks without a failure.
# Usage: bash bench/templates-bench.sh   (ITERATIONS=20 by default; exits 1 when a target is missed)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
dotnet publish Fawkes.Portal.csproj -c Release -o bin/bench-publish --nologo -v quiet >/dev/null
dotnet build bench/Fawkes.Portal.Bench -c Release --nologo -v quiet >/dev/null
start_postgres
trap stop_postgres EXIT
cs=$(new_database "bench_templates")
# A free port: other benches (and other worktrees' benches) use fixed ones.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet bench/Fawkes.Portal.Bench/bin/Release/net10.0/Fawkes.Portal.Bench.dll --templates --provider Postgres --connection "$cs" \
  --port "$port" --iterations "${ITERATIONS:-20}"
