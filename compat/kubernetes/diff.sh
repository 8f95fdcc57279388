#!/usr/bin/env bash
# Differential check of the portal's Kubernetes problem detection against Backstage's own (detectErrors of
# @backstage/plugin-kubernetes-common). Usage: bash compat/kubernetes/diff.sh
# Starts fake-apiserver.mjs (objects of fixtures.mjs), writes one Component per fixture entity into a catalog file,
# starts the portal (SQLite, no demo) with the fake as its only cluster through Integrations__Kubernetes__Clusters__0__*,
# and runs compare.mjs, which prints "N identical/covered, N missing" and exits 1 on any miss. Report: out/report.json.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
token="compat-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
cluster_token="k8s-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
api_port="${K8S_PORT:-7927}"
portal_port="${PORTAL_PORT:-7928}"
cluster="compat-cluster"
work="$(mktemp -d)"
pids=()
# Each server runs in its own process group (setsid), so stopping the group also stops what `dotnet run` spawned.
cleanup() { for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund)
mkdir -p "$here/out" "$work/catalog"

(cd "$here" && exec setsid node fake-apiserver.mjs "$api_port" "$cluster_token") >"$work/fake.log" 2>&1 &
pids+=($!)
(cd "$here" && node --input-type=module -e '
  import { buildCluster } from "./fixtures.mjs";
  for (const e of buildCluster().entities) {
    console.log("---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: " + e.name + "\n  annotations:");
    for (const [k, v] of Object.entries(e.annotations)) console.log("    " + k + ": " + JSON.stringify(v));
    console.log("spec:\n  type: service\n  lifecycle: production\n  owner: team-shop");
  }') >"$work/catalog/catalog-info.yaml"
entities="$(grep -c '^kind: Component' "$work/catalog/catalog-info.yaml")"

(cd "$repo" && dotnet build Fawkes.Portal.csproj -v q -nologo >"$work/build.log" 2>&1) || { tail -20 "$work/build.log"; exit 1; }
(cd "$repo" && exec env Database__Provider=Sqlite Database__DataDirectory="$work/portal-data" \
  Portal__Demo__Enabled=false Portal__Api__BootstrapToken="$token" Catalog__TemplatesPath= \
  Catalog__Locations__0__Type=file Catalog__Locations__0__Target="$work/catalog/catalog-info.yaml" \
  Integrations__Kubernetes__Clusters__0__Name="$cluster" Integrations__Kubernetes__Clusters__0__Url="http://127.0.0.1:$api_port" \
  Integrations__Kubernetes__Clusters__0__Token="$cluster_token" \
  ASPNETCORE_URLS="http://127.0.0.1:$portal_port" ASPNETCORE_ENVIRONMENT=Development \
  setsid dotnet run --no-build --no-launch-profile --project Fawkes.Portal.csproj >"$work/portal.log" 2>&1) &
pids+=($!)

portal="http://127.0.0.1:$portal_port"
n=0
for _ in $(seq 1 90); do
  n="$(curl -s -H "Authorization: Bearer $token" "$portal/api/catalog/entities?filter=kind=component&fields=metadata.name" \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).length)}catch{console.log(0)}})' || true)"
  [ "$n" = "$entities" ] && break
  sleep 2
done
[ "$n" = "$entities" ] || { echo "portal did not ingest $entities components (has $n); log:" >&2; tail -30 "$work/portal.log" >&2; exit 1; }
echo "fake API: http://127.0.0.1:$api_port   portal: $portal   entities: $entities"
status=0
(cd "$here" && node compare.mjs "http://127.0.0.1:$api_port" "$cluster_token" "$portal" "$token" "$cluster") | tee "$here/out/summary.txt" \
  || status=$?
cp "$work/portal.log" "$here/out/portal.log"
exit "$status"
