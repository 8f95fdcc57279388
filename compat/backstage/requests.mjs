// Sends the same catalog requests to the real Backstage backend and to the portal, normalises both answers and prints
// one line per request: `identical` or `different` with the first differing lines. Ends with `N identical, N different`.
// Usage: node requests.mjs <backstage base url> <portal base url> <token> <catalog dir>
import { writeFileSync } from 'node:fs';
import { CatalogClient } from '@backstage/catalog-client';
import { normalise, firstDifference, sortEntities, sortTies, forgiveIntended } from './normalise.mjs';

const [backstageUrl, portalUrl, token, catalogDir] = process.argv.slice(2);
const servers = { backstage: backstageUrl, portal: portalUrl };
const auth = { Authorization: `Bearer ${token}` };
let identical = 0;
let different = 0;

async function call(base, method, path, body) {
  const init = { method, headers: { ...auth } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(`${base}/api/catalog${path}`, init);
  const text = await res.text();
  let json;
  try { json = text ? JSON.parse(text) : null; } catch { json = { unparsedBody: text.slice(0, 200) }; }
  return { status: res.status, body: json };
}

function report(name, a, b) {
  const diff = firstDifference(a, b);
  if (!diff) { identical++; console.log(`identical  ${name}`); return; }
  different++;
  console.log(`different  ${name}`);
  for (const line of diff) console.log(`    ${line}`);
  // COMPAT_DUMP_DIR=<dir>: both whole answers of every difference, for reading beyond the first differing lines.
  if (process.env.COMPAT_DUMP_DIR) {
    const file = `${process.env.COMPAT_DUMP_DIR}/${String(different).padStart(3, '0')}-${name.replace(/[^a-z0-9]+/gi, '_').slice(0, 80)}`;
    writeFileSync(`${file}.backstage.json`, JSON.stringify(a, null, 1));
    writeFileSync(`${file}.portal.json`, JSON.stringify(b, null, 1));
  }
}

// One request, sent to both; `unordered` sorts entity lists whose order Backstage does not promise.
// `ties` sorts entities with equal values of that order field (Backstage orders those by random uid); `random` compares
// only how many items came back (a page of a uid-ordered list holds a random selection); `intended` forgives exactly
// the listed intended differences (compat README).
async function compare(name, method, path, body, { unordered = false, ties, random = false, intended } = {}) {
  const answers = [];
  for (const base of Object.values(servers)) {
    try {
      const r = await call(base, method, path, body);
      if (unordered && Array.isArray(r.body)) r.body = sortEntities(r.body);
      if (unordered && Array.isArray(r.body?.items)) r.body.items = sortEntities(r.body.items);
      if (ties && Array.isArray(r.body?.items)) r.body.items = sortTies(r.body.items, ties);
      if (random && Array.isArray(r.body?.items)) r.body.items = `${r.body.items.length} items`;
      answers.push(forgiveIntended(intended, normalise(r, catalogDir)));
    } catch (e) { answers.push({ thrown: String(e) }); }
  }
  report(`${method} ${path}${body !== undefined ? ' ' + JSON.stringify(body).slice(0, 80) : ''}`, ...answers);
}

// A sequence where each server follows its own (opaque) cursors; the pages' items and cursor presence are compared.
async function compareSequence(name, steps) {
  const answers = [];
  for (const base of Object.values(servers)) {
    try { answers.push(normalise(await steps(base), catalogDir)); } catch (e) { answers.push({ thrown: String(e) }); }
  }
  report(name, ...answers);
}
const cursorShape = r => ({ ...r, body: r.body && { ...r.body, pageInfo: Object.fromEntries(Object.entries(r.body.pageInfo ?? {}).map(([k, v]) => [k, v ? '<cursor>' : v])) } });

const e = encodeURIComponent;
console.log('--- REST');
// Which entities each side holds, as sorted refs: the first thing to agree on, and the clearest line when it does not.
{
  const refs = async base => {
    const r = await call(base, 'GET', '/entities?fields=kind,metadata.namespace,metadata.name');
    return Array.isArray(r.body) ? r.body.map(x => `${x.kind}:${x.metadata.namespace}/${x.metadata.name}`.toLowerCase()) : [];
  };
  const [b, p] = [await refs(backstageUrl), await refs(portalUrl)];
  const onlyB = b.filter(x => !p.includes(x)).sort();
  const onlyP = p.filter(x => !b.includes(x)).sort();
  if (onlyB.length + onlyP.length === 0 && b.length === p.length) { identical++; console.log(`identical  entity refs (${b.length})`); }
  else {
    different++;
    console.log(`different  entity refs (B ${b.length}, P ${p.length})`);
    for (const x of onlyB) console.log(`    B only ${x}`);
    for (const x of onlyP) console.log(`    P only ${x}`);
  }
}
await compare('all', 'GET', '/entities', undefined, { unordered: true });
for (const f of ['kind=component', 'kind=Component,spec.type=service', 'kind=user&filter=kind=group', 'metadata.tags=java',
  'metadata.tags.java', 'spec.owner', 'relations.ownedBy=group:default/team-pay', 'relations.hasMember=user:default/ada',
  'relations.partOf', 'metadata.namespace=finance', 'kind=component,metadata.name=checkout-api', 'spec.type=SERVICE',
  'metadata.annotations.github.com/project-slug=example/checkout', 'metadata.labels.tier=gold', 'kind=nosuchkind']) {
  const q = f.split('&filter=').map(x => `filter=${e(x)}`).join('&');
  await compare('filter', 'GET', `/entities?${q}`, undefined, { unordered: true });
}
await compare('fields', 'GET', `/entities?filter=kind=component&fields=metadata.name,spec.owner`, undefined, { unordered: true });
await compare('fields relations', 'GET', `/entities?filter=kind=component&fields=kind,relations`, undefined, { unordered: true });
await compare('order', 'GET', `/entities?order=asc:metadata.name&fields=metadata.name`);
await compare('order desc', 'GET', `/entities?filter=kind=component&order=desc:metadata.name&fields=metadata.name,kind`);
await compare('offset/limit', 'GET', `/entities?order=asc:metadata.name&fields=metadata.name&offset=2&limit=3`);
await compare('after', 'GET', `/entities?fields=metadata.name&limit=2`);

for (const q of ['', 'limit=3', 'filter=kind=component&limit=2', 'orderField=metadata.name,desc&limit=4',
  'orderField=metadata.name,asc&fields=metadata.name', 'fullTextFilterTerm=check', 'fullTextFilterTerm=CHECK&fullTextFilterFields=metadata.name',
  'filter=kind=component&totalItems=true', 'limit=0', 'orderField=spec.type,asc&filter=kind=component&fields=metadata.name,spec.type']) {
  await compare('by-query', 'GET', `/entities/by-query${q ? '?' + q : ''}`, undefined, {
    unordered: !q.includes('orderField'), random: /limit=[1-9]/.test(q) && !q.includes('orderField'), ties: q.match(/orderField=([^,&]+)/)?.[1] });
}
await compareSequence('by-query cursor next then prev', async base => {
  const first = await call(base, 'GET', '/entities/by-query?limit=3&orderField=metadata.name,asc&fields=metadata.name');
  const next = first.body?.pageInfo?.nextCursor ? await call(base, 'GET', `/entities/by-query?cursor=${e(first.body.pageInfo.nextCursor)}`) : null;
  const prev = next?.body?.pageInfo?.prevCursor ? await call(base, 'GET', `/entities/by-query?cursor=${e(next.body.pageInfo.prevCursor)}`) : null;
  // Entities with the same name (API and Component `petstore` in Backstage's examples) come in uid order, i.e. at random.
  for (const page of [first, next, prev]) if (Array.isArray(page?.body?.items)) page.body.items = sortTies(page.body.items, 'metadata.name');
  return [first, next, prev].map(x => x && cursorShape(x));
});
await compare('by-query bad cursor', 'GET', '/entities/by-query?cursor=not-a-cursor', undefined, { intended: 'parser-detail' });

for (const f of ['kind', 'spec.type', 'relations.ownedBy', 'metadata.tags', 'metadata.namespace', 'spec.lifecycle']) {
  await compare('facets', 'GET', `/entity-facets?facet=${e(f)}`);
}
await compare('facets filtered', 'GET', `/entity-facets?facet=spec.type&filter=kind=component`);

await compare('by-refs', 'POST', '/entities/by-refs', { entityRefs: ['component:default/checkout-api', 'component:default/missing', 'component:default/checkout-api', 'group:default/team-pay'] });
await compare('by-refs fields', 'POST', '/entities/by-refs?fields=metadata.name', { entityRefs: ['api:checkout-rest', 'user:default/ada'] });
await compare('by-refs body fields', 'POST', '/entities/by-refs', { entityRefs: ['component:default/checkout-api', 'checkout-api', 'COMPONENT:DEFAULT/CHECKOUT-API'], fields: ['kind', 'metadata.name'] });
await compare('analyze url', 'POST', '/analyze-location', { location: { type: 'url', target: 'https://github.com/example/checkout/blob/main/catalog-info.yaml' } });
await compare('by-refs bad', 'POST', '/entities/by-refs', { refs: [] });

await compare('by-name', 'GET', '/entities/by-name/component/default/checkout-api');
await compare('by-name ns', 'GET', '/entities/by-name/component/finance/ledger');
await compare('by-name missing', 'GET', '/entities/by-name/component/default/nope');
await compare('ancestry', 'GET', '/entities/by-name/component/default/deep-worker/ancestry');
await compare('ancestry missing', 'GET', '/entities/by-name/component/default/nope/ancestry');

await compare('locations', 'GET', '/locations', undefined, { unordered: true });
await compare('location missing', 'GET', '/locations/00000000-0000-0000-0000-000000000000');
await compare('location by entity', 'GET', '/locations/by-entity/component/default/checkout-api');

const good = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' }, spec: { type: 'service', lifecycle: 'production', owner: 'me' } };
await compare('validate good', 'POST', '/validate-entity', { location: 'url:https://example.com/x.yaml', entity: good });
await compare('validate bad', 'POST', '/validate-entity', { location: 'url:https://example.com/x.yaml', entity: { ...good, metadata: { name: 'bad name!' } } }, { intended: 'validation-errors' });
await compare('validate no location', 'POST', '/validate-entity', { entity: good });
await compare('refresh', 'POST', '/refresh', { entityRef: 'component:default/checkout-api' });
await compare('refresh missing', 'POST', '/refresh', { entityRef: 'component:default/nope' });
await compare('bad filter', 'GET', '/entities?filter=');
await compare('bad order', 'GET', '/entities?order=sideways:metadata.name');
await compare('bad limit', 'GET', '/entities/by-query?limit=-1');
await compare('bad json', 'POST', '/entities/by-refs', '{not json', { intended: 'error-message' });
await compare('bad location type', 'POST', '/locations?dryRun=true', { type: 'nope', target: 'x' }, { intended: 'error-message' });
// Filter predicates (POST by-query and entity-facets, catalog-client's *ByPredicate methods) and updateLocation.
const nameField = { fields: ['kind', 'metadata.name', 'metadata.namespace'] };
const byName = { orderBy: [{ field: 'metadata.name', order: 'asc' }] };
for (const [query, extra] of [
  [{ kind: 'component' }, nameField],
  [{ kind: 'Component', 'spec.type': 'SERVICE' }, nameField],
  [{ $all: [{ kind: 'component' }, { $not: { 'spec.type': 'service' } }] }, nameField],
  [{ $any: [{ kind: 'user' }, { $all: [{ kind: 'group' }, { 'metadata.namespace': 'default' }] }] }, { ...nameField, ...byName }],
  [{ $not: { $any: [{ kind: 'component' }, { kind: 'api' }] } }, { ...nameField, orderBy: [{ field: 'metadata.name', order: 'desc' }] }],
  [{ 'spec.type': { $in: ['service', 'WEBSITE', 'openapi'] } }, nameField],
  [{ $not: { 'spec.type': { $in: ['service', 'website'] } } }, nameField],
  [{ $not: { 'spec.lifecycle': 'production' } }, nameField],
  [{ $not: { 'spec.type': { $hasPrefix: 'serv' } } }, nameField],
  [{ 'metadata.tags': { $exists: true } }, nameField],
  [{ kind: 'component', 'spec.system': { $exists: false } }, nameField],
  [{ 'metadata.tags': 'java' }, nameField],
  [{ 'metadata.tags': { $contains: 'java' } }, nameField],
  [{ 'metadata.tags.java': true }, nameField],
  [{ 'relations.ownedBy': 'group:default/team-pay' }, nameField],
  [{ relations: { $contains: { type: 'ownedBy', targetRef: { $in: ['group:default/team-pay', 'GROUP:DEFAULT/NOPE'] } } } }, nameField],
  [{ relations: { $contains: { type: 'dependsOn' } } }, nameField],
  [{ 'metadata.name': { $hasPrefix: 'CHECK' } }, nameField],
  [{ 'metadata.labels.tier': 'gold' }, nameField],
  [{ $any: [] }, nameField],
  [{}, { ...nameField, limit: 0 }],
  [{ kind: 'component' }, { ...nameField, fullTextFilter: { term: 'check', fields: ['metadata.name'] } }],
  [{ kind: 'component' }, { ...nameField, totalItems: 'exclude', ...byName }],
  [{ kind: 'component' }, { ...nameField, offset: 1, limit: 2, ...byName }],
  [undefined, { ...nameField, orderBy: [{ field: 'spec.type', order: 'asc' }] }],
]) {
  const body = { ...(query !== undefined && { query }), ...extra };
  const order = body.orderBy?.[0]?.field;
  await compare('by-query predicate', 'POST', '/entities/by-query', body, { unordered: !order, ties: order });
}
await compareSequence('by-query predicate cursor next then prev', async base => {
  const ask = body => call(base, 'POST', '/entities/by-query', body);
  const first = await ask({ query: { $any: [{ kind: 'component' }, { kind: 'api' }] }, limit: 3, ...byName, fields: ['kind', 'metadata.name'] });
  const next = first.body?.pageInfo?.nextCursor ? await ask({ cursor: first.body.pageInfo.nextCursor, limit: 3, fields: ['kind', 'metadata.name'] }) : null;
  const prev = next?.body?.pageInfo?.prevCursor ? await ask({ cursor: next.body.pageInfo.prevCursor, limit: 3, fields: ['kind', 'metadata.name'] }) : null;
  for (const page of [first, next, prev]) if (Array.isArray(page?.body?.items)) page.body.items = sortTies(page.body.items, 'metadata.name');
  return [first, next, prev].map(x => x && cursorShape(x));
});
for (const body of [{ query: { $foo: 1 } }, { query: { kind: 'a', $all: [] } }, { query: { $all: 'x' } }, { query: { $not: 5 } },
  { query: { 'metadata.tags': { $contains: { a: 'b' } } } }, { query: { relations: { $contains: { targetRef: 'x' } } } },
  { query: { relations: { $contains: { type: 'ownedBy', targetRef: { $in: [] } } } } }, { query: 'x' }, { totalItems: 'sometimes' },
  { orderBy: [{ field: 'metadata.name', order: 'up' }] }, { cursor: '' }, { fields: ['metadata.tags[0]'] }]) {
  await compare('by-query predicate bad', 'POST', '/entities/by-query', body);
}
await compare('by-query predicate bad nested', 'POST', '/entities/by-query', { query: { kind: { $bad: 1 } } }, { intended: 'predicate-detail' });
const refsWithQuery = ['component:default/checkout-api', 'user:default/ada', 'component:default/missing', 'group:default/team-pay'];
await compare('by-refs predicate', 'POST', '/entities/by-refs', { entityRefs: refsWithQuery, query: { $any: [{ kind: 'user' }, { 'spec.type': 'service' }] }, fields: ['metadata.name'] });
await compare('by-refs predicate + filter', 'POST', '/entities/by-refs?filter=kind=component', { entityRefs: refsWithQuery, query: { $not: { kind: 'user' } }, fields: ['metadata.name'] });
await compare('by-refs predicate bad', 'POST', '/entities/by-refs', { entityRefs: refsWithQuery, query: { $foo: 1 } });
await compare('by-refs predicate bad contains', 'POST', '/entities/by-refs', { entityRefs: refsWithQuery, query: { 'metadata.tags': { $contains: { a: 1 } } } });
await compare('facets predicate', 'POST', '/entity-facets', { facets: ['spec.type', 'relations.ownedBy', 'kind'], query: { $not: { kind: 'user' } } });
await compare('facets predicate tags', 'POST', '/entity-facets', { facets: ['metadata.tags'], query: { 'metadata.tags': { $exists: true } } });
await compare('facets predicate none', 'POST', '/entity-facets', { facets: ['kind'] });
for (const body of [{ facets: [] }, { facets: [''] }, {}, { facets: ['kind'], query: { $nope: 1 } }]) {
  await compare('facets predicate bad', 'POST', '/entity-facets', body);
}
await compare('facets predicate bad nested', 'POST', '/entity-facets', { facets: ['kind'], query: { $nope: [] } }, { intended: 'predicate-detail' });
await compare('update location missing', 'PUT', '/locations/00000000-0000-0000-0000-000000000000', { type: 'file', target: `${catalogDir}/x.yaml` });
await compare('update location no target', 'PUT', '/locations/00000000-0000-0000-0000-000000000000', { type: 'file' });
await compare('update location bad type', 'PUT', '/locations/00000000-0000-0000-0000-000000000000', { type: 'nope', target: 'x' }, { intended: 'error-message' });
await compare('no such route', 'GET', '/nope');

console.log('--- @backstage/catalog-client');
const clients = Object.fromEntries(Object.entries(servers).map(([k, base]) =>
  [k, new CatalogClient({ discoveryApi: { getBaseUrl: async () => `${base}/api/catalog` } })]));
async function viaClient(name, fn, { unordered = false, intended } = {}) {
  const answers = [];
  for (const client of Object.values(clients)) {
    try {
      let v = await fn(client, { token });
      if (unordered && Array.isArray(v?.items)) v = { ...v, items: sortEntities(v.items) };
      answers.push(forgiveIntended(intended, normalise({ value: v ?? null }, catalogDir)));
    } catch (err) { answers.push({ thrown: `${err?.name}: ${err?.message}`.slice(0, 300) }); }
  }
  report(`client.${name}`, ...answers);
}
await viaClient('getEntities', (c, o) => c.getEntities({ filter: { kind: 'Component' } }, o), { unordered: true });
await viaClient('getEntities order', (c, o) => c.getEntities({ order: { field: 'metadata.name', order: 'asc' }, fields: ['metadata.name'] }, o));
await viaClient('getEntitiesByRefs', (c, o) => c.getEntitiesByRefs({ entityRefs: ['component:default/checkout-api', 'component:default/nope'] }, o));
await viaClient('queryEntities', (c, o) => c.queryEntities({ filter: { kind: 'Component' }, limit: 2, orderFields: { field: 'metadata.name', order: 'asc' } }, o).then(r => ({ ...r, pageInfo: { nextCursor: !!r.pageInfo.nextCursor, prevCursor: !!r.pageInfo.prevCursor } })));
await viaClient('queryEntities fullText', (c, o) => c.queryEntities({ fullTextFilter: { term: 'checkout' } }, o).then(r => ({ ...r, pageInfo: null })), { unordered: true });
await viaClient('streamEntities', async (c, o) => {
  const all = [];
  for await (const page of c.streamEntities({ filter: { kind: 'Component' }, pageSize: 2 }, o)) all.push(...page);
  return { items: all };
}, { unordered: true });
await viaClient('getEntityAncestors', (c, o) => c.getEntityAncestors({ entityRef: 'component:default/deep-worker' }, o));
await viaClient('getEntityByRef', (c, o) => c.getEntityByRef('component:default/checkout-api', o));
await viaClient('getEntityByRef missing', (c, o) => c.getEntityByRef('component:default/nope', o));
await viaClient('getEntityFacets', (c, o) => c.getEntityFacets({ facets: ['kind', 'relations.ownedBy'] }, o));
await viaClient('getLocations', (c, o) => c.getLocations({}, o), { unordered: true });
await viaClient('queryLocations', (c, o) => c.queryLocations ? c.queryLocations({ limit: 10 }, o) : 'n/a');
await viaClient('getLocationByEntity', (c, o) => c.getLocationByEntity('component:default/checkout-api', o));
await viaClient('getLocationById missing', (c, o) => c.getLocationById('00000000-0000-0000-0000-000000000000', o));
await viaClient('getLocationByRef', (c, o) => c.getLocationByRef(`file:${catalogDir}/catalog-info.yaml`, o));
await viaClient('validateEntity good', (c, o) => c.validateEntity(good, 'url:https://example.com/x.yaml', o));
await viaClient('validateEntity bad', (c, o) => c.validateEntity({ ...good, kind: '' }, 'url:https://example.com/x.yaml', o), { intended: 'validation-errors' });
await viaClient('analyzeLocation', (c, o) => c.analyzeLocation({ location: { type: 'file', target: `${catalogDir}/catalog-info.yaml` } }, o));
await viaClient('addLocation dryRun', (c, o) => c.addLocation({ type: 'file', target: `${catalogDir}/deep/deeper/catalog-info.yaml`, dryRun: true }, o));
await viaClient('refreshEntity', (c, o) => c.refreshEntity('component:default/checkout-api', o));
await viaClient('addLocation + removeLocationById', async (c, o) => {
  const added = await c.addLocation({ type: 'file', target: `${catalogDir}/deep/location.yaml` }, o);
  await c.removeLocationById(added.location.id, o);
  return { added, after: await c.getLocationById(added.location.id, o) };
});
await viaClient('queryEntitiesByPredicate', (c, o) => c.queryEntitiesByPredicate({ query: { $all: [{ kind: 'component' }, { 'metadata.tags': { $exists: true } }] }, fields: ['metadata.name'] }, o), { unordered: true });
await viaClient('queryEntities query + filter, pages', async (c, o) => {
  const pages = [await c.queryEntities({ query: { $not: { kind: 'user' } }, filter: { kind: ['Component', 'API'] }, limit: 2, orderFields: { field: 'metadata.name', order: 'asc' }, fields: ['kind', 'metadata.name'] }, o)];
  while (pages.length < 30 && pages.at(-1).pageInfo.nextCursor) {
    pages.push(await c.queryEntities({ cursor: pages.at(-1).pageInfo.nextCursor, limit: 2 }, o));
  }
  // Ties on metadata.name are ordered by uid, which is random on both servers, and a tie may straddle a page boundary
  // (the example catalog's API and Component both named petstore): every page is read and ties are ordered over all.
  const all = sortTies(pages.flatMap(p => p.items), 'metadata.name');
  let at = 0;
  return pages.map(p => {
    const items = all.slice(at, at += p.items.length);
    return { ...p, items, pageInfo: { next: !!p.pageInfo.nextCursor, prev: !!p.pageInfo.prevCursor } };
  });
});
await viaClient('getEntitiesByRefs query', (c, o) => c.getEntitiesByRefs({ entityRefs: refsWithQuery, query: { 'relations.ownedBy': 'group:default/team-pay' }, filter: { kind: 'Component' }, fields: ['kind', 'metadata.name'] }, o));
await viaClient('getEntityFacetsByPredicate', (c, o) => c.getEntityFacetsByPredicate({ facets: ['spec.type', 'metadata.tags'], query: { kind: 'component' } }, o));
await viaClient('getEntityFacets query', (c, o) => c.getEntityFacets({ facets: ['kind'], query: { 'relations.ownedBy': 'group:default/team-pay' } }, o));
await viaClient('updateLocation missing', (c, o) => c.updateLocation('00000000-0000-0000-0000-000000000000', { type: 'file', target: `${catalogDir}/x.yaml` }, o));
await viaClient('addLocation + updateLocation + removeLocationById', async (c, o) => {
  const added = await c.addLocation({ type: 'file', target: `${catalogDir}/deep/location.yaml` }, o);
  const updated = await c.updateLocation(added.location.id, { type: 'file', target: `${catalogDir}/deep/deeper/catalog-info.yaml` }, o);
  const read = await c.getLocationById(added.location.id, o);
  await c.removeLocationById(added.location.id, o);
  return { sameId: updated.id === added.location.id, updated, read, after: await c.getLocationById(added.location.id, o) };
}, { intended: 'location-update' });
await viaClient('removeEntityByUid', async (c, o) => {
  const entity = await c.getEntityByRef('resource:default/queue', o);
  await c.removeEntityByUid(entity.metadata.uid, o);
  return await c.getEntityByRef('resource:default/queue', o);
});

console.log(`${identical} identical, ${different} different`);
