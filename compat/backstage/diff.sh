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
# SERVE=url: both servers read the catalog over HTTP from a local static server (a `url` location, as most Backstage
# installs register theirs), so relative `$text` placeholders resolve on both; the default reads it as a `file`.
location_type=file; location_target="$entry"
if [ "${SERVE:-file}" = url ]; then
  web_port="${CATALOG_PORT:-7909}"
  (cd "$catalog" && exec setsid node -e '
    const http = require("node:http"), fs = require("node:fs"), path = require("node:path");
    http.createServer((req, res) => {
      const file = path.join(process.cwd(), decodeURIComponent(new URL(req.url, "http://x").pathname));
      if (!file.startsWith(process.cwd() + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) { res.writeHead(404); return res.end(); }
      res.writeHead(200, { "Content-Type": "text/plain" }); fs.createReadStream(file).pipe(res);
    }).listen(Number(process.argv[1]), "127.0.0.1");' "$web_port") >"$work/web.log" 2>&1 &
  pids+=($!)
  location_type=url; location_target="http://127.0.0.1:$web_port/catalog-info.yaml"
  export CATALOG_BASE="http://127.0.0.1:$web_port"
fi
# Backstage looks for a package.json upwards from its working directory, so it runs from here.
(cd "$here" && exec setsid node backend.mjs "$bs_port" "$location_target" "$token") >"$work/backstage.log" 2>&1 &
pids+=($!)

(cd "$repo" && dotnet build Fawkes.Portal.csproj -v q -nologo >"$work/build.log" 2>&1) || { tail -20 "$work/build.log"; exit 1; }
(cd "$repo" && exec env Database__Provider=Sqlite Database__DataDirectory="$work/portal-data" \
  Portal__Demo__Enabled=false Portal__Api__BootstrapToken="$token" \
  Catalog__Locations__0__Type="$location_type" Catalog__Locations__0__Target="$location_target" Catalog__FileRoots__0="$catalog" \
  Catalog__AllowedHosts__0=127.0.0.1 Catalog__AllowPrivateNetworks=true Catalog__TemplatesPath= \
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
