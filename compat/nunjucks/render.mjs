// Renders every case of the table with nunjitsu 0.7.0 configured exactly as @backstage/plugin-scaffolder-backend 4.3.0
// configures it (the reference), and, for information, with nunjucks 3.2.4 as the SecureTemplater era configured it.
// Usage: node render.mjs <cases.json> <out.json>    (out: { name: { nunjitsu, nunjucks } }, each {output}|{error}|{json})
//
// Backstage 4.3.0 (dist/scaffolder/tasks/NunjucksWorkflowRunner.cjs.js, .../actions/builtin/fetch/templateActionHandler.cjs.js):
//  - step values (input, if, each, output): createTemplateRenderer({ allowRegexExecution: true, filters, globals: { always,
//    failure } }); every string of the value goes through renderValue(value, context, { coercion: 'json' }) inside a
//    JSON.parse reviver wrapped in try/catch: a string that fails to render is kept raw, undefined removes the key.
//  - skeleton files and paths (fetch:template): createTemplateRenderer({ ...templateCapabilities, allowRegexExecution: true,
//    cookiecutterCompat, trimBlocks, lstripBlocks }) and render(text, prepareContext(context)); templateCapabilities carry the
//    default filters in cookiecutter mode too.
//  - filters: lib/templating/filters/createDefaultFilters (parseRepoUrl, parseEntityRef, pick = lodash.get, projectSlug),
//    turned into a record by convertFiltersToRecord and wrapped by collectTemplateCapabilities as (input, ...args) => f(input, ...args).
// nunjitsu has no throwOnUndefined: cases with the `strict` option (our linting mode) keep nunjucks' throwOnUndefined as reference.
import fs from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const nunjucks = require('nunjucks');
const lodash = require('lodash');
const { parseRepoUrl } = require('@backstage/plugin-scaffolder-node');
const { parseEntityRef } = require('@backstage/catalog-model');
const { ScmIntegrations } = require('@backstage/integration');
const { ConfigReader } = require('@backstage/config');
const { createTemplateRenderer } = await import('nunjitsu');

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));
// createDefaultFilters({ integrations }) of @backstage/plugin-scaffolder-backend 4.3.0, as a record.
const defaultFilters = {
  parseRepoUrl: url => parseRepoUrl(url, integrations),
  parseEntityRef,
  pick: lodash.get,
  projectSlug: repoUrl => { const { owner, repo } = parseRepoUrl(repoUrl, integrations); return `${owner}/${repo}`; },
};
// collectTemplateCapabilities
const filters = Object.fromEntries(Object.entries(defaultFilters).map(([name, f]) => [name, (input, ...args) => f(input, ...args)]));

// ---- nunjitsu 0.7.0 as Backstage 4.3.0 (the reference) ----
const stepRenderer = createTemplateRenderer({
  allowRegexExecution: true, filters,
  globals: { always: () => true, failure: () => false },
});
// NunjucksWorkflowRunner.render
function renderStepValue(input, context) {
  return JSON.parse(JSON.stringify(input), (_key, value) => {
    try {
      if (typeof value === 'string') return stepRenderer.renderValue(value, context, { coercion: 'json' });
    } catch {
      return value;
    }
    return value;
  });
}
function nunjitsuRender(c) {
  if (c.input !== undefined) return { json: renderStepValue(c.input, stepRenderer.prepareContext(c.context)) ?? null };
  const o = c.options ?? {};
  const r = createTemplateRenderer({ filters, globals: {}, allowRegexExecution: true,
    cookiecutterCompat: o.cookiecutterCompat, trimBlocks: o.trimBlocks, lstripBlocks: o.lstripBlocks });
  return { output: r.render(c.template, r.prepareContext(c.context)) };
}

// ---- nunjucks 3.2.4 as SecureTemplater configured it (scaffolder-backend before 4.x; information, and `strict`) ----
const callFilter = (name, args) => JSON.stringify(defaultFilters[name](...args));
function secureTemplater({ trimBlocks, lstripBlocks, strict }) {
  const configs = { trimBlocks, lstripBlocks, ...(strict ? { throwOnUndefined: true } : {}) };
  const env = nunjucks.configure({ autoescape: false, ...configs, tags: { variableStart: '${{', variableEnd: '}}' } });
  for (const name of Object.keys(defaultFilters)) env.addFilter(name, (...args) => JSON.parse(callFilter(name, args)));
  return env;
}
function nunjucksRenderTemplate(c, values) {
  if (c.options?.cookiecutterCompat) {
    const compat = nunjucks.configure({ autoescape: false, trimBlocks: c.options.trimBlocks, lstripBlocks: c.options.lstripBlocks,
      ...(c.options.strict ? { throwOnUndefined: true } : {}), tags: { variableStart: '{{', variableEnd: '}}' } });
    compat.addFilter('jsonify', compat.getFilter('dump'));
    const uninstall = nunjucks.installJinjaCompat();
    try { return compat.renderString(c.template, values); } finally { uninstall(); }
  }
  return secureTemplater(c.options ?? {}).renderString(c.template, values);
}
function isSingleTemplateString(input) {
  const parsed = nunjucks.parser.parse(input, {}, { autoescape: false, tags: { variableStart: '${{', variableEnd: '}}' } });
  return parsed.children.length === 1 && !(parsed.children[0]?.children?.[0] instanceof nunjucks.nodes.TemplateData);
}
function nunjucksRenderInput(input, context) {
  const env = secureTemplater({});
  const renderTemplate = (str, values) => env.renderString(str, values);
  return JSON.parse(JSON.stringify(input), (_key, value) => {
    try {
      if (typeof value === 'string') {
        try {
          if (isSingleTemplateString(value)) {
            const templated = renderTemplate(value.replace(/\${{(.+)}}/g, '${{ ( $1 ) | dump }}'), context);
            if (templated === '') return undefined;
            return JSON.parse(templated);
          }
        } catch { /* Backstage logged and fell back */ }
        const templated = renderTemplate(value, context);
        if (templated === '') return undefined;
        return templated;
      }
    } catch { return value; }
    return value;
  });
}

const attempt = fn => { try { return fn(); } catch (e) { return { error: String(e.message).split('\n').map(l => l.trim()).filter(Boolean).join(' ') }; } };
const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const out = {};
for (const c of cases) {
  out[c.name] = {
    nunjitsu: attempt(() => nunjitsuRender(c)),
    nunjucks: attempt(() => (c.input !== undefined ? { json: nunjucksRenderInput(c.input, c.context) ?? null } : { output: nunjucksRenderTemplate(c, c.context) })),
  };
}
fs.writeFileSync(process.argv[3], JSON.stringify(out, null, 2) + '\n');
