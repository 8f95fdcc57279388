// A tiny Kubernetes API server for the differential check: the list endpoints the portal and Backstage's backend call, on
// their real paths, with bearer-token auth (401 as a Status object), label selectors (equality and set-based), field
// selectors on events, limit/continue paging, and list items without kind/apiVersion, as a real API server sends them.
// Usage: node fake-apiserver.mjs <port> <token>   (objects from fixtures.mjs)
import http from 'node:http';
import { buildCluster } from './fixtures.mjs';

const RESOURCES = {
  pods: { group: '', kind: 'PodList' }, services: { group: '', kind: 'ServiceList' }, events: { group: '', kind: 'EventList' },
  deployments: { group: 'apps/v1', kind: 'DeploymentList' }, replicasets: { group: 'apps/v1', kind: 'ReplicaSetList' },
  statefulsets: { group: 'apps/v1', kind: 'StatefulSetList' }, daemonsets: { group: 'apps/v1', kind: 'DaemonSetList' },
  ingresses: { group: 'networking.k8s.io/v1', kind: 'IngressList' },
  horizontalpodautoscalers: { group: 'autoscaling/v2', kind: 'HorizontalPodAutoscalerList' },
  jobs: { group: 'batch/v1', kind: 'JobList' }, cronjobs: { group: 'batch/v1', kind: 'CronJobList' },
};

/** Splits `a=b,c in (d,e)` on the commas outside parentheses. */
function terms(selector) {
  const out = [];
  let depth = 0, current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { out.push(current.trim()); current = ''; } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** A label selector as the API server reads it; throws on syntax it would refuse (400). */
export function parseSelector(selector) {
  return terms(selector ?? '').map((term) => {
    let m;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term))) {
      const values = m[3].split(',').map((v) => v.trim());
      return m[2] === 'in' ? (l) => values.includes(l[m[1]]) : (l) => !values.includes(l[m[1]]);
    }
    if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term))) {
      return m[2] === '!=' ? (l) => l[m[1]] !== m[3] : (l) => l[m[1]] === m[3];
    }
    if ((m = /^!([\w./-]+)$/.exec(term))) return (l) => !(m[1] in l);
    if ((m = /^([\w./-]+)$/.exec(term))) return (l) => m[1] in l;
    throw new Error(`unable to parse requirement: ${term}`);
  });
}

export const matches = (selector, labels) => parseSelector(selector).every((t) => t(labels ?? {}));

function fieldMatch(selector, item) {
  return terms(selector ?? '').every((term) => {
    const [path, value] = term.split('=');
    const actual = path.split('.').reduce((o, k) => o?.[k], item);
    return String(actual ?? '') === value;
  });
}

/** The objects of `resource` a list call returns (namespace null = all). */
export function list(objects, resource, namespace, labelSelector, fieldSelector) {
  return (objects[resource] ?? []).filter((o) => (!namespace || o.metadata.namespace === namespace)
    && (!labelSelector || matches(labelSelector, o.metadata.labels)) && (!fieldSelector || fieldMatch(fieldSelector, o)));
}

function route(pathname) {
  let m;
  if ((m = /^\/api\/v1(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(pathname))) return { ns: m[1], resource: m[2], core: true };
  if ((m = /^\/apis\/([^/]+\/[^/]+)(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(pathname))) return { group: m[1], ns: m[2], resource: m[3] };
  return null;
}

const status = (code, reason, message) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });

export function serve(port, token, objects = buildCluster().objects) {
  const calls = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const send = (code, body) => { res.writeHead(code, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
    calls.set(url.pathname, (calls.get(url.pathname) ?? 0) + 1);
    if (url.pathname === '/_calls') return send(200, Object.fromEntries(calls));
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, status(401, 'Unauthorized', 'Unauthorized'));
    if (url.pathname === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
    if (url.pathname === '/version') return send(200, { major: '1', minor: '31', gitVersion: 'v1.31.0' });
    const r = route(url.pathname);
    const def = r && RESOURCES[r.resource];
    if (!def || (r.core ? def.group !== '' : def.group !== r.group)) {
      return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    }
    let items;
    try {
      items = list(objects, r.resource, r.ns, url.searchParams.get('labelSelector'), url.searchParams.get('fieldSelector'));
    } catch (e) {
      return send(400, status(400, 'BadRequest', e.message));
    }
    const limit = Number(url.searchParams.get('limit') ?? 0);
    const offset = url.searchParams.get('continue') ? Number(Buffer.from(url.searchParams.get('continue'), 'base64').toString()) : 0;
    const page = limit > 0 ? items.slice(offset, offset + limit) : items.slice(offset);
    const next = limit > 0 && offset + limit < items.length ? Buffer.from(String(offset + limit)).toString('base64') : undefined;
    return send(200, { kind: def.kind, apiVersion: def.group || 'v1',
      metadata: { resourceVersion: '424242', ...(next ? { continue: next, remainingItemCount: items.length - offset - limit } : {}) },
      // A real API server strips kind and apiVersion from list items.
      items: page.map(({ kind, apiVersion, ...rest }) => rest) });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, calls })));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [port, token] = process.argv.slice(2);
  await serve(Number(port), token);
  console.log(`fake Kubernetes API on http://127.0.0.1:${port}`);
}
