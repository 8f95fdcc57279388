// Compares real nunjucks' answers (render.mjs) with ours (the xunit hook); RECORD=1 first writes nunjucks' answers into the table.
import fs from 'node:fs';
const [casesPath, nunjucksPath, oursPath] = process.argv.slice(2);
const cases = JSON.parse(fs.readFileSync(casesPath, 'utf8'));
const theirs = JSON.parse(fs.readFileSync(nunjucksPath, 'utf8'));
if (process.env.RECORD === '1') {
  for (const c of cases) c.expected = theirs[c.name].nunjucks;
  fs.writeFileSync(casesPath, JSON.stringify(cases, null, 1) + '\n');
  console.log(`recorded ${cases.length} expectations`);
}
if (!oursPath) process.exit(0);
const ours = JSON.parse(fs.readFileSync(oursPath, 'utf8'));
const canon = v => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
const same = (a, b) => (a.error !== undefined ? b.error !== undefined : canon(a) === canon(b));
let matched = 0, nunjitsuDiffers = 0, refused = 0;
for (const c of cases) {
  const t = theirs[c.name].nunjucks, o = ours[c.name];
  if (c.unsupported) {
    if (o.error !== undefined) refused++; else console.log(`DIFF ${c.name}: expected a refusal (${c.unsupported}), got ${JSON.stringify(o)}`);
  } else if (!same(t, o)) console.log(`DIFF ${c.name}\n  nunjucks: ${JSON.stringify(t)}\n  ours:     ${JSON.stringify(o)}`);
  else matched++;
  if (canon(theirs[c.name].nunjitsu) !== canon(t)) nunjitsuDiffers++;
}
console.log(`${matched}/${cases.length - refused - (cases.filter(c => c.unsupported).length - refused)} cases match real nunjucks 3.2.4, ${refused} deliberately refused; nunjitsu 0.7.0 (scaffolder-backend 4.x) differs from nunjucks in ${nunjitsuDiffers}`);
process.exit(matched + refused === cases.length ? 0 : 1);
