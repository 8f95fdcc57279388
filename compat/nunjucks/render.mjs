// Renders every case of the table with the real nunjucks, configured as Backstage's SecureTemplater configures it,
// and (for information) with nunjitsu, the engine scaffolder-backend 4.x switched to.
// Usage: node render.mjs <cases.json> <out.json>    (out: { name: {output}|{error}|{json} } per engine)
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
// createDefaultFilters({ integrations }) of @backstage/plugin-scaffolder-backend.
const templateFilters = {
  parseRepoUrl: url => parseRepoUrl(url, integrations),
  parseEntityRef: (ref, context) => parseEntityRef(ref, context),
  pick: (obj, key) => lodash.get(obj, key),
  projectSlug: repoUrl => { const { owner, repo } = parseRepoUrl(repoUrl, integrations); return `${owner}/${repo}`; },
};
// SecureTemplater: the isolate calls the host filter and parses its JSON.stringify'd result.
const callFilter = (name, args) => JSON.stringify(templateFilters[name](...args));

function secureTemplater({ trimBlocks, lstripBlocks, strict }) {
  const configs = { trimBlocks, lstripBlocks, ...(strict ? { throwOnUndefined: true } : {}) };
  const env = nunjucks.configure({ autoescape: false, ...configs, tags: { variableStart: '${{', variableEnd: '}}' } });
  for (const name of Object.keys(templateFilters)) env.addFilter(name, (...args) => JSON.parse(callFilter(name, args)));
  return env;
}

function renderWith(c, values) {
  if (c.options?.cookiecutterCompat) {
    const compat = nunjucks.configure({ autoescape: false, trimBlocks: c.options.trimBlocks, lstripBlocks: c.options.lstripBlocks,
      ...(c.options.strict ? { throwOnUndefined: true } : {}), tags: { variableStart: '{{', variableEnd: '}}' } });
    compat.addFilter('jsonify', compat.getFilter('dump'));
    const uninstall = nunjucks.installJinjaCompat();
    try { return compat.renderString(c.template, values); } finally { uninstall(); }
  }
  return secureTemplater(c.options ?? {}).renderString(c.template, values);
}

// NunjucksWorkflowRunner.render (the SecureTemplater era): step input, if, each and output values.
function isSingleTemplateString(input) {
  const parsed = nunjucks.parser.parse(input, {}, { autoescape: false, tags: { variableStart: '${{', variableEnd: '}}' } });
  return parsed.children.length === 1 && !(parsed.children[0]?.children?.[0] instanceof nunjucks.nodes.TemplateData);
}
function renderInput(input, context) {
  const env = secureTemplater({});
  const renderTemplate = (str, values) => env.renderString(str, values);
  return JSON.parse(JSON.stringify(input), (_key, value) => {
    try {
      if (typeof value === 'string') {
        try {
          if (isSingleTemplateString(value)) {
            const wrappedDumped = value.replace(/\${{(.+)}}/g, '${{ ( $1 ) | dump }}');
            const templated = renderTemplate(wrappedDumped, context);
            if (templated === '') return undefined;
            return JSON.parse(templated);
          }
        } catch { /* Backstage logs and falls back */ }
        const templated = renderTemplate(value, context);
        if (templated === '') return undefined;
        return templated;
      }
    } catch { return value; }
    return value;
  });
}

function nunjitsuRender(c) {
  const o = c.options ?? {};
  const r = createTemplateRenderer({ filters: templateFilters, allowRegexExecution: true,
    cookiecutterCompat: o.cookiecutterCompat, trimBlocks: o.trimBlocks, lstripBlocks: o.lstripBlocks });
  if (c.input !== undefined) return { json: JSON.parse(JSON.stringify(c.input), (_k, v) => (typeof v === 'string' ? r.renderValue(v, c.context, { coercion: 'json' }) : v)) ?? null };
  return { output: r.render(c.template, c.context) };
}

const attempt = fn => { try { return fn(); } catch (e) { return { error: String(e.message).split('\n').map(l => l.trim()).filter(Boolean).join(' ') }; } };
const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const out = {};
for (const c of cases) {
  out[c.name] = {
    nunjucks: attempt(() => (c.input !== undefined ? { json: renderInput(c.input, c.context) ?? null } : { output: renderWith(c, c.context) })),
    nunjitsu: attempt(() => nunjitsuRender(c)),
  };
}
fs.writeFileSync(process.argv[3], JSON.stringify(out, null, 2) + '\n');
