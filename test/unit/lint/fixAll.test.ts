import * as assert from 'node:assert/strict';
import { fixAll, lintWorkflow, RULES, SAFE_FIX_RULES } from '../../../src/core/lint';

describe('fix all', () => {
  it('names only registered rules as safe to fix in bulk', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const id of SAFE_FIX_RULES) assert.ok(ids.has(id), id);
  });

  it('applies every safe fix, keeps comments, and leaves the rest for the user to choose', () => {
    const text = [
      'on:',
      '  release:',
      '    types: [published]',
      'jobs:',
      '  publish:',
      '    runs-on: ubuntu-latest',
      '    environment: pypi',
      '    steps:',
      '      - uses: actions/setup-python@v5',
      '        with:',
      '          python-version: 3.10  # keep me',
      '      - uses: pypa/gh-action-pypi-publish@master',
      '        with:',
      '          skip_existing: true',
      '          password: ${{ secrets.PYPI_TOKEN }}',
      '',
    ].join('\n');
    const { text: fixed, applied } = fixAll(text);
    for (const id of ['float-python-version', 'sunset-action-ref']) assert.ok(applied.includes(id), id);
    // `skip_existing` is the only spelling on @master: the sunset fix renames it with the move to v1.
    assert.match(fixed, /python-version: '3\.10'  # keep me/);
    // The other actions are not pinned by release tags (SHA mode): the sunset branch becomes a SHA pin of v1.
    assert.match(fixed, /gh-action-pypi-publish@[0-9a-f]{40} # v1\.\d+\.\d+/);
    assert.match(fixed, /skip-existing: true/);
    const left = new Set(lintWorkflow(fixed).findings.map((f) => f.ruleId));
    assert.ok(left.has('token-publishing'), 'removing a token is the user\'s call, not a bulk fix');
    for (const id of applied) assert.ok(!left.has(id), `${id} is fixed`);
  });
});
