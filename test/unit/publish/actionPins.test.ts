import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ACTION_PINS, ActionName, CHECKED, isFullSha, pinnedUses, TOOL_PINS } from '../../../src/core/publish';
import { REPO_ROOT } from './fixtures';

const major = (version: string) => Number(/^v(\d+)/.exec(version)?.[1]);
const compareVersions = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.replace(/^v/, '').split('.').map(Number));
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};

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
      assert.match(pin.checked, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(pin.checked >= CHECKED, 'CHECKED is the oldest entry date');
      assert.ok(pin.sources.length >= 2, 'at least two sources');
    });

    it(`${name}: pinned to the newest major release the table knows (${ACTION_PINS[name].latestKnown})`, () => {
      const pin = ACTION_PINS[name];
      assert.match(pin.latestKnown, /^v\d+\.\d+\.\d+$/);
      assert.ok(compareVersions(pin.latestKnown, pin.version) >= 0, `latestKnown ${pin.latestKnown} is not older than the pin ${pin.version}`);
      assert.equal(major(pin.version), major(pin.latestKnown), `${name} is pinned to ${pin.version}, but ${pin.latestKnown} is known: confirm its SHA twice and move the pin`);
    });
  }

  it('the stale-pin check catches a pin behind a newer major (cibuildwheel v3.2.0 while v4 was known)', () => {
    assert.notEqual(major('v3.2.0'), major(ACTION_PINS['pypa/cibuildwheel'].latestKnown));
  });

  it('pins the releases verified against the repositories themselves', () => {
    assert.deepEqual([ACTION_PINS['pypa/cibuildwheel'].version, ACTION_PINS['pypa/cibuildwheel'].sha], ['v4.2.0', '1828c10ab37f080699c7b81cea34097c684a7074']);
    assert.deepEqual([ACTION_PINS['PyO3/maturin-action'].version, ACTION_PINS['PyO3/maturin-action'].sha], ['v1.51.0', 'e83996d129638aa358a18fbd1dfb82f0b0fb5d3b']);
    for (const name of ['pypa/cibuildwheel', 'PyO3/maturin-action'] as const) {
      assert.ok(ACTION_PINS[name].sources.some((s) => s.startsWith('snapshot of github.com/')), `${name}: the repository's own tag is a source`);
    }
  });

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

  it('npm run pins reads every pin and reports those checked over 120 days ago as STALE', () => {
    const script = path.join(REPO_ROOT, 'scripts', 'pins.mjs');
    const fresh = execFileSync(process.execPath, [script, CHECKED], { encoding: 'utf8' });
    const total = Object.keys(ACTION_PINS).length + Object.keys(TOOL_PINS).length;
    assert.match(fresh, new RegExp(`all ${total} checked within 120 days`));
    const later = new Date(Date.parse(`${CHECKED}T00:00:00Z`) + 121 * 86_400_000).toISOString().slice(0, 10);
    const stale = execFileSync(process.execPath, [script, later], { encoding: 'utf8' });
    assert.match(stale, /STALE {2}actions\/checkout@v7\.0\.1: checked 2026-11-27 \(121 days ago\)/);
    assert.match(stale, /more than 120 days ago/);
  });
});
