// Parameter validation errors: what Backstage's scaffolder answers for values failing a template's parameter schemas,
// computed here exactly as its router does it, beside the portal's answer to the same POST /api/scaffolder/v2/dry-run.
// Usage: node param-errors.mjs [portal url]   (bearer PORTAL_TOKEN; without a url, only Backstage's answers are printed)
// Backstage's side needs no backend: router.ts `validateParameterSteps` is `[spec.parameters].flat()`, visibility by
// `resolveParameterSteps` (plugin-scaffolder-common), then `jsonschema.validate(values, step)` for each visible step in
// order, the first failing one answering `400 {errors: result.errors}` (res.json, so JSON.stringify of ValidationError).
// It is re-run here with the same packages: jsonschema 1.5.0 (the version scaffolder-backend 4.3.0 resolves) and
// plugin-scaffolder-common's resolveParameterSteps.
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';

// CommonJS builds, as the backend loads them (the ESM build of scaffolder-common trips on a lodash deep import).
const require = createRequire(import.meta.url);
const { validate } = require('jsonschema');
const { resolveParameterSteps } = require('@backstage/plugin-scaffolder-common/alpha');

const portal = process.argv[2];
const token = process.env.PORTAL_TOKEN;

const name = { type: 'string', title: 'Name', 'ui:autofocus': true, 'ui:help': 'lower case' };
const cases = [
  ['required missing', { required: ['name'], properties: { name } }, {}],
  ['two required missing, properties first', { properties: { a: { type: 'string', minLength: 2 } }, required: ['b', 'c'] }, { a: 'x' }],
  ['wrong type', { properties: { name }, required: ['name'] }, { name: 5 }],
  ['null for a string', { properties: { name } }, { name: null }],
  ['type list', { properties: { port: { type: ['integer', 'string'] } } }, { port: true }],
  ['integer given 1.5', { properties: { replicas: { type: 'integer', minimum: 1, maximum: 9 } } }, { replicas: 1.5 }],
  ['minimum and maximum', { properties: { lo: { type: 'number', minimum: 1 }, hi: { type: 'number', maximum: 9 } } }, { lo: 0, hi: 10 }],
  ['exclusive bounds, multipleOf', { properties: { n: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10, multipleOf: 3 } } }, { n: 10 }],
  ['pattern', { properties: { name: { ...name, pattern: '^[a-z][a-z0-9-]+$' } } }, { name: 'Bad Name+1' }],
  ['enum', { properties: { lang: { type: 'string', enum: ['python', 'java', 3, null], enumNames: ['Python', 'Java', 'Three', 'None'] } } }, { lang: 'cobol' }],
  ['const', { properties: { agree: { const: true } } }, { agree: false }],
  ['minLength', { properties: { name: { ...name, minLength: 3 } } }, { name: 'ab' }],
  ['maxLength', { properties: { name: { ...name, maxLength: 5 } } }, { name: 'abcdefgh' }],
  ['minLength and pattern on one field', { properties: { name: { type: 'string', pattern: '^[a-z]+$', minLength: 4 } } }, { name: 'A1' }],
  ['nested object', {
    properties: { repo: { type: 'object', required: ['owner'], properties: { owner: { type: 'string', minLength: 2 }, name: { type: 'string', pattern: '^x' } } } },
  }, { repo: { name: 'y' } }],
  ['nested object, wrong leaf', {
    properties: { repo: { type: 'object', properties: { owner: { type: 'string', minLength: 2 }, host: { type: 'string', enum: ['github.com'] } } } },
  }, { repo: { owner: 'o', host: 'gitlab.com' } }],
  ['array items', { properties: { tags: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[a-z]+$' } } } }, { tags: ['ok', 'NO', 5] }],
  ['array too short, unique', { properties: { tags: { type: 'array', minItems: 3, uniqueItems: true, items: { type: 'string' } } } }, { tags: ['a', 'a'] }],
  ['array of enums', { properties: { envs: { type: 'array', items: { type: 'string', enum: ['dev', 'prod'] }, uniqueItems: true, 'ui:widget': 'checkboxes' } } }, { envs: ['dev', 'qa'] }],
  ['array of objects', { properties: { ports: { type: 'array', items: { type: 'object', required: ['port'], properties: { port: { type: 'integer' } } } } } }, { ports: [{ port: 80 }, {}, { port: 'x' }] }],
  ['multiple steps: second fails, third not looked at', [
    { title: 'One', properties: { a: { type: 'string' } } },
    { title: 'Two', required: ['b'], properties: { b: { type: 'string' } } },
    { title: 'Three', required: ['c'], properties: { c: { type: 'string' } } },
  ], { a: 'x' }],
  ['multiple steps: first fails', [
    { title: 'One', required: ['a'], properties: { a: { type: 'string' } } },
    { title: 'Two', required: ['b'], properties: { b: { type: 'string' } } },
  ], {}],
  ['step hidden by when: false', [
    { title: 'Hidden', when: false, required: ['a'], properties: { a: { type: 'string' } } },
    { title: 'Shown', required: ['b'], properties: { b: { type: 'string' } } },
  ], {}],
  ['step shown by a when expression', [
    { title: 'Kind', properties: { kind: { type: 'string' } } },
    { title: 'Db', when: "parameters.kind === 'db'", required: ['engine'], properties: { engine: { type: 'string' } } },
  ], { kind: 'db' }],
  ['step hidden by a when expression', [
    { title: 'Kind', properties: { kind: { type: 'string' } } },
    { title: 'Db', when: "${{ parameters.kind == 'db' }}", required: ['engine'], properties: { engine: { type: 'string' } } },
  ], { kind: 'web' }],
  ['parameters as one object', { title: 'Only', required: ['name'], properties: { name } }, {}],
  ['ui:* keys everywhere', {
    title: 'Basics', description: 'd', 'ui:order': ['owner', 'name'], required: ['name', 'owner'],
    properties: {
      name: { ...name, minLength: 3, 'ui:options': { rows: 2 } },
      owner: { type: 'string', 'ui:field': 'OwnerPicker', 'ui:options': { catalogFilter: { kind: 'Group' } } },
    },
  }, { name: 'ab' }],
  ['odd property names', { properties: { 'my-field': { type: 'string' }, 'two words': { type: 'string' }, '1st': { type: 'string' }, 'a.b': { type: 'string' } } },
    { 'my-field': 1, 'two words': 2, '1st': 3, 'a.b': 4 }],
  ['additionalProperties false', { properties: { a: { type: 'string' } }, additionalProperties: false }, { a: 'x', b: 1 }],
  ['dependencies (array)', { properties: { a: { type: 'string' }, b: { type: 'string' } }, dependencies: { a: ['b'] } }, { a: 'x' }],
  ['if / then / else', {
    properties: { kind: { type: 'string' }, port: { type: 'integer' } },
    if: { properties: { kind: { const: 'web' } } }, then: { required: ['port'] }, else: { properties: { port: { maximum: 0 } } },
  }, { kind: 'web' }],
  ['oneOf', { properties: { size: { oneOf: [{ type: 'string', title: 'Named' }, { type: 'integer' }] } } }, { size: 1.5 }],
  ['anyOf', { properties: { size: { anyOf: [{ type: 'string', maxLength: 2 }, { type: 'integer' }] } } }, { size: 'large' }],
  ['allOf', { properties: { v: { allOf: [{ type: 'string' }, { minLength: 3 }] } } }, { v: 'ab' }],
  ['format email', { properties: { mail: { type: 'string', format: 'email' } } }, { mail: 'not-an-address' }],
  ['valid values answer 200', { required: ['name'], properties: { name: { ...name, pattern: '^[a-z]+$' } } }, { name: 'fine' }],
];

const template = parameters => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', metadata: { name: 'param-errors' },
  spec: { owner: 'group:default/platform', type: 'service', parameters, steps: [{ id: 'log', name: 'Log', action: 'debug:log', input: { message: 'hi' } }] },
});

