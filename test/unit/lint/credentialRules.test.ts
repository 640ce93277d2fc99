import * as assert from 'node:assert/strict';
import { applyEdits, lintWorkflow } from '../../../src/core/lint';
import { loadFixtures } from './fixtures';

/** The rules about credentials and permissions must agree with each other, not only each with its own fixtures. */
describe('credential and permission rules together', () => {
  const fixtures = loadFixtures();

  it('never report the same upload as both token-publishing and missing-id-token', () => {
    for (const fixture of fixtures) {
      const findings = lintWorkflow(fixture.text, fixture.options).findings;
      const uploads = (id: string) => new Set(findings.filter((f) => f.ruleId === id).flatMap((f) => (f.related ?? []).map((r) => `${r.range.start}`)));
      const token = uploads('token-publishing');
      const missing = uploads('missing-id-token');
      assert.deepEqual([...token].filter((u) => missing.has(u)), [], `${fixture.ruleId}/${fixture.name}`);
    }
  });

  it('leave nothing for the other permission rules to report after their fixes', () => {
    const followUps = ['missing-id-token', 'permissions-without-contents', 'token-overrides-oidc', 'token-publishing'];
    for (const fixture of fixtures.filter((f) => ['token-publishing', 'token-overrides-oidc', 'id-token-workflow-level'].includes(f.ruleId) && f.kind === 'bad')) {
      const findings = lintWorkflow(fixture.text, fixture.options).findings.filter((f) => f.ruleId === fixture.ruleId && f.fixes);
      if (findings.length === 0) continue;
      const before = new Set(lintWorkflow(fixture.text, fixture.options).findings.map((f) => f.ruleId));
      const fixed = applyEdits(fixture.text, findings.flatMap((f) => f.fixes![0].edits));
      const after = lintWorkflow(fixed, fixture.options).findings.filter((f) => followUps.includes(f.ruleId) && !before.has(f.ruleId));
      assert.deepEqual(after.map((f) => `${f.ruleId}: ${f.message}`), [], `${fixture.ruleId}/${fixture.name}`);
    }
  });

  it('agree on one edit per job when several findings of a job are fixed at once', () => {
    const text = [
      'on: push',
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: pypa/gh-action-pypi-publish@release/v1',
      '        with:',
      '          password: ${{ secrets.TEST_PYPI_TOKEN }}',
      '          repository-url: https://test.pypi.org/legacy/',
      '      - run: twine upload dist/*',
      '        env:',
      '          TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}',
      '',
    ].join('\n');
    const findings = lintWorkflow(text).findings.filter((f) => f.ruleId === 'token-publishing');
    assert.equal(findings.length, 2);
    // Each fix alone switches the whole job; both together give the same text.
    const one = applyEdits(text, findings[0].fixes![0].edits);
    const both = applyEdits(text, findings.flatMap((f) => f.fixes![0].edits));
    assert.equal(one, both);
    assert.equal(both.match(/id-token: write/g)?.length, 1);
    assert.doesNotMatch(both, /secrets\./);
  });
});
