// Sends one dry run the way Backstage's template editor does (plugin-scaffolder, alpha TemplateEditorPage/DryRunContext):
//   POST /api/scaffolder/v2/dry-run  {template, values, secrets, directoryContents: [{path, base64Content}]}
// Usage: node dry-run.mjs <templateDir> <values.json> [secrets.json]
//   BACKSTAGE=http://127.0.0.1:7917  (bearer BACKSTAGE_TOKEN, default the compat token of backend.mjs)  or
//   SERVE=http://127.0.0.1:5000      (bearer PORTAL_TOKEN)
// Prints {"status": <HTTP status>, "body": <answer as JSON, or {"text": …} when it is not JSON>} on stdout.
//
// Where it differs from the editor, and why:
// - `template` is template.yaml's Template document *with the catalog's placeholders resolved* ($yaml, $json, $text,
//   relative to the file, as the catalog's PlaceholderProcessor does for a file location), because the wizard sends the
//   Template entity as the catalog serves it. The editor sends yaml.parse(template.yaml) untouched; `--raw` does that.
// - `directoryContents` are the files' raw bytes in base64. The editor reads files as text (binary files get mangled
//   there); for text files that is the same bytes.
// - Paths are relative to <templateDir>, `/`-separated, sorted, every regular file (template.yaml included, as the
//   editor's directory listing includes it). Symlinks are followed as the editor's file access does.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';

const args = process.argv.slice(2);
const raw = args.includes('--raw');
const [dirArg, valuesArg, secretsArg] = args.filter(a => a !== '--raw');
if (!dirArg || !valuesArg) {
  console.error('usage: node dry-run.mjs <templateDir> <values.json> [secrets.json] [--raw]');
  process.exit(2);
}
const dir = resolve(dirArg);
const templateFile = join(dir, 'template.yaml');

const readYamlDocs = file => parseAllDocuments(readFileSync(file, 'utf8')).map(d => {
  if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
  return d.toJS();
});

// The catalog's PlaceholderProcessor: an object whose only key is `$yaml`, `$json` or `$text` is replaced by the
// referenced file (relative to the file that contains it), recursively for $yaml/$json.
function resolvePlaceholders(value, baseFile) {
  if (Array.isArray(value)) return value.map(v => resolvePlaceholders(v, baseFile));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && ['$yaml', '$json', '$text'].includes(keys[0])) {
    const target = resolve(dirname(baseFile), value[keys[0]]);
    const text = readFileSync(target, 'utf8');
    if (keys[0] === '$text') return text;
    const parsed = keys[0] === '$json' ? JSON.parse(text) : readYamlDocs(target)[0];
    return resolvePlaceholders(parsed, target);
  }
  return Object.fromEntries(keys.map(k => [k, resolvePlaceholders(value[k], baseFile)]));
}

function listFiles(root) {
  const out = [];
  const walk = d => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.push(p);
    }
  };
  walk(root);
  return out.map(p => relative(root, p).split(sep).join('/')).sort();
}

const docs = readYamlDocs(templateFile);
let template = docs.find(d => d?.kind === 'Template') ?? docs[0];
if (!raw) template = resolvePlaceholders(template, templateFile);
const values = JSON.parse(readFileSync(valuesArg, 'utf8'));
const secrets = secretsArg ? JSON.parse(readFileSync(secretsArg, 'utf8')) : {};
const directoryContents = listFiles(dir).map(path => ({
  path,
  base64Content: readFileSync(join(dir, path)).toString('base64'),
}));

const base = process.env.SERVE || process.env.BACKSTAGE;
if (!base) {
  console.error('set BACKSTAGE=<url of backend.mjs> or SERVE=<url of the portal>');
  process.exit(2);
}
const token = process.env.SERVE ? process.env.PORTAL_TOKEN : (process.env.BACKSTAGE_TOKEN || 'compat-token-0123456789');
const headers = { 'Content-Type': 'application/json' };
if (token) headers.Authorization = `Bearer ${token}`;
const res = await fetch(new URL('/api/scaffolder/v2/dry-run', base), {
  method: 'POST',
  headers,
  body: JSON.stringify({ template, values, secrets, directoryContents }),
});
const text = await res.text();
let body;
try { body = JSON.parse(text); } catch { body = { text }; }
process.stdout.write(`${JSON.stringify({ status: res.status, body }, null, 2)}\n`);
