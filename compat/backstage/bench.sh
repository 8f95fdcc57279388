#!/usr/bin/env bash
# Side-by-side catalog benchmark: the real Backstage catalog backend and the portal on the same generated catalog.
# Usage: bash compat/backstage/bench.sh [entities]   (default 10000; BACKSTAGE=0 measures the portal only,
#        ITERATIONS=200 calls per request, BACKSTAGE_PORT/PORTAL_PORT default: free ports)
# Generates the catalog once (bench/Fawkes.Portal.Bench --write-catalog), then runs one server after the other (never
# both: the machine has 2 cores): Backstage (backend.mjs, in-memory SQLite), then the published portal (Release) on a
# throwaway PostgreSQL. bench.mjs measures each the same way; the table goes to bench/results/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
n="${1:-10000}"
token="compat-bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
# Free ports by default: other runs of diff.sh/bench.sh on this machine use fixed ones.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
bs_port="${BACKSTAGE_PORT:-$(free_port)}"
portal_port="${PORTAL_PORT:-$(free_port)}"
work="$(mktemp -d)"
server=""
pg_started=0
source "$repo/scripts/postgres.sh"
# Each server runs in its own process group (setsid), so stopping the group stops everything it spawned.
stop_server() { if [ -n "$server" ]; then kill -- "-$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi; }
cleanup() { stop_server; if [ "$pg_started" = 1 ]; then stop_postgres; fi; rm -rf "$work"; }
trap cleanup EXIT
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund && npm rebuild better-sqlite3)

cd "$repo"
dotnet publish Fawkes.Portal.csproj -c Release -o bin/bench-publish --nologo -v quiet >/dev/null
dotnet build bench/Fawkes.Portal.Bench -c Release --nologo -v quiet >/dev/null
entry="$(dotnet bench/Fawkes.Portal.Bench/bin/Release/net10.0/Fawkes.Portal.Bench.dll --entities "$n" --write-catalog "$work/catalog")"
# Both servers add the catalog's root Location (`bench`) and one generated Location for the configured location.
expected=$((n + 2))
echo "catalog: $entry ($n entities, expecting $expected)"
now_ms() { date +%s%3N; }
results=()

if [ "${BACKSTAGE:-1}" = "1" ]; then
  started="$(now_ms)"
  # Backstage looks for a package.json upwards from its working directory, so it runs from here.
  (cd "$here" && exec setsid node backend.mjs "$bs_port" "$entry" "$token") >"$work/backstage.log" 2>&1 &
  server=$!
  node "$here/bench.mjs" measure Backstage "http://127.0.0.1:$bs_port" "$token" "$server" "$started" "$expected" "$n" "$work/backstage.json" \
    || { tail -30 "$work/backstage.log" >&2; exit 1; }
  stop_server
  results+=("$work/backstage.json")
fi

start_postgres
pg_started=1
cs="$(new_database bench)"
kinds=(Component API System Domain Resource Group User Location Template)
rules=()
for i in "${!kinds[@]}"; do rules+=("Catalog__Rules__0__Allow__$i=${kinds[$i]}"); done
started="$(now_ms)"
# Run from the publish folder: it is the content root (static web assets).
(cd bin/bench-publish && exec env ASPNETCORE_URLS="http://127.0.0.1:$portal_port" ASPNETCORE_ENVIRONMENT=Production \
  Database__Provider=Postgres Database__MigrateOnStartup=true ConnectionStrings__Portal="$cs" \
  Database__DataDirectory="$work/portal-data" Portal__Demo__Enabled=false Portal__Api__BootstrapToken="$token" \
  Portal__RateLimits__ApiPerMinute=10000000 Catalog__RefreshIntervalSeconds=3600 Catalog__TemplatesPath= Logging__LogLevel__Default=Warning \
  Logging__LogLevel__Fawkes.Portal.Features.Catalog.Ingestion.CatalogWriter=Debug \
  Logging__LogLevel__Fawkes.Portal.Features.Catalog.Query.EntitySnapshot=Information \
  Catalog__Locations__0__Type=file Catalog__Locations__0__Target="$entry" "${rules[@]}" \
  setsid dotnet Fawkes.Portal.dll) >"$work/portal.log" 2>&1 &
server=$!
node "$here/bench.mjs" measure Portal "http://127.0.0.1:$portal_port" "$token" "$server" "$started" "$expected" "$n" "$work/portal.json" \
  "$(head -1 "$PGROOT/data/postmaster.pid")" || { tail -30 "$work/portal.log" >&2; exit 1; }
stop_server
# Where the portal's ingestion time went (the writer's phases, the snapshot builds).
grep -E "phases|stored|snapshot" "$work/portal.log" | cut -c1-400 >&2 || true
results+=("$work/portal.json")

mkdir -p bench/results
out="bench/results/backstage-vs-portal-$n-$(date -u +%Y%m%d%H%M).md"
node "$here/bench.mjs" report "$n" "$out" "${results[@]}"
echo "written to $out"
