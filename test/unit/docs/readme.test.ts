import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
const between = (name: string) => readme.split(`<!-- ${name}:start -->`)[1]?.split(`<!-- ${name}:end -->`)[0] ?? '';

describe('README stays in step with package.json', () => {
  it('lists every contributed command by its palette title, and nothing else', () => {
    const rows = between('commands').split('\n').filter((l) => l.startsWith('| PyPI'));
    const titles = manifest.contributes.commands
      .filter((c: any) => !(manifest.contributes.menus?.commandPalette ?? []).some((m: any) => m.command === c.command && m.when === 'false'))
      .map((c: any) => `${c.category}: ${c.title}`);
    assert.deepEqual(rows.map((r) => r.split('|')[1].trim()).sort(), titles.sort());
  });

  it('lists every setting with its default', () => {
    const rows = between('settings').split('\n').filter((l) => l.startsWith('| `'));
    const settings = Object.entries<any>(manifest.contributes.configuration.properties);
    assert.equal(rows.length, settings.length);
    for (const [key, schema] of settings) {
      const row = rows.find((r) => r.startsWith(`| \`${key}\``));
      assert.ok(row, `README has no row for ${key}`);
      const shown = typeof schema.default === 'object' ? JSON.stringify(schema.default) : String(schema.default);
      assert.ok(row.includes(`\`${shown}\``), `README row for ${key} shows the default ${shown}`);
      assert.ok(schema.markdownDescription && schema.scope, `${key} has a markdownDescription and a scope`);
    }
  });

  it('has a two-line quick start: one to run on the example, one to test', () => {
    const quickStart = readme.split('## Quick start')[1].split('```sh')[1].split('```')[0].trim().split('\n');
    assert.equal(quickStart.length, 2);
    assert.match(quickStart[0], /npm start/);
    assert.match(quickStart[1], /^npm test/);
    assert.equal(manifest.scripts.start !== undefined && manifest.scripts.test !== undefined, true);
  });

  it('gives every command a category and registers nothing outside trustedPublishing.*', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'PyPI Trusted Publishing');
      assert.match(command.command, /^trustedPublishing\.[a-zA-Z]+$/);
    }
  });
});

describe('README rules table', () => {
  it('lists every rule with its default severity and title, as the registry says (node scripts/readme-rules.mjs)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { RULE_METAS, YAML_SYNTAX } = require('../../../src/core/lint') as typeof import('../../../src/core/lint');
    const rows = between('rules').split('\n').filter((l) => l.startsWith('| ['));
    const expected = [YAML_SYNTAX, ...RULE_METAS].map((r) => `| [\`${r.id}\`](docs/rules.md#${r.id}) | ${r.severity} | ${r.title} |`);
    assert.deepEqual(rows, expected);
  });
});
