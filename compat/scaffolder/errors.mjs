// Bad dry-run requests, each sent to real Backstage and (when given) to the portal; prints both answers' HTTP status
// and error (name + message, or the `errors` array of a validation failure) and whether they agree.
// Usage: node errors.mjs <backstage url> [portal url]   (tokens: BACKSTAGE_TOKEN / PORTAL_TOKEN as for dry-run.mjs)
// The templates here are written for the harness; each isolates one rule of router.ts / NunjucksWorkflowRunner.ts.
const [bUrl, pUrl] = process.argv.slice(2);
if (!bUrl) { console.error('usage: node errors.mjs <backstage url> [portal url]'); process.exit(2); }
const b64 = s => Buffer.from(s).toString('base64');
const tpl = (steps, extra = {}) => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template',
  metadata: { name: 'probe-errors' },
  spec: { owner: 'group:default/platform', type: 'service', steps, ...extra },
});
const log = msg => ({ id: 'log', name: 'Log', action: 'debug:log', input: { message: msg } });
const skeleton = (text, input = {}) => ({
  template: tpl([{ id: 'fetch', name: 'Fetch', action: 'fetch:template', input: { url: './skeleton', values: { name: '${{ parameters.name }}' }, ...input } }]),
  values: { name: 'svc' },
  directoryContents: [{ path: 'skeleton/file.txt', base64Content: b64(text) }],
});
const params = { parameters: [{ required: ['name'], properties: { name: { type: 'string', pattern: '^[a-z]+$' } } }] };

const cases = [
  ['empty body', {}],
  ['values missing', { template: tpl([log('x')]), directoryContents: [] }],
  ['directoryContents missing', { template: tpl([log('x')]), values: {} }],
  ['secret not a string', { template: tpl([log('x')]), values: {}, secrets: { a: 1 }, directoryContents: [] }],
  ['template is a string', { template: 'nope', values: {}, directoryContents: [] }],
  ['template of kind Component', { template: { ...tpl([log('x')]), kind: 'Component' }, values: {}, directoryContents: [] }],
  ['template apiVersion v1beta2', { template: { ...tpl([log('x')]), apiVersion: 'scaffolder.backstage.io/v1beta2' }, values: {}, directoryContents: [] }],
  ['template without steps', { template: { ...tpl([log('x')]), spec: { owner: 'o', type: 't' } }, values: {}, directoryContents: [] }],
  ['output value not a string', { template: tpl([log('x')], { output: { n: 1 } }), values: {}, directoryContents: [] }],
  ['required parameter missing', { template: tpl([log('x')], params), values: {}, directoryContents: [] }],
  ['parameter fails pattern', { template: tpl([log('x')], params), values: { name: 'NO' }, directoryContents: [] }],
  ['secret fails secrets schema', { template: tpl([log('x')], { secrets: { schema: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } } } }), values: {}, secrets: {}, directoryContents: [] }],
  ['unknown action', { template: tpl([{ id: 'x', action: 'no:such' }]), values: {}, directoryContents: [] }],
  ['action input fails schema', { template: tpl([{ id: 'del', action: 'fs:delete', input: { files: 'not-an-array' } }]), values: {}, directoryContents: [] }],
  ['each resolves to a string', { template: tpl([{ id: 'e', action: 'debug:log', each: '${{ parameters.s }}', input: { message: 'x' } }]), values: { s: 'abc' }, directoryContents: [] }],
  ['each resolves to undefined', { template: tpl([{ id: 'e', action: 'debug:log', each: '${{ parameters.none }}', input: { message: 'x' } }]), values: {}, directoryContents: [] }],
  ['first step fails, later steps', { template: tpl([{ id: 'bad', action: 'fs:rename', input: { files: [{ from: 'absent.txt', to: 'b.txt' }] } }, log('after')]), values: {}, directoryContents: [] }],
  ['skeleton: undefined value', skeleton('a ${{ values.missing }} b\n')],
  ['skeleton: property of undefined', skeleton('a ${{ values.missing.deep }} b\n')],
  ['skeleton: unknown filter', skeleton('${{ values.name | nosuchfilter }}\n')],
  ['skeleton: syntax error', skeleton('{% if values.name %}unclosed\n')],
  ['skeleton: url escapes the template folder', skeleton('x', { url: '../' })],
  ['skeleton: targetPath escapes the workspace', skeleton('x', { targetPath: '../out' })],
  ['directoryContents path escapes', { template: tpl([log('x')]), values: {}, directoryContents: [{ path: '../evil.txt', base64Content: b64('x') }] }],
  ['no Authorization header', { template: tpl([log('x')]), values: {}, directoryContents: [] }, { noAuth: true }],
];

// The one thing normalised: the absolute path of a run's temporary workspace (`…/dry-run-<uuid>`), which names a
// server-specific folder and a random id.
const normalise = s => s.replace(/\/[^\s'"]*\/dry-run-[0-9a-f-]{36}/g, '<workspace>');

async function send(base, token, body, opts = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (token && !opts.noAuth) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(new URL('/api/scaffolder/v2/dry-run', base), { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  let json; try { json = JSON.parse(text); } catch { json = { text }; }
  const what = json.error ? `${json.error.name}: ${json.error.message}`
    : json.errors ? `errors ${JSON.stringify(json.errors.map(e => ({ property: e.property, message: e.message, name: e.name, argument: e.argument })))}`
    : res.status === 200 ? `ok; statuses ${(json.log ?? []).filter(l => l.body.status).map(l => `${l.body.stepId}:${l.body.status}`).join(' ')}` : text.slice(0, 300);
  return { status: res.status, what: normalise(what), json };
}

let differ = 0;
for (const [name, body, opts] of cases) {
  const b = await send(bUrl, process.env.BACKSTAGE_TOKEN || 'compat-token-0123456789', body, opts);
  console.log(`${name}\n  B ${b.status} ${b.what}`);
  if (process.env.VERBOSE) console.log(JSON.stringify(b.json, null, 1).split('\n').map(l => `    ${l}`).join('\n'));
  if (pUrl) {
    const p = await send(pUrl, process.env.PORTAL_TOKEN, body, opts);
    const same = p.status === b.status && p.what === b.what;
    if (!same) differ++;
    console.log(`  P ${p.status} ${p.what}\n  ${same ? 'identical' : 'different'}`);
  }
}
process.exit(differ ? 1 : 0);
