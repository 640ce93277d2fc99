import * as assert from 'node:assert/strict';
import { ACTION_PINS, ActionName, CHECKED, isFullSha, pinnedUses } from '../../../src/core/publish';

describe('action pins', () => {
  const names = Object.keys(ACTION_PINS) as ActionName[];

  it('covers every action the generator uses', () => {
    assert.deepEqual([...names].sort(), [
      'PyO3/maturin-action',
      'actions/checkout',
      'actions/download-artifact',
      'actions/setup-python',
      'actions/upload-artifact',
      'astral-sh/setup-uv',
      'pypa/cibuildwheel',
      'pypa/gh-action-pypi-publish',
    ]);
  });

  for (const name of names) {
    it(`${name}: full SHA, semver tag, date, two sources`, () => {
      const pin = ACTION_PINS[name];
      assert.ok(isFullSha(pin.sha), pin.sha);
      assert.match(pin.version, /^v\d+\.\d+\.\d+$/);
      assert.equal(pin.checked, CHECKED);
      assert.ok(pin.sources.length >= 2, 'at least two sources');
    });
  }

  it('uses distinct SHAs', () => {
    const shas = names.map((n) => ACTION_PINS[n].sha);
    assert.equal(new Set(shas).size, shas.length);
  });

  it('keeps the checked date a real ISO date', () => {
    assert.match(CHECKED, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(!Number.isNaN(Date.parse(CHECKED)));
  });

  it('formats sha pins with a version comment', () => {
    assert.equal(
      pinnedUses('actions/checkout', 'sha'),
      `actions/checkout@${ACTION_PINS['actions/checkout'].sha} # ${ACTION_PINS['actions/checkout'].version}`,
    );
  });

  it('formats tag pins, with release/v1 for the PyPA publish action', () => {
    assert.equal(pinnedUses('actions/checkout', 'tag'), `actions/checkout@${ACTION_PINS['actions/checkout'].version}`);
    assert.equal(pinnedUses('pypa/gh-action-pypi-publish', 'tag'), 'pypa/gh-action-pypi-publish@release/v1');
  });

  it('recognises full SHAs only', () => {
    assert.equal(isFullSha('a'.repeat(40)), true);
    assert.equal(isFullSha('a'.repeat(39)), false);
    assert.equal(isFullSha('A'.repeat(40)), false);
    assert.equal(isFullSha('v4'), false);
  });
});
