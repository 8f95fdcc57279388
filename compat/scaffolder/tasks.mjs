// Records the task API of real Backstage (or of the portal) for the probe templates in probes/: every answer is written
// to out/tasks/<server>/<name>.json and summarised on stdout. Start the server with the probes in its catalog first:
//   node backend.mjs 7917 probes/catalog-info.yaml      then    node tasks.mjs http://127.0.0.1:7917 [backstage|portal]
// Token: BACKSTAGE_TOKEN (default the compat token of backend.mjs) or, for `portal`, PORTAL_TOKEN.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [base, side = 'backstage'] = process.argv.slice(2);
if (!base) { console.error('usage: node tasks.mjs <url> [backstage|portal]'); process.exit(2); }
const token = side === 'portal' ? process.env.PORTAL_TOKEN : (process.env.BACKSTAGE_TOKEN || 'compat-token-0123456789');
const out = join(here, 'out', 'tasks', side);
mkdirSync(out, { recursive: true });
const api = p => new URL(`/api/scaffolder${p}`, base);
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function call(name, method, path, body) {
  const res = await fetch(api(path), { method, headers, body: body && JSON.stringify(body) });
  const text = await res.text();
  let json; try { json = JSON.parse(text); } catch { json = text; }
  writeFileSync(join(out, `${name}.json`), JSON.stringify({ method, path, request: body, status: res.status, body: json }, null, 2));
  const gist = json?.error ? `${json.error.name}: ${json.error.message}` : JSON.stringify(json).slice(0, 160);
  console.log(`${name}: ${method} ${path} -> ${res.status} ${gist}`);
  return { status: res.status, body: json };
}

// Server-sent events until the server ends the stream (it does after a `completion`), or `ms` pass.
async function sse(name, path, ms = 20000) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), ms);
  const res = await fetch(api(path), { headers, signal: ctrl.signal });
  let raw = '';
  try { for await (const chunk of res.body) raw += Buffer.from(chunk).toString(); } catch { /* aborted */ }
  clearTimeout(timer);
  writeFileSync(join(out, `${name}.txt`), `HTTP ${res.status}\n${[...res.headers].map(h => h.join(': ')).join('\n')}\n\n${raw}`);
  const frames = raw.split('\n\n').filter(Boolean);
  console.log(`${name}: GET ${path} -> ${res.status} ${res.headers.get('content-type')}, ${frames.length} frames; first: ${JSON.stringify(frames[0]).slice(0, 200)}`);
  return frames;
}

async function waitDone(id) {
  for (let i = 0; i < 60; i++) {
    const r = await fetch(api(`/v2/tasks/${id}`), { headers }).then(x => x.json());
    if (['completed', 'failed', 'cancelled'].includes(r.status)) return r.status;
    await sleep(500);
  }
  return 'timeout';
}

for (let i = 0; i < 60; i++) {
  const r = await fetch(api('/v2/templates/default/template/probe-steps/parameter-schema'), { headers });
  if (r.ok) break;
  await sleep(2000);
}
await call('parameter-schema', 'GET', '/v2/templates/default/template/probe-steps/parameter-schema');
await call('parameter-schema-object', 'GET', '/v2/templates/default/template/probe-wait/parameter-schema');
await call('parameter-schema-missing', 'GET', '/v2/templates/default/template/nope/parameter-schema');
await call('parameter-schema-wrong-kind', 'GET', '/v2/templates/default/component/nope/parameter-schema');
const actions = await call('actions', 'GET', '/v2/actions');
if (Array.isArray(actions.body)) console.log(`  actions: ${actions.body.length}, keys ${[...new Set(actions.body.flatMap(a => Object.keys(a)))].join(',')}`);

const values = JSON.parse(readFileSync(join(here, 'cases/probe-steps/values.json'), 'utf8'));
const secrets = JSON.parse(readFileSync(join(here, 'cases/probe-steps/secrets.json'), 'utf8'));
const created = await call('create', 'POST', '/v2/tasks', { templateRef: 'template:default/probe-steps', values, secrets });
const id = created.body.id;
await call('get-open', 'GET', `/v2/tasks/${id}`);
await sse('eventstream', `/v2/tasks/${id}/eventstream`);
console.log(`  final status: ${await waitDone(id)}`);
const all = await call('events', 'GET', `/v2/tasks/${id}/events`);
if (Array.isArray(all.body)) {
  const mid = all.body[Math.floor(all.body.length / 2)].id;
  await call('events-after', 'GET', `/v2/tasks/${id}/events?after=${mid}`);
  const last = all.body[all.body.length - 1].id;
  await call('events-after-last', 'GET', `/v2/tasks/${id}/events?after=${last}`);
}
await sse('eventstream-after', `/v2/tasks/${id}/eventstream?after=${all.body?.[3]?.id ?? 0}`);
await call('get-done', 'GET', `/v2/tasks/${id}`);
await call('list', 'GET', '/v2/tasks');
await call('list-createdBy', 'GET', '/v2/tasks?createdBy=user:default/nobody');
await call('list-status', 'GET', '/v2/tasks?status=completed&limit=1&offset=0&order=desc:created_at');
await call('list-bad-order', 'GET', '/v2/tasks?order=sideways:created_at');

const failing = await call('create-fail', 'POST', '/v2/tasks', { templateRef: 'template:default/probe-fail', values: {} });
console.log(`  final status: ${await waitDone(failing.body.id)}`);
await call('events-fail', 'GET', `/v2/tasks/${failing.body.id}/events`);
await call('get-fail', 'GET', `/v2/tasks/${failing.body.id}`);

const quick = await call('create-complete', 'POST', '/v2/tasks', { templateRef: 'template:default/probe-wait', values: { seconds: 1 } });
console.log(`  final status: ${await waitDone(quick.body.id)}`);
await call('events-complete', 'GET', `/v2/tasks/${quick.body.id}/events`);
await call('get-complete', 'GET', `/v2/tasks/${quick.body.id}`);

const waiting = await call('create-wait', 'POST', '/v2/tasks', { templateRef: 'template:default/probe-wait', values: { seconds: 4 } });
await sleep(1500);
await call('cancel', 'POST', `/v2/tasks/${waiting.body.id}/cancel`);
await call('get-cancelling', 'GET', `/v2/tasks/${waiting.body.id}`);
console.log(`  final status: ${await waitDone(waiting.body.id)}`);
await sleep(1500);
await call('events-cancel', 'GET', `/v2/tasks/${waiting.body.id}/events`);
await call('get-cancelled', 'GET', `/v2/tasks/${waiting.body.id}`);
await call('cancel-again', 'POST', `/v2/tasks/${waiting.body.id}/cancel`);

await call('create-missing-template', 'POST', '/v2/tasks', { templateRef: 'template:default/nope', values: {} });
await call('create-wrong-kind', 'POST', '/v2/tasks', { templateRef: 'component:default/nope', values: {} });
await call('create-bad-values', 'POST', '/v2/tasks', { templateRef: 'template:default/probe-steps', values: { name: 'UPPER' } });
await call('create-no-values', 'POST', '/v2/tasks', { templateRef: 'template:default/probe-steps' });
await call('get-missing', 'GET', '/v2/tasks/00000000-0000-0000-0000-000000000000');
await call('get-not-uuid', 'GET', '/v2/tasks/not-a-uuid');
await call('cancel-missing', 'POST', '/v2/tasks/00000000-0000-0000-0000-000000000000/cancel');
