import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, lintWorkflow, type LintOptions } from '../../../src/core/lint';

/**
 * How much a finding matters depends on facts outside the file: whether the repository is private, which build
 * backend the project uses. Real workflows from test/fixtures/corpus/workflows (SOURCES.tsv names each one's source).
 */
const corpus = (file: string) => readFileSync(path.resolve(__dirname, '../../../../test/fixtures/corpus/workflows', file), 'utf8');
const severities = (text: string, ruleId: string, options: LintOptions = {}) => lintWorkflow(text, options).findings.filter((f) => f.ruleId === ruleId).map((f) => f.severity);
const project = (backend: string) => ({ name: 'x', normalizedName: 'x', backend });

describe('severity from what is known about the repository and the project', () => {
  describe('permissions-without-contents (simonw/llm: a publish job with only id-token: write checks out the repository)', () => {
    const llm = corpus('simonw__llm__publish.yml');
    const repository = (isPrivate?: boolean) => ({ location: { fileName: 'publish.yml', ...(isPrivate === undefined ? {} : { private: isPrivate }) } });

    it('a note on a public or unknown repository, where the checkout works without the scope', () => {
      assert.deepEqual(severities(llm, 'permissions-without-contents'), ['info']);
      assert.deepEqual(severities(llm, 'permissions-without-contents', repository(false)), ['info']);
    });

    it('a warning on a private repository, saying the checkout fails', () => {
      assert.deepEqual(severities(llm, 'permissions-without-contents', repository(true)), ['warning']);
      const [finding] = lintWorkflow(llm, repository(true)).findings.filter((f) => f.ruleId === 'permissions-without-contents');
      assert.match(finding.message, /^Job 'deploy' checks out this private repository without `contents: read`, so the checkout fails\./);
    });

    it("the user's severity setting still wins", () => {
      assert.deepEqual(severities(llm, 'permissions-without-contents', { rules: { 'permissions-without-contents': 'error' } }), ['error']);
    });
  });

  describe('outdated-publish-action below v1.14.2 (Metadata 2.5)', () => {
    it('poetry (poetry-core, which does not write 2.5) on v1.12.3: a note', () => {
      assert.deepEqual(severities(corpus('python-poetry__poetry__release.yaml'), 'outdated-publish-action', { project: project('poetry-core') }), ['info']);
    });

    it('structlog (hatchling, which writes 2.5) on v1.13.0: a warning on both uploads', () => {
      assert.deepEqual(severities(corpus('hynek__structlog__pypi-package.yml'), 'outdated-publish-action', { project: project('hatchling') }), ['warning', 'warning']);
    });

    it('an unknown backend is taken to write 2.5: a warning', () => {
      assert.deepEqual(severities(corpus('python-poetry__poetry__release.yaml'), 'outdated-publish-action'), ['warning']);
    });

    it('below v1.12.3 (Metadata 2.4, written by every current backend) stays a warning for everyone', () => {
      assert.deepEqual(severities(corpus('2bndy5__CircuitPython-mocks__python-publish.yml'), 'outdated-publish-action', { project: project('setuptools') }), ['warning']);
    });
  });
});

describe('unpinned-action: one finding per action and job', () => {
  it('ultrajson runs pypa/gh-action-pypi-publish@release/v1 four times in one job: one finding, the others related, one fix pins all four', () => {
    const text = corpus('ultrajson__ultrajson__deploy.yml');
    const findings = lintWorkflow(text).findings.filter((f) => f.ruleId === 'unpinned-action' && /gh-action-pypi-publish/.test(f.message));
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /The job uses it 4 times\./);
    assert.equal(findings[0].related?.length, 3);
    const fixed = applyEdits(text, findings[0].fixes![0].edits);
    assert.equal((fixed.match(/pypa\/gh-action-pypi-publish@[0-9a-f]{40} # v\d/g) ?? []).length, 4);
    assert.deepEqual(lintWorkflow(fixed).findings.filter((f) => f.ruleId === 'unpinned-action' && /gh-action-pypi-publish/.test(f.message)), []);
  });
});
