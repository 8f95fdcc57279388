// Normalisation shared by the REST and client comparisons: what may legitimately differ between two servers
// (generated ids, etags, the absolute path of the catalog checkout) is replaced; everything else is compared.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function normalise(value, catalogDir, catalogBase = process.env.CATALOG_BASE ?? '') {
  const dir = catalogDir.replace(/\/+$/, '');
  const base = catalogBase.replace(/\/+$/, '');
  const walk = (v, key) => {
    if (typeof v === 'string') {
      // Cursors are opaque (each server encodes its own state); only their presence is compared.
      if (key === 'nextCursor' || key === 'prevCursor') return '<cursor>';
      let s = v.split(dir).join('<catalog>');
      if (base) s = s.split(base).join('<catalog>');
      if (UUID.test(s) && key !== 'name') s = '<uuid>';
      return s;
    }
    if (Array.isArray(v)) {
      const out = v.map(x => walk(x, key));
      // Relations are a set in Backstage; compare them sorted.
      if (key === 'relations') out.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      return out;
    }
    if (v && typeof v === 'object') {
      const out = {};
      for (const k of Object.keys(v).sort()) {
        if (k === 'uid' || k === 'etag' || k === 'stack' || k === 'request') continue;
        out[k] = walk(v[k], k);
      }
      return out;
    }
    return v;
  };
  return walk(value);
}

const refOf = x => x && typeof x === 'object'
  ? `${x.kind ?? ''}:${x.metadata?.namespace ?? ''}/${x.metadata?.name ?? ''}|${x.target ?? x.id ?? ''}|${JSON.stringify(x)}`
  : String(x);
export function sortEntities(list) {
  return [...list].sort((a, b) => refOf(a?.data ?? a).localeCompare(refOf(b?.data ?? b)));
}

// Backstage breaks ties of an order field by uid, which is random: sort entities with equal values by ref.
export function sortTies(list, field) {
  const valueOf = x => String(field.split('.').reduce((o, k) => o?.[k], x) ?? '').toLowerCase();
  const out = [];
  for (let i = 0; i < list.length;) {
    let j = i;
    while (j < list.length && valueOf(list[j]) === valueOf(list[i])) j++;
    out.push(...sortEntities(list.slice(i, j)));
    i = j;
  }
  return out;
}

// The first differing lines of the two pretty-printed answers (null when identical).
export function firstDifference(a, b) {
  const la = JSON.stringify(a, null, 1).split('\n');
  const lb = JSON.stringify(b, null, 1).split('\n');
  if (la.join('\n') === lb.join('\n')) return null;
  let i = 0;
  while (i < la.length && i < lb.length && la[i] === lb[i]) i++;
  const context = la.slice(Math.max(0, i - 2), i).map(l => `  ${l.trim()}`);
  return [...context,
    ...la.slice(i, i + 3).map(l => `B ${l.trim()}`.slice(0, 160)),
    ...lb.slice(i, i + 3).map(l => `P ${l.trim()}`.slice(0, 160))];
}

// Intended differences (listed with their reasons in README.md), each applied only to the requests that name it.
// 'error-message': the error's message is the portal's own wording; its name, status and shape are still compared.
// 'validation-errors': validate-entity's list of errors is the portal's (field-named) wording; status and count compared.
export function forgiveIntended(kind, answer) {
  if (!answer || typeof answer !== 'object') return answer;
  const copy = JSON.parse(JSON.stringify(answer));
  if (kind === 'error-message' && copy.body?.error) copy.body.error.message = '<portal wording>';
  // Same message up to the parser's own explanation (JavaScript's JSON.parse vs .NET's System.Text.Json wording).
  if (kind === 'parser-detail' && typeof copy.body?.error?.message === 'string') copy.body.error.message = copy.body.error.message.replace(/^([^:]*):.*$/s, '$1: <parser detail>');
  // A predicate the schema refuses deep inside: zod's full list of union alternatives vs the portal's one plain sentence.
  if (kind === 'predicate-detail' && typeof copy.body?.error?.message === 'string') copy.body.error.message = copy.body.error.message.replace(/^(Invalid query: Validation error: ).*$/s, '$1<detail>');
  // updateLocation: Backstage keeps the location's first generated entity ref (of its old target), the portal's follows
  // the target; and the portal's GET /locations/{id} adds the problems of the location's last read as `errors`.
  if (kind === 'location-update') {
    const walk = v => {
      if (!v || typeof v !== 'object') return;
      if (typeof v.entityRef === 'string' && v.entityRef.startsWith('location:default/generated-') && 'target' in v) {
        v.entityRef = 'location:default/generated-<sha1>';
        delete v.errors;
      }
      for (const k of Object.keys(v)) walk(v[k]);
    };
    walk(copy);
  }
  if (kind === 'validation-errors') {
    const holder = copy.body ?? copy.value;
    if (Array.isArray(holder?.errors)) holder.errors = holder.errors.map(() => '<validation error>');
  }
  return copy;
}
