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
source "$(dirname "$0")/postgres.sh"
start_postgres || { echo "0 passed, 1 failed"; exit 1; }
trap stop_postgres EXIT
export FAWKES_TEST_POSTGRES="$PG_URL"
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
