import * as assert from 'node:assert/strict';
import { ACTION_PINS } from '../../../src/core/publish/actionPins';
import { CONFIRMATIONS, KNOWN_ACTION_SHAS, KNOWN_SHAS_CHECKED, knownRelease, type KnownShaAction } from '../../../src/core/lint/analysis/knownActionShas';

describe('the table of release commits', () => {
  const actions = Object.keys(KNOWN_ACTION_SHAS) as KnownShaAction[];

  it('has full lower-case SHAs and release tags, one tag per commit', () => {
    assert.match(KNOWN_SHAS_CHECKED, /^\d{4}-\d{2}-\d{2}$/);
    for (const action of actions) {
      const entries = Object.entries(KNOWN_ACTION_SHAS[action]);
      assert.ok(entries.length > 30, `${action}: every release, not a sample`);
      for (const [sha, tag] of entries) {
        assert.match(sha, /^[0-9a-f]{40}$/, `${action} ${tag}`);
        assert.match(tag, /^v\d+\.\d+/, `${action} ${sha}`);
      }
      const tags = entries.map(([, tag]) => tag);
      assert.equal(new Set(tags).size, tags.length, `${action}: no release named twice`);
    }
  });

  it('agrees with the pins the generator writes', () => {
    for (const action of actions) assert.equal(knownRelease(action, ACTION_PINS[action].sha), ACTION_PINS[action].version, action);
  });

  it('confirms only releases it has', () => {
    for (const action of actions) {
      const tags = new Set(Object.values(KNOWN_ACTION_SHAS[action]));
      for (const [version, sources] of Object.entries(CONFIRMATIONS[action])) {
        assert.ok(tags.has(version), `${action} ${version}`);
        assert.ok(sources.length > 0);
      }
    }
  });

  it('knows the commits issue 13 names, and nothing of other actions', () => {
    assert.equal(knownRelease('pypa/gh-action-pypi-publish', '27b31702a0e7fc50959f5ad993c78deac1bdfc29'), 'v1.4.2');
    assert.equal(knownRelease('PyPA/gh-action-pypi-publish', '27B31702A0E7FC50959F5AD993C78DEAC1BDFC29'), 'v1.4.2', 'GitHub names are case-insensitive');
    assert.equal(knownRelease('actions/upload-artifact', '0b7f8abb1508181956e8e162db84b466c27e18ce'), 'v3.1.2');
    assert.equal(knownRelease('actions/download-artifact', '9bc31d5ccc31df68ecc42ccf4149144866c47d8a'), 'v3.0.2');
    assert.equal(knownRelease('actions/checkout', '27b31702a0e7fc50959f5ad993c78deac1bdfc29'), undefined);
    assert.equal(knownRelease('pypa/gh-action-pypi-publish', '27b3170'), undefined, 'a short SHA is no pin GitHub accepts');
  });
});
