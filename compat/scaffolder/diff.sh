#!/usr/bin/env bash
# Differential check of the portal's dry run (POST /api/scaffolder/v2/dry-run) against the real Backstage scaffolder.
# Usage: [SERVE=<portal url> PORTAL_TOKEN=<token>] bash compat/scaffolder/diff.sh [case ...]
#   Starts backend.mjs (unless BACKSTAGE=<url> names one already running), sends every case of cases/ to it and, when
#   SERVE is set, to the portal too, and compares them (compare.mjs says exactly what is compared and normalised).
#   Without SERVE it only records Backstage's answers: out/<case>/backstage.json and the table out/summary.md.
#   Backstage's sample templates are unpacked into out/templates/ at run time (npm pack, and the snapshot of
#   github:backstage/software-templates fetched below MIRROR_ROOT, default /work/.mirror); nothing of theirs is committed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
token="compat-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
bs_port="${BACKSTAGE_PORT:-7917}"
pid=""
work="$(mktemp -d)"
# The backend runs in its own process group (setsid), so stopping the group stops everything it spawned.
cleanup() { [ -n "$pid" ] && kill -- "-$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# npm 11 runs no install scripts unless approved, so the native SQLite module is compiled explicitly (~3 min).
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund && npm rebuild better-sqlite3)
mkdir -p "$here/out"

if [ -z "${BACKSTAGE:-}" ]; then
  # Backstage looks for a package.json upwards from its working directory, so it runs from here.
  (cd "$here" && exec setsid node backend.mjs "$bs_port" --token "$token") >"$work/backstage.log" 2>&1 &
  pid=$!
  export BACKSTAGE="http://127.0.0.1:$bs_port" BACKSTAGE_TOKEN="$token"
  for _ in $(seq 1 90); do
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$BACKSTAGE/api/scaffolder/v2/actions" || true)"
    [ "$code" = 200 ] && break
    if ! kill -0 "$pid" 2>/dev/null; then echo "backstage exited; log:" >&2; tail -30 "$work/backstage.log" >&2; exit 1; fi
    sleep 2
  done
  [ "$code" = 200 ] || { echo "backstage did not answer on $BACKSTAGE; log:" >&2; tail -30 "$work/backstage.log" >&2; exit 1; }
fi
echo "backstage: $BACKSTAGE${SERVE:+   portal: $SERVE}"
status=0
(cd "$here" && node run-cases.mjs "$@") || status=$?
[ -z "$pid" ] || cp "$work/backstage.log" "$here/out/backstage.log"
exit "$status"
