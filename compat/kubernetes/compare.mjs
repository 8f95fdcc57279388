// Runs Backstage's own detectErrors (@backstage/plugin-kubernetes-common) on each entity's objects, read from the fake
// API server exactly as Backstage's backend reads them (label selector, namespace annotation), asks the portal's
// GET /api/live/component/default/<name>/kubernetes for the same entity, and compares.
// Usage: node compare.mjs <fake api url> <cluster token> <portal url> <portal token> <cluster name>
import { detectErrors } from '@backstage/plugin-kubernetes-common';
import { writeFileSync, mkdirSync } from 'node:fs';
import { buildCluster } from './fixtures.mjs';

const [fake, clusterToken, portal, portalToken, clusterName] = process.argv.slice(2);
const { entities, healthy } = buildCluster();
const KINDS = { Pod: 'pods', Deployment: 'deployments', HorizontalPodAutoscaler: 'horizontalpodautoscalers', Job: 'jobs',
  ReplicaSet: 'replicasets', Service: 'services', CronJob: 'cronjobs', StatefulSet: 'statefulsets', DaemonSet: 'daemonsets', Ingress: 'ingresses' };
const PATHS = { pods: '/api/v1', services: '/api/v1', deployments: '/apis/apps/v1', replicasets: '/apis/apps/v1',
  statefulsets: '/apis/apps/v1', daemonsets: '/apis/apps/v1', ingresses: '/apis/networking.k8s.io/v1',
  horizontalpodautoscalers: '/apis/autoscaling/v2', jobs: '/apis/batch/v1', cronjobs: '/apis/batch/v1' };
// The portal names a restart by its cause when it knows one; Backstage names it after the last termination.
const RESTART_REASONS = ['ContainerRestarting', 'CrashLoopBackOff', 'OOMKilled', 'Unhealthy', 'LivenessProbeFailed'];

