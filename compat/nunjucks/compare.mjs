// Compares the reference answers (render.mjs: nunjitsu 0.7.0 as Backstage 4.3.0 configures it) with ours (the xunit hook);
// RECORD=1 first writes the reference answers into the table. Cases with the `strict` option (our linting mode, which nunjitsu
// lacks) take nunjucks 3.2.4 with throwOnUndefined as reference.
import fs from 'node:fs';
const [casesPath, referencePath, oursPath] = process.argv.slice(2);
const cases = JSON.parse(fs.readFileSync(casesPath, 'utf8'));
const theirs = JSON.parse(fs.readFileSync(referencePath, 'utf8'));
const reference = c => (c.options?.strict ? theirs[c.name].nunjucks : theirs[c.name].nunjitsu);
if (process.env.RECORD === '1') {
  for (const c of cases) c.expected = reference(c);
  fs.writeFileSync(casesPath, JSON.stringify(cases, null, 1) + '\n');
  console.log(`recorded ${cases.length} expectations`);
}
if (!oursPath) process.exit(0);
const ours = JSON.parse(fs.readFileSync(oursPath, 'utf8'));
const canon = v => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
const same = (a, b) => (a.error !== undefined ? b.error !== undefined : canon(a) === canon(b));
let matched = 0, nunjucksDiffers = 0, refused = 0;
for (const c of cases) {
  const t = reference(c), o = ours[c.name];
  if (c.unsupported) {
    if (o.error !== undefined) refused++; else console.log(`DIFF ${c.name}: expected a refusal (${c.unsupported}), got ${JSON.stringify(o)}`);
  } else if (!same(t, o)) console.log(`DIFF ${c.name}\n  nunjitsu: ${JSON.stringify(t)}\n  ours:     ${JSON.stringify(o)}`);
  else matched++;
  if (!c.options?.strict && !same(theirs[c.name].nunjucks, t)) nunjucksDiffers++;
}
const supported = cases.length - cases.filter(c => c.unsupported).length;
console.log(`${matched}/${supported} cases match nunjitsu 0.7.0 as Backstage 4.3.0 configures it, ${refused} deliberately refused; nunjucks 3.2.4 (the SecureTemplater era) answers differently in ${nunjucksDiffers}`);
process.exit(matched + refused === cases.length ? 0 : 1);
