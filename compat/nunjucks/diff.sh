#!/usr/bin/env bash
# Renders every case of tests/Fawkes.Portal.Tests/Templates/Expressions/cases.json with real nunjucks (as Backstage's
# SecureTemplater configures it) and with the portal's engine, and prints the differences.
# Usage: bash compat/nunjucks/diff.sh          RECORD=1 bash compat/nunjucks/diff.sh   (re-record expectations first)
# To change the table: edit cases.py, run `python3 compat/nunjucks/cases.py`, then RECORD=1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cases="$repo/tests/Fawkes.Portal.Tests/Templates/Expressions/cases.json"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
node "$here/render.mjs" "$cases" "$work/nunjucks.json"
[ "${RECORD:-0}" = 1 ] && node "$here/compare.mjs" "$cases" "$work/nunjucks.json"
FAWKES_NUNJUCKS_OUT="$work/ours.json" dotnet test "$repo/tests/Fawkes.Portal.Tests" \
  --filter "FullyQualifiedName~NunjucksCompatTests.Answers_can_be_written_for_the_diff_script" >"$work/test.log" 2>&1 \
  || { tail -20 "$work/test.log"; exit 2; }
node "$here/compare.mjs" "$cases" "$work/nunjucks.json" "$work/ours.json"