async function getJson(url, token) {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

function selectorOf(e) {
  return { labelSelector: e.annotations['backstage.io/kubernetes-label-selector'] ?? `backstage.io/kubernetes-id=${e.annotations['backstage.io/kubernetes-id']}`,
    namespace: e.annotations['backstage.io/kubernetes-namespace'] };
}

async function backstageObjects(e) {
  const { labelSelector, namespace } = selectorOf(e);
  const out = {};
  for (const [type, base] of Object.entries(PATHS)) {
    const path = `${base}${namespace ? `/namespaces/${namespace}` : ''}/${type}?labelSelector=${encodeURIComponent(labelSelector)}`;
    out[type] = (await getJson(fake + path, clusterToken)).items;
  }
  return out;
}

/** What the portal must say for one of Backstage's errors: the resource and the reasons that count as the same. */
function expectation(error, objects) {
  const ref = error.sourceRef;
  const base = { kind: ref.kind, namespace: ref.namespace, resource: ref.name, type: error.type };
  const pod = objects.pods.find((p) => p.metadata.name === ref.name && p.metadata.namespace === ref.namespace);
  switch (error.type) {
    case 'readiness-probe-taking-too-long':
      return { ...base, reasons: ['ReadinessProbeFailed', 'Unhealthy'] };
    case 'container-waiting': {
      const cs = pod.status.containerStatuses.find((c) => c.state?.waiting?.message === error.message);
      return { ...base, reasons: [cs.state.waiting.reason], detail: cs.name };
    }
    case 'containers-restarting': {
      const name = /^container=(\S+) restarted/.exec(error.message)[1];
      const cs = pod.status.containerStatuses.find((c) => c.name === name);
      const oom = cs.lastState?.terminated?.reason === 'OOMKilled' || cs.state?.terminated?.reason === 'OOMKilled';
      return { ...base, reasons: oom ? ['OOMKilled'] : RESTART_REASONS, detail: `${name}, backstage errorType ${error.proposedFix?.errorType}` };
    }
    case 'condition-message-present': {
      const d = objects.deployments.find((x) => x.metadata.name === ref.name);
      const c = d.status.conditions.find((x) => x.status === 'False' && x.message === error.message);
      return { ...base, reasons: [c.reason], detail: c.type };
    }
    case 'hpa-max-current-replicas':
      return { ...base, reasons: ['MaxReplicasReached'] };
    default:
      return { ...base, reasons: [], detail: 'unknown Backstage error type' };
  }
}

const report = { covered: [], missing: [], portalOnly: [], foreign: [], healthyFlagged: [], clusterErrors: [] };
for (const e of entities) {
  const objects = await backstageObjects(e);
  const resources = Object.entries(objects).map(([type, items]) => ({ type, resources: items }));
  const errors = detectErrors({ items: [{ cluster: { name: clusterName }, resources, podMetrics: [], errors: [] }] }).get(clusterName) ?? [];
  const answer = await getJson(`${portal}/api/live/component/default/${e.name}/kubernetes`, portalToken);
  for (const c of answer.clusters ?? []) if (c.status !== 'ok') report.clusterErrors.push(`${e.name}: ${c.name} ${c.status} ${c.error ?? ''}`);
  const problems = (answer.problems ?? []).filter((p) => p.cluster === clusterName);
  const used = new Set();
  for (const error of errors) {
    const want = expectation(error, objects);
    const hit = problems.findIndex((p) => p.kind === want.kind && p.namespace === want.namespace && p.resource === want.resource
      && want.reasons.includes(p.reason));
    const row = { entity: e.name, ...want, backstage: error.message, portal: hit >= 0 ? problems[hit].reason : null };
    if (hit >= 0) { used.add(hit); report.covered.push(row); } else report.missing.push(row);
  }
  problems.forEach((p, i) => {
    const own = (objects[KINDS[p.kind]] ?? []).some((o) => o.metadata.name === p.resource && o.metadata.namespace === p.namespace);
    if (!own) report.foreign.push({ entity: e.name, ...p });
    if (healthy.includes(`${p.namespace}/${p.resource}`)) report.healthyFlagged.push({ entity: e.name, ...p });
    const empty = ['cluster', 'kind', 'resource', 'namespace', 'severity', 'reason', 'message', 'suggestion'].filter((k) => !p[k]);
    if (empty.length) report.foreign.push({ entity: e.name, ...p, note: `empty fields: ${empty.join(', ')}` });
    const sameThing = report.covered.some((r) => r.entity === e.name && r.kind === p.kind && r.resource === p.resource && r.portal === p.reason);
    if (!used.has(i) && !sameThing) report.portalOnly.push({ entity: e.name, kind: p.kind, namespace: p.namespace, resource: p.resource, reason: p.reason, severity: p.severity });
  });
}

mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
writeFileSync(new URL('./out/report.json', import.meta.url), JSON.stringify(report, null, 2));
const line = (r) => `  ${r.entity}: ${r.kind} ${r.namespace}/${r.resource} ${r.type ?? ''} want [${(r.reasons ?? []).join('|')}]`
  + ` portal ${r.portal ?? '-'}${r.detail ? ` (${r.detail})` : ''}`;
console.log(`Backstage detectErrors vs portal, ${entities.length} entities, cluster ${clusterName}`);
console.log('covered:'); report.covered.forEach((r) => console.log(line(r)));
if (report.missing.length) { console.log('MISSING (Backstage detects, the portal does not):'); report.missing.forEach((r) => console.log(line(r))); }
console.log('portal-only (the portal reports, Backstage does not):');
report.portalOnly.forEach((p) => console.log(`  ${p.entity}: ${p.kind} ${p.namespace}/${p.resource} ${p.reason} (${p.severity})`));
for (const [name, rows] of [['FOREIGN or incomplete problems', report.foreign], ['HEALTHY objects flagged', report.healthyFlagged], ['CLUSTER errors', report.clusterErrors]]) {
  if (rows.length) { console.log(`${name}:`); rows.forEach((r) => console.log('  ' + (typeof r === 'string' ? r : JSON.stringify(r)))); }
}
console.log(`${report.covered.length} identical/covered, ${report.missing.length} missing, ${report.portalOnly.length} portal-only, `
  + `${report.foreign.length} foreign, ${report.healthyFlagged.length} healthy flagged`);
process.exit(report.missing.length + report.foreign.length + report.healthyFlagged.length + report.clusterErrors.length > 0 ? 1 : 0);
