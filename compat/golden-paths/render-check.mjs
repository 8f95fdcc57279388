// Renders every golden-path skeleton (content/templates) as Backstage's fetch:template does -- the real nunjucks with
// Backstage's tags, autoescape off, undefined values an error -- for every runtime option, with and without a system,
// and parses what comes out. Usage: node render-check.mjs [templates folder] [output folder].
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import nunjucks from 'nunjucks';
import YAML from 'yaml';
import { XMLValidator } from 'fast-xml-parser';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.argv[2] ?? path.join(here, '..', '..', 'content', 'templates'));
const outRoot = process.argv[3] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'golden-paths-'));
const env = new nunjucks.Environment(null, {
  autoescape: false, throwOnUndefined: true, tags: { variableStart: '${{', variableEnd: '}}' },
});
env.addFilter('parseRepoUrl', url => {
  const u = new URL(`https://${url}`);
  return { host: u.host, owner: u.searchParams.get('owner'), repo: u.searchParams.get('repo') };
});
// Backstage: a string that is one ${{ }} expression keeps its type (rendered through dump, then JSON.parse).
function renderValue(v, ctx) {
  if (typeof v !== 'string') return v;
  if (/^\s*\$\{\{[\s\S]*\}\}\s*$/.test(v) && (v.match(/\$\{\{/g) || []).length === 1) {
    const out = env.renderString(v.replace(/\$\{\{([\s\S]+)\}\}/, '${{ ( $1 ) | dump }}'), ctx);
    return out === '' ? undefined : JSON.parse(out);
  }
  return env.renderString(v, ctx);
}
const walk = dir => fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
  e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);

let failures = 0, files = 0;
const fail = (where, msg) => { failures++; console.log(`FAIL ${where}: ${msg}`); };
for (const name of fs.readdirSync(root).filter(n => fs.existsSync(path.join(root, n, 'template.yaml')))) {
  const template = YAML.parse(fs.readFileSync(path.join(root, name, 'template.yaml'), 'utf8'));
  const props = Object.assign({}, ...template.spec.parameters.map(p => p.properties));
  const enumKeys = Object.keys(props).filter(k => props[k].enum);
  const combos = [{}];
  for (const k of enumKeys) combos.splice(0, combos.length, ...combos.flatMap(c => props[k].enum.map(v => ({ ...c, [k]: v }))));
  const fetch = template.spec.steps.find(s => s.action === 'fetch:template');
  combos.forEach((combo, i) => {
    for (const system of ['system:default/payments', undefined]) {
      const parameters = {
        name: 'invoice-service', description: 'Books & "orders": the <core> service, it\'s 100% {fine}',
        owner: 'group:default/team-a', repoUrl: 'github.com?owner=fawkes-demo&repo=invoice-service', ...combo,
      };
      if (system) parameters.system = system;
      const values = Object.fromEntries(Object.entries(fetch.input.values).map(([k, v]) => [k, renderValue(v, { parameters })]));
      const out = path.join(outRoot, `${name}-${i}${system ? '' : '-nosystem'}`);
      fs.rmSync(out, { recursive: true, force: true });
      const skeleton = path.join(root, name, 'skeleton');
      for (const file of walk(skeleton)) {
        files++;
        const rel = path.relative(skeleton, file);
        const where = `${name} [${JSON.stringify(combo)}${system ? '' : ' no system'}] ${rel}`;
        let relOut, text;
        try {
          relOut = env.renderString(rel, { values });
          text = env.renderString(fs.readFileSync(file, 'utf8'), { values });
        } catch (e) { fail(where, e.message); continue; }
        if (/\$\{\{|\{%|\{#/.test(text) || /\$\{\{|\{%/.test(relOut)) fail(where, 'unrendered template syntax left');
        const dest = path.join(out, relOut);
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.writeFileSync(dest, text);
        const base = path.basename(relOut);
        try {
          if (/\.ya?ml$/.test(base)) {
            const docs = YAML.parseAllDocuments(text);
            for (const d of docs) if (d.errors.length) throw new Error(d.errors[0].message);
            if (base === 'catalog-info.yaml') {
              const c = docs[0].toJS();
              if (c.metadata.description !== parameters.description) throw new Error('description not round-tripped');
              if ((c.spec.system ?? undefined) !== system) throw new Error(`system ${c.spec.system} != ${system}`);
              for (const a of ['backstage.io/kubernetes-id', 'argocd/app-name', 'jenkins.io/job-full-name', 'github.com/project-slug', 'backstage.io/techdocs-ref', 'sonarqube.org/project-key'])
                if (!c.metadata.annotations[a]) throw new Error(`annotation ${a} missing`);
            }
          } else if (/\.json$/.test(base)) {
            const j = JSON.parse(text);
            if (base === 'package.json' && j.description !== parameters.description) throw new Error('description not round-tripped');
          } else if (/\.(xml|csproj|slnx|props)$/.test(base)) {
            const r = XMLValidator.validate(text);
            if (r !== true) throw new Error(`XML: ${JSON.stringify(r.err)}`);
          } else if (base === 'Dockerfile') {
            const first = text.split('\n').map(l => l.trim()).find(l => l && !l.startsWith('#'));
            if (!/^FROM\s/.test(first)) throw new Error(`first instruction is not FROM: ${first}`);
            if (!/^USER\s+(?!root|0\b)/m.test(text)) throw new Error('no non-root USER');
            if ((text.match(/^FROM\s/gm) || []).length < 2) throw new Error('not multi-stage');
          } else if (/\.py$/.test(base)) {
            execFileSync('python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', dest]);
          } else if (/\.(m?js)$/.test(base)) {
            execFileSync('node', ['--check', dest]);
          }
        } catch (e) { fail(where, e.message.split('\n')[0]); }
      }
    }
  });
  console.log(`${name}: ${combos.length} option combinations x 2 (with/without system) rendered to ${outRoot}`);
}
console.log(`${files} files rendered and checked, ${failures} failures`);
process.exit(failures ? 1 : 0);
