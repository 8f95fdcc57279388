// Runs every case of cases/ (or those named on the command line) through dry-run.mjs against real Backstage
// (BACKSTAGE=url) and, when SERVE=url is set, against the portal too; writes both answers to out/<case>/ and compares.
// A case is a folder: case.json names the template folder, values.json (and optionally secrets.json) the input.
//   {"npm": "<package@version>", "path": "<folder in the package>"}   unpacked from the npm registry (npm pack)
//   {"mirror": "<owner/name>", "path": "<folder>"}                     from the fetched snapshot MIRROR_ROOT/<owner+name>/repo
//                                                                      (git archive, so executable bits are kept)
//   {"shared": "<path below shared/>"}                                  used in place ($SHARED, default <repo>/../shared)
//   {"local": "<path below compat/scaffolder/>"}                        the harness's own probe templates (probes/)
// Backstage's own files are never committed: they are unpacked into out/templates/ at run time.
// Exit status: 0 when every compared case is identical (or, without SERVE, when every case ran), 1 otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, summarise } from './compare.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const out = join(here, 'out');
const shared = process.env.SHARED ?? (existsSync(resolve(repo, '../shared')) ? resolve(repo, '../shared') : '/work/shared');
const mirrorRoot = process.env.MIRROR_ROOT ?? '/work/.mirror';

function materialise(name, ref) {
  if (ref.shared) return join(shared, ref.shared);
  if (ref.local) return join(here, ref.local);
  const slug = (ref.npm ?? ref.mirror).replace(/[^A-Za-z0-9._-]+/g, '+');
  const root = join(out, 'templates', slug);
  if (!existsSync(root)) {
    mkdirSync(root, { recursive: true });
    if (ref.npm) {
      const tgz = execFileSync('npm', ['pack', ref.npm, '--silent', '--pack-destination', root], { encoding: 'utf8' }).trim().split('\n').pop();
      execFileSync('tar', ['-xzf', join(root, tgz), '-C', root]);
    } else {
      const gitDir = join(mirrorRoot, ref.mirror.replace('/', '+'), 'repo');
      if (!existsSync(gitDir)) {
        rmSync(root, { recursive: true });
        throw new Error(`${name}: no snapshot of ${ref.mirror} at ${gitDir} (fetch github:${ref.mirror} first)`);
      }
      const tar = execFileSync('git', ['--git-dir', gitDir, 'archive', 'HEAD'], { maxBuffer: 1 << 30 });
      execFileSync('tar', ['-x', '-C', root], { input: tar });
    }
  }
  return join(root, ref.npm ? 'package' : '', ref.path);
}

function dryRun(dir, caseDir, env) {
  const args = [join(here, 'dry-run.mjs'), dir, join(caseDir, 'values.json')];
  if (existsSync(join(caseDir, 'secrets.json'))) args.push(join(caseDir, 'secrets.json'));
  const r = spawnSync(process.execPath, args, { env: { ...process.env, SERVE: '', BACKSTAGE: '', ...env }, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) return { status: 0, body: { error: { name: 'ClientError', message: r.stderr.trim() } } };
  return JSON.parse(r.stdout);
}

const wanted = process.argv.slice(2);
const cases = readdirSync(join(here, 'cases')).filter(c => !wanted.length || wanted.includes(c)).sort();
const rows = [];
let failures = 0;
for (const name of cases) {
  const caseDir = join(here, 'cases', name);
  const ref = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8'));
  const dest = join(out, name);
  mkdirSync(dest, { recursive: true });
  let dir;
  try { dir = materialise(name, ref); } catch (e) { rows.push({ name, error: e.message }); failures++; continue; }
  const b = dryRun(dir, caseDir, { BACKSTAGE: process.env.BACKSTAGE });
  writeFileSync(join(dest, 'backstage.json'), JSON.stringify(b, null, 2));
  const row = { name, template: dir, ...summarise(b), expect: ref.expect };
  if (process.env.SERVE) {
    const p = dryRun(dir, caseDir, { SERVE: process.env.SERVE });
    writeFileSync(join(dest, 'portal.json'), JSON.stringify(p, null, 2));
    const diffs = compare(b, p);
    row.verdict = diffs.length ? 'different' : 'identical';
    console.log(`${name}: ${row.verdict}`);
    for (const d of diffs) console.log(`  ${d}`);
    if (diffs.length) failures++;
  }
  rows.push(row);
}

const cell = s => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const table = ['| case | HTTP | steps | statuses (in order) | files | error |', '| --- | --- | --- | --- | --- | --- |'];
for (const r of rows) {
  table.push(`| ${r.name}${r.verdict ? ` (${r.verdict})` : ''} | ${r.status ?? ''} | ${r.steps ?? ''} | ${cell(r.statuses)} | ${r.files ?? ''} | ${cell(r.error)} |`);
}
writeFileSync(join(out, 'summary.md'), `${table.join('\n')}\n`);
console.log(table.join('\n'));
process.exit(failures ? 1 : 0);
