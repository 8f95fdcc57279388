#!/usr/bin/env bash
# Measures a newcomer's cold start: from `dotnet run` (build included, fresh SQLite file)
# until the sign-in page answers 200. Run on demand; prints seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-5080}
curl -fs -o /dev/null "http://localhost:$port/healthz" && { echo "port $port is already in use"; exit 1; }
data=$(mktemp -d)
start=$(date +%s.%N)
Database__DataDirectory="$data" dotnet run --urls "http://localhost:$port" >"$data/run.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; pkill -f "Fawkes.Portal.dll" 2>/dev/null || true; rm -rf "$data"' EXIT
until curl -fs -o /dev/null "http://localhost:$port/signin"; do
  kill -0 $pid 2>/dev/null || { cat "$data/run.log"; exit 1; }
  sleep 0.2
done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "cold dotnet run → first page: %.1f s\n", e - s }'
