// Rewrites the README's rules table (between <!-- rules:start --> and <!-- rules:end -->) from the rule registry,
// so the table cannot drift from the code: `npm run build && node scripts/readme-rules.mjs`.
// test/unit/docs/readme.test.ts fails when the README's table and the registry disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { RULE_METAS, YAML_SYNTAX } = require('../dist/core.js');

export function rulesTable(rules) {
  const rows = rules.map((r) => `| [\`${r.id}\`](docs/rules.md#${r.id}) | ${r.severity} | ${r.title} |`);
  return ['| Rule | Default | What it finds |', '|---|---|---|', ...rows].join('\n');
}

const readme = readFileSync('README.md', 'utf8');
const table = rulesTable([YAML_SYNTAX, ...RULE_METAS]);
const updated = readme.replace(/(<!-- rules:start -->)[\s\S]*?(<!-- rules:end -->)/, `$1\n${table}\n$2`);
if (updated === readme) console.log('README rules table already up to date');
else {
  writeFileSync('README.md', updated);
  console.log(`README rules table: ${RULE_METAS.length + 1} rules`);
}
