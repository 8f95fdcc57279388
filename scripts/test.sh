#!/usr/bin/env bash
# Runs the whole test suite: unit + bUnit, integration (real PostgreSQL) and E2E (real Chromium).
# Installs PostgreSQL and Chromium from Debian's packages when missing, starts a throwaway
# PostgreSQL server in a temp folder, runs the three projects and prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
need=()
[ -x "${PGBIN:-}/initdb" ] || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> installing ${need[*]} (apt-get)"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null || { echo "apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# --- throwaway PostgreSQL, as a non-root user, on a free port ---------------------------------
PGROOT=$(mktemp -d /tmp/fawkes-pg.XXXXXX)
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PGROOT"
stop_pg() { as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$PGROOT"; }
trap stop_pg EXIT
mkdir -p "$PGROOT/sock"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PGROOT/sock"
as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGROOT/initdb.log" 2>&1 \
  || { cat "$PGROOT/initdb.log"; echo "0 passed, 1 failed"; exit 1; }
as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 30 \
  -o "-p $PGPORT -k $PGROOT/sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
  || { cat "$PGROOT/server.log"; echo "0 passed, 1 failed"; exit 1; }
psql -q "host=$PGROOT/sock port=$PGPORT user=postgres dbname=postgres" \
  -c "CREATE ROLE fawkes LOGIN CREATEDB PASSWORD 'fawkes'" -c "CREATE DATABASE fawkes OWNER fawkes" >/dev/null
export FAWKES_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Database=fawkes;Username=fawkes;Password=fawkes"
echo "==> PostgreSQL on 127.0.0.1:$PGPORT ($PGROOT)"

# --- the three test projects -----------------------------------------------------------------
passed=0; failed=0
for project in tests/Fawkes.Portal.Tests tests/Fawkes.Portal.IntegrationTests tests/Fawkes.Portal.E2ETests; do
  echo "==> $project"
  log=$(mktemp)
  dotnet test "$project" --nologo 2>&1 | tee "$log"
  summary=$(grep -E '^(Passed|Failed)!' "$log" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "!! $project produced no test summary (build failure?)"; failed=$((failed + 1))
  else
    p=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary"); f=$(sed -E 's/.*Failed: *([0-9]+),.*/\1/' <<<"$summary")
    passed=$((passed + p)); failed=$((failed + f))
  fi
  rm -f "$log"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
