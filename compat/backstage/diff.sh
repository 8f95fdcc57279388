#!/usr/bin/env bash
# Differential check of the portal's Backstage-compatible catalog API against the real Backstage catalog backend.
# Usage: bash compat/backstage/diff.sh [catalog dir]   (default: compat/backstage/catalogs/edge; entry file catalog-info.yaml)
# Starts both servers on the same catalog, waits until both have ingested, runs requests.mjs, stops both.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
catalog="$(cd "${1:-$here/catalogs/edge}" && pwd)"
entry="$catalog/catalog-info.yaml"
token="compat-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
bs_port="${BACKSTAGE_PORT:-7907}"
portal_port="${PORTAL_PORT:-7908}"
work="$(mktemp -d)"
pids=()
# Each server runs in its own process group (setsid), so stopping the group also stops what `dotnet run` spawned.
cleanup() { for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

[ -f "$entry" ] || { echo "no $entry" >&2; exit 2; }
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund && npm rebuild better-sqlite3)

echo "catalog: $catalog"
# Backstage looks for a package.json upwards from its working directory, so it runs from here.
(cd "$here" && exec setsid node backend.mjs "$bs_port" "$entry" "$token") >"$work/backstage.log" 2>&1 &
pids+=($!)

(cd "$repo" && dotnet build Fawkes.Portal.csproj -v q -nologo >"$work/build.log" 2>&1) || { tail -20 "$work/build.log"; exit 1; }
(cd "$repo" && exec env Database__Provider=Sqlite Database__DataDirectory="$work/portal-data" \
  Portal__Demo__Enabled=false Portal__Api__BootstrapToken="$token" \
  Catalog__Locations__0__Type=file Catalog__Locations__0__Target="$entry" Catalog__FileRoots__0="$catalog" \
  $(kinds=(Component API System Domain Resource Group User Location Template); for i in "${!kinds[@]}"; do printf 'Catalog__Rules__0__Allow__%s=%s ' "$i" "${kinds[$i]}"; done) \
  ASPNETCORE_URLS="http://127.0.0.1:$portal_port" ASPNETCORE_ENVIRONMENT=Development \
  setsid dotnet run --no-build --no-launch-profile --project Fawkes.Portal.csproj >"$work/portal.log" 2>&1) &
pids+=($!)

count() { node -e 'fetch(process.argv[1] + "/api/catalog/entities?fields=metadata.name",
  { headers: { Authorization: "Bearer " + process.argv[2] } }).then(r => r.ok ? r.json() : []).then(j => console.log(j.length),
  () => console.log(-1))' "$1" "$token"; }
# Both have ingested when each one's entity count is non-zero and unchanged over three polls two seconds apart.
wait_stable() {
  local url="$1" name="$2" last=-2 same=0
  for _ in $(seq 1 90); do
    local n; n="$(count "$url")"
    if [ "$n" -gt 0 ] && [ "$n" = "$last" ]; then same=$((same + 1)); else same=0; fi
    last="$n"
    if [ "$same" -ge 3 ]; then echo "$name: $n entities"; return 0; fi
    sleep 2
  done
  echo "$name did not settle (last count $last); log:" >&2
  tail -30 "$work/$name.log" >&2
  return 1
}
wait_stable "http://127.0.0.1:$bs_port" backstage
wait_stable "http://127.0.0.1:$portal_port" portal

(cd "$here" && node requests.mjs "http://127.0.0.1:$bs_port" "http://127.0.0.1:$portal_port" "$token" "$catalog")