/** router.ts validateParameterSteps + the 400 body, as JSON on the wire. */
function backstage(parameters, values) {
  const steps = [parameters ?? []].flat();
  const resolved = resolveParameterSteps(values, steps.map(schema => ({ schema, when: schema.when })));
  for (const [index, schema] of steps.entries()) {
    if (!resolved.visible[index]) continue;
    const result = validate(values, schema);
    if (!result.valid) return { status: 400, body: JSON.parse(JSON.stringify({ errors: result.errors })) };
  }
  return { status: 200 };
}

async function portalAnswer(parameters, values) {
  const res = await fetch(new URL('/api/scaffolder/v2/dry-run', portal), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ template: template(parameters), values, directoryContents: [] }),
  });
  const body = await res.json().catch(() => ({}));
  return res.status === 400 && body.errors ? { status: 400, body } : { status: res.status };
}

let same = 0;
let different = 0;
for (const [title, parameters, values] of cases) {
  const b = backstage(parameters, values);
  if (!portal) {
    console.log(`${title}: ${b.status} ${JSON.stringify(b.body?.errors.map(e => e.stack) ?? [])}`);
    continue;
  }
  const p = await portalAnswer(parameters, values);
  // Key order is compared too: JSON.stringify of both, after checking deep equality for a clearer report.
  if (isDeepStrictEqual(b, p) && JSON.stringify(b) === JSON.stringify(p)) {
    same++;
    console.log(`identical  ${title}`);
  } else {
    different++;
    console.log(`DIFFERENT  ${title}\n  backstage: ${JSON.stringify(b)}\n  portal:    ${JSON.stringify(p)}`);
  }
}
if (portal) {
  console.log(`\n${same} identical, ${different} different`);
  process.exit(different ? 1 : 0);
}
