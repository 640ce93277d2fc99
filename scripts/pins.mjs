// Reports how long ago the pinned versions of the generated workflow were checked: every action pin of
// src/core/publish/actionPins.ts (its `checked` date) and the Python tools of src/core/publish/toolPins.ts
// (TOOLS_CHECKED). Older than 120 days is STALE: time to look for new releases and confirm their SHAs twice.
// A reminder only: it reads the sources as text and always exits 0.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const MAX_AGE_DAYS = 120;
const today = process.argv[2] ? new Date(`${process.argv[2]}T00:00:00Z`) : new Date();
const age = (iso) => Math.floor((today.getTime() - Date.parse(`${iso}T00:00:00Z`)) / 86_400_000);

const rows = [];
const actions = readFileSync(path.join(root, 'src/core/publish/actionPins.ts'), 'utf8');
for (const match of actions.matchAll(/'([\w.-]+\/[\w.-]+)': \{\s*version: '([^']+)',\s*sha: '([0-9a-f]{40})',\s*checked: '(\d{4}-\d{2}-\d{2})',\s*latestKnown: '([^']+)'/g)) {
  const [, name, version, , checked, latestKnown] = match;
  rows.push({ what: `${name}@${version}${latestKnown !== version ? ` (newest known ${latestKnown})` : ''}`, checked });
}
const tools = readFileSync(path.join(root, 'src/core/publish/toolPins.ts'), 'utf8');
const toolsChecked = /TOOLS_CHECKED = '(\d{4}-\d{2}-\d{2})'/.exec(tools)?.[1];
for (const match of tools.matchAll(/^\s+(\w+): '([\d.]+)',$/gm)) rows.push({ what: `${match[1]}==${match[2]}`, checked: toolsChecked });

if (rows.length === 0 || rows.some((r) => !r.checked)) {
  console.log('pins: could not read the pin tables (src/core/publish/actionPins.ts, toolPins.ts)');
} else {
  let stale = 0;
  for (const { what, checked } of rows) {
    const days = age(checked);
    const old = days > MAX_AGE_DAYS;
    if (old) stale++;
    console.log(`${old ? 'STALE' : 'ok   '}  ${what}: checked ${checked} (${days} days ago)`);
  }
  console.log(
    stale === 0
      ? `pins: all ${rows.length} checked within ${MAX_AGE_DAYS} days`
      : `pins: ${stale} of ${rows.length} checked more than ${MAX_AGE_DAYS} days ago: look for new releases, confirm each SHA against two sources, update the tables and the golden files`,
  );
}
