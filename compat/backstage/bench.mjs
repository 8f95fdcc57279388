// The HTTP driver of bench.sh: the same code measures Backstage and the portal, one server at a time.
//   node bench.mjs measure <name> <base url> <token> <pid> <started ms> <expected count> <entities> <out.json> [db pid]
//     waits until the entity count equals <expected count> and stays there, then p50/p95 of the requests below and
//     the server's resident memory (VmRSS of <pid>; with [db pid], the proportional memory of that PostgreSQL server
//     and its children too, since Backstage's SQLite lives inside its own process).
//   node bench.mjs report <entities> <out.md> <result.json>...   one column per result, ratios to the first.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const iterations = Number(process.env.ITERATIONS ?? 200);

function call(base, token, { method = 'GET', path, body }) {
  return new Promise((resolve, reject) => {
    const url = new URL('/api/catalog' + path, base);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(url, {
      method, agent,
      headers: { Authorization: `Bearer ${token}`, ...(payload ? { 'Content-Type': 'application/json' } : {}) },
    }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

// Deterministic names for by-name and by-refs, so both servers are asked for the same entities.
function seeded(seed) {
  return () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
}

// The generator's component count (CatalogGenerator.cs): what is left after the other kinds' shares of 10,000.
function componentCount(n) {
  const s = n / 10000;
  return n - [50, 1500, 100, 500, 1500, 1000].reduce((sum, per) => sum + Math.floor(per * s), 0);
}

function requests(entities) {
  const components = componentCount(entities);
  const random = seeded(7);
  const component = () => `component-${Math.floor(random() * components)}`;
  return [
    ['by-query kind=component limit 20', () => ({ path: '/entities/by-query?filter=kind=component&limit=20' })],
    ['by-query full text (metadata.name, component-12)',
      () => ({ path: '/entities/by-query?fullTextFilterTerm=component-12&fullTextFilterFields=metadata.name&limit=20' })],
    ['legacy list GET /entities kind=component, fields=metadata.name',
      () => ({ path: '/entities?filter=kind=component&fields=metadata.name' })],
    ['entity-facets spec.type', () => ({ path: '/entity-facets?facet=spec.type' })],
    ['by-name (random component)', () => ({ path: `/entities/by-name/component/default/${component()}` })],
    ['POST by-refs, 20 refs', () => ({
      method: 'POST', path: '/entities/by-refs',
      body: { entityRefs: Array.from({ length: 20 }, () => `component:default/${component()}`) },
    })],
  ];
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function count(base, token) {
  try {
    const r = await call(base, token, { path: '/entities/by-query?limit=1' });
    // Only a 200 counts as answering: anything else may be another server on the port, or a 503 while starting.
    return { answered: r.status === 200, n: r.status === 200 ? JSON.parse(r.body).totalItems : -1 };
  } catch {
    return { answered: false, n: -1 };
  }
}

function rssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(l => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

// PostgreSQL's memory: the postmaster and its children, proportional set size (shared buffers counted once in total).
function pssMb(rootPid) {
  if (!rootPid) return null;
  const pids = [rootPid, ...readdirSync('/proc').filter(p => /^\d+$/.test(p)).filter(p => {
    try { return readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(rootPid); } catch { return false; }
  })];
  let kb = 0;
  for (const p of pids) {
    try { kb += Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))[1]); } catch { /* exited */ }
  }
  return kb / 1024;
}

async function measure([name, base, token, pid, startedArg, expectedArg, entitiesArg, out, dbPid]) {
  const started = Number(startedArg), expected = Number(expectedArg), entities = Number(entitiesArg);
  let ready = null, reached = null, last = -1;
  const deadline = Date.now() + 30 * 60 * 1000;
  // Ingested = the count equals the expected total; then it must stay there for three more polls a second apart.
  for (;;) {
    if (Date.now() > deadline) throw new Error(`${name}: count ${last}, expected ${expected}, after 30 minutes`);
    const c = await count(base, token);
    if (c.answered && ready === null) ready = Date.now();
    if (c.n !== last) console.error(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s, ${c.n} entities`);
    last = c.n;
    if (c.n === expected) {
      reached ??= Date.now();
      let stable = true;
      for (let i = 0; i < 3 && stable; i++) { await sleep(1000); stable = (await count(base, token)).n === expected; }
      if (stable) break;
      reached = null;
    } else {
      reached = null;
      await sleep(100);
    }
  }
  const result = {
    name, entities, expected,
    readySeconds: (ready - started) / 1000, ingestSeconds: (reached - started) / 1000,
    rssAfterIngest: rssMb(pid), dbAfterIngest: pssMb(dbPid), requests: [],
  };
  console.error(`${name}: ingested after ${result.ingestSeconds.toFixed(1)} s, ${result.rssAfterIngest.toFixed(0)} MB`);
  for (const [label, make] of requests(entities)) {
    // Warm-up: at least 30 calls and two seconds (.NET recompiles hot methods after ~30 calls; V8 optimises too).
    const warm = Date.now();
    for (let i = 0; i < 30 || Date.now() - warm < 2000; i++) {
      const r = await call(base, token, make());
      if (r.status !== 200) throw new Error(`${name} ${label}: ${r.status} ${r.body.toString().slice(0, 300)}`);
    }
    const times = [];
    let bytes = 0;
    for (let i = 0; i < iterations; i++) {
      const t = process.hrtime.bigint();
      const r = await call(base, token, make());
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (r.status !== 200) throw new Error(`${name} ${label}: ${r.status}`);
      bytes = r.body.length;
    }
    times.sort((a, b) => a - b);
    const row = { label, n: iterations, p50: times[Math.floor(times.length / 2)], p95: times[Math.ceil(times.length * 0.95) - 1], max: times.at(-1), bytes };
    console.error(`${name}: ${label}: p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms (${bytes} bytes)`);
    result.requests.push(row);
  }
  result.rssAfterQueries = rssMb(pid);
  result.dbAfterQueries = pssMb(dbPid);
  writeFileSync(out, JSON.stringify(result, null, 2));
}

function report([entitiesArg, out, ...files]) {
  const results = files.map(f => JSON.parse(readFileSync(f, 'utf8')));
  const [first] = results;
  const two = results.length === 2;
  const f1 = x => (x === null || x === undefined ? '–' : x.toFixed(1));
  const mb = x => (x === null || x === undefined ? '–' : `${x.toFixed(0)} MB`);
  // Times: first ÷ other (how many times faster); memory: other ÷ first.
  const faster = (a, b) => (two && a && b ? `${(a / b).toFixed(1)}×` : '');
  const share = (a, b) => (two && a && b ? `${(b / a).toFixed(2)}` : '');
  const head = ['', ...results.map(r => r.name)];
  const lines = [
    `## ${results.map(r => r.name).join(' vs ')}: ${Number(entitiesArg).toLocaleString('en')} generated entities (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `Expected entity count ${first.expected} (the generated entities, the catalog's root Location and the generated Location of the configured location). ${iterations} calls per request after a warm-up of ≥30 calls and ≥2 s; times in ms as p50 / p95 (max).`,
    '',
    `| ${head.join(' | ')} |${two ? ' ratio |' : ''}`,
    `|${head.map(() => '---').join('|')}|${two ? '---|' : ''}`,
    `| process start → first answer (s) | ${results.map(r => f1(r.readySeconds)).join(' | ')} |${two ? ' |' : ''}`,
    `| process start → count stable at ${first.expected} (s) | ${results.map(r => f1(r.ingestSeconds)).join(' | ')} |${two ? ` ${faster(first.ingestSeconds, results[1].ingestSeconds)} faster |` : ''}`,
  ];
  first.requests.forEach((q, i) => {
    const cells = results.map(r => r.requests[i]).map(x => `${x.p50.toFixed(1)} / **${x.p95.toFixed(1)}** (${x.max.toFixed(0)})`);
    lines.push(`| ${q.label} [${results.map(r => r.requests[i].bytes).join(' / ')} bytes] | ${cells.join(' | ')} |${two ? ` p95 ${faster(q.p95, results[1].requests[i].p95)} faster |` : ''}`);
  });
  lines.push(`| server RSS after ingestion | ${results.map(r => mb(r.rssAfterIngest)).join(' | ')} |${two ? ` ${share(first.rssAfterIngest, results[1].rssAfterIngest)} of ${first.name} |` : ''}`);
  lines.push(`| server RSS after the queries | ${results.map(r => mb(r.rssAfterQueries)).join(' | ')} |${two ? ` ${share(first.rssAfterQueries, results[1].rssAfterQueries)} of ${first.name} |` : ''}`);
  if (results.some(r => r.dbAfterIngest)) {
    lines.push(`| PostgreSQL (sum of PSS) after ingestion / after the queries | ${results.map(r => (r.dbAfterIngest ? `${mb(r.dbAfterIngest)} / ${mb(r.dbAfterQueries)}` : 'in process')).join(' | ')} |${two ? ' |' : ''}`);
  }
  const text = lines.join('\n') + '\n';
  writeFileSync(out, text);
  console.log(text);
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'measure') await measure(rest);
else if (mode === 'report') report(rest);
else { console.error('usage: node bench.mjs measure|report …'); process.exit(2); }
