import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { DEPENDABOT_FILE, dependabotConfig, DependabotResult } from '../../../src/core/publish';

type Config = { version: number; updates: Array<Record<string, unknown>> };

/** Applies an `append` result to the original text. */
function apply(original: string, r: DependabotResult): string {
  assert.equal(r.kind, 'append', JSON.stringify(r));
  if (r.kind !== 'append') throw new Error('unreachable');
  return original.slice(0, r.offset) + r.text + original.slice(r.offset);
}

const ACTIONS_ENTRY = {
  'package-ecosystem': 'github-actions',
  directory: '/',
  schedule: { interval: 'weekly' },
  groups: { 'github-actions': { patterns: ['*'] } },
};

describe('dependabotConfig', () => {
  it('creates the file when there is none', () => {
    for (const existing of [undefined, '', '  \n']) {
      const r = dependabotConfig(existing);
      assert.deepEqual(r, { kind: 'create', text: DEPENDABOT_FILE });
    }
    const cfg = parse(DEPENDABOT_FILE) as Config;
    assert.equal(cfg.version, 2);
    assert.deepEqual(cfg.updates, [ACTIONS_ENTRY]);
    assert.match(DEPENDABOT_FILE, /^# /, 'explains itself in a comment');
  });

  it('appends an entry in the file\'s own indentation, keeping comments and layout', () => {
    const existing = [
      '# Dependabot for the Python side',
      'version: 2',
      'updates:',
      '    # pip deps',
      '    - package-ecosystem: "pip"',
      '      directory: "/"',
      '      schedule:',
      '          interval: "daily"   # every morning',
      '      open-pull-requests-limit: 5',
      '',
      '# end of file',
      '',
    ].join('\n');
    const r = dependabotConfig(existing);
    const updated = apply(existing, r);
    // Nothing of the original text changed: the edit is a pure insertion.
    assert.ok(r.kind === 'append');
    assert.equal(updated.slice(0, r.offset), existing.slice(0, r.offset));
    assert.equal(updated.slice(r.offset + r.text.length), existing.slice(r.offset));
    assert.match(updated, /# pip deps/);
    assert.match(updated, /interval: "daily" {3}# every morning/);
    assert.match(updated, /# end of file/);
    // Indentation follows the file: dash at 4, keys at 6, nesting by 4.
    assert.match(r.text, /^ {4}- package-ecosystem: github-actions$/m);
    assert.match(r.text, /^ {6}directory: \/$/m);
    assert.match(r.text, /^ {10}interval: weekly$/m);
    // Inserted after the last item, before the trailing comment.
    assert.ok(updated.indexOf('github-actions') < updated.indexOf('# end of file'));
    const cfg = parse(updated) as Config;
    assert.equal(cfg.updates.length, 2);
    assert.equal(cfg.updates[0]['package-ecosystem'], 'pip');
    assert.deepEqual(cfg.updates[1], ACTIONS_ENTRY);
    // Applying again finds it.
    assert.deepEqual(dependabotConfig(updated), { kind: 'present' });
  });

  it('handles items written flush with the updates key and a file without a final newline', () => {
    const existing = 'version: 2\nupdates:\n- package-ecosystem: npm\n  directory: /\n  schedule:\n    interval: weekly';
    const updated = apply(existing, dependabotConfig(existing));
    const cfg = parse(updated) as Config;
    assert.deepEqual(cfg.updates[1], ACTIONS_ENTRY);
    assert.match(updated, /\n- package-ecosystem: github-actions\n {2}directory: \//);
  });

  it('keeps CRLF line endings', () => {
    const existing = 'version: 2\r\nupdates:\r\n  - package-ecosystem: pip\r\n    directory: /\r\n    schedule:\r\n      interval: weekly\r\n';
    const r = dependabotConfig(existing);
    assert.ok(r.kind === 'append');
    assert.ok(!/[^\r]\n/.test(r.text), 'only CRLF in the insertion');
    assert.deepEqual((parse(apply(existing, r)) as Config).updates[1], ACTIONS_ENTRY);
  });

  it('adds updates when the file has none, or an empty one', () => {
    for (const existing of ['version: 2\n', 'version: 2', 'version: 2\nupdates:\n', 'version: 2\nupdates:\nregistries: {}\n']) {
      const updated = apply(existing, dependabotConfig(existing));
      const cfg = parse(updated) as Config;
      assert.deepEqual(cfg.updates, [ACTIONS_ENTRY], existing);
      assert.equal(cfg.version, 2);
    }
  });

  it('adds to a flow-style list', () => {
    for (const existing of ['version: 2\nupdates: []\n', 'version: 2\nupdates: [{package-ecosystem: pip, directory: /, schedule: {interval: daily}}]\n']) {
      const cfg = parse(apply(existing, dependabotConfig(existing))) as Config;
      const last = cfg.updates[cfg.updates.length - 1];
      assert.equal(last['package-ecosystem'], 'github-actions');
    }
  });

  it('reports an existing github-actions entry as present', () => {
    const existing = [
      'version: 2',
      'updates:',
      '  - package-ecosystem: pip',
      '    directory: /',
      '    schedule: {interval: weekly}',
      '  - package-ecosystem: "github-actions"',
      '    directory: "/"',
      '    schedule:',
      '      interval: monthly',
    ].join('\n');
    assert.deepEqual(dependabotConfig(existing), { kind: 'present' });
  });

  it('still inserts, by lines, into a file the YAML parser rejects', () => {
    const existing = [
      'version: 2',
      'updates:',
      '  - package-ecosystem: pip',
      '    directory: /',
      '    schedule:',
      '      interval: weekly',
      'registries:',
      '  bad: [unclosed',
      '',
    ].join('\n');
    const r = dependabotConfig(existing);
    assert.ok(r.kind === 'append');
    assert.equal(r.offset, existing.indexOf('registries:'));
    assert.match(r.text, /^ {2}- package-ecosystem: github-actions\n {4}directory: \//);
    const updated = apply(existing, r);
    // The updates block alone is valid and now holds both entries.
    const block = updated.slice(0, updated.indexOf('registries:'));
    assert.deepEqual((parse(block) as Config).updates[1], ACTIONS_ENTRY);

    assert.deepEqual(dependabotConfig(existing + '  - package-ecosystem: "github-actions"\n'), { kind: 'present' });
    const noUpdates = 'version: 2\nregistries: [\n';
    const r2 = dependabotConfig(noUpdates);
    assert.ok(r2.kind === 'append' && r2.offset === noUpdates.length && r2.text.startsWith('updates:'));
  });
});
