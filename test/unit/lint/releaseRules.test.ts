import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { compareVersions, describeVersion, majorOfRef, versionOf } from '../../../src/core/lint/analysis/actionRefs';
import { globsIntersect, normalizeDir } from '../../../src/core/lint/analysis/artifacts';
import { lintWorkflow } from '../../../src/core/lint';
import { canonicalFor } from '../../../src/core/lint/rules/bad-repository-url';
import { buildWorkflowModel } from '../../../src/core/lint/analysis/workflowModel';
import { generateWorkflow, planRelease } from '../../../src/core/publish';
import { generatorCombinations } from '../publish/fixtures';

describe('release rules', () => {
  it('every rule finds nothing in any workflow the generator writes (288 option combinations)', () => {
    let count = 0;
    for (const { facts: f, options, label } of generatorCombinations()) {
      const text = generateWorkflow(planRelease(f, options));
      const project = {
        name: f.name,
        normalizedName: f.normalizedName,
        versionFromVcs: f.version.kind === 'dynamic' && f.version.fromVcs,
        compiled: f.build.kind === 'compiled',
      };
      const found = lintWorkflow(text, { project }).findings;
      assert.deepEqual(found.map((x) => `${x.ruleId}: ${x.message}`), [], label);
      count++;
    }
    assert.equal(count, 288);
  });

  it('match artifact names as globs, expressions as wildcards', () => {
    assert.ok(globsIntersect('cibw-*', 'cibw-wheels-${{ matrix.os }}-${{ strategy.job-index }}'));
    assert.ok(globsIntersect('cibw-*', 'cibw-sdist'));
    assert.ok(globsIntersect('{wheels,sdist}-*', 'sdist-${{ matrix.x }}'));
    assert.ok(globsIntersect('${{ inputs.name }}', 'dist'));
    assert.ok(globsIntersect('Packages', 'packages'));
    assert.ok(!globsIntersect('wheels-*', 'cibw-sdist'));
    assert.ok(!globsIntersect('dist', 'python-package-distributions'));
    assert.ok(!globsIntersect('cibw-*-linux', 'cibw-${{ matrix.os }}-macos'));
  });

  it('normalizes download folders', () => {
    assert.equal(normalizeDir(undefined), '.');
    assert.equal(normalizeDir('./dist/'), 'dist');
    assert.equal(normalizeDir('${{ github.workspace }}/dist'), 'dist');
    assert.equal(normalizeDir('.'), '.');
  });

  it('names the upload endpoint for PyPI and TestPyPI addresses', () => {
    assert.equal(canonicalFor('https://upload.pypi.org/legacy/'), undefined);
    assert.equal(canonicalFor('https://test.pypi.org/legacy/'), undefined);
    assert.equal(canonicalFor('https://test.pypi.org/legacy'), undefined);
    assert.equal(canonicalFor('https://pypi.org/legacy/'), 'https://upload.pypi.org/legacy/');
    assert.equal(canonicalFor('https://pypi.org/simple/'), 'https://upload.pypi.org/legacy/');
    assert.equal(canonicalFor('http://upload.pypi.org/legacy/'), 'https://upload.pypi.org/legacy/');
    assert.equal(canonicalFor('https://test.pypi.org/simple/'), 'https://test.pypi.org/legacy/');
    assert.equal(canonicalFor('https://pypi.example.com/simple/'), undefined);
    assert.equal(canonicalFor('https://pypi.org.evil.example/legacy/'), undefined);
    assert.equal(canonicalFor('${{ vars.URL }}'), undefined);
  });

  it('reads an action version from its ref, the release its SHA is, or its comment', () => {
    const text = [
      'jobs:',
      '  a:',
      '    steps:',
      '      - uses: pypa/gh-action-pypi-publish@v1.12.4',
      '      - uses: pypa/gh-action-pypi-publish@0ab0b79471669eb3a4d647e625009c62f9f3b241 # v1.10.1',
      '      - uses: pypa/gh-action-pypi-publish@27b31702a0e7fc50959f5ad993c78deac1bdfc29',
      '      - uses: pypa/gh-action-pypi-publish@release/v1',
      // A SHA the table does not know: only its comment tells.
      '      - uses: pypa/gh-action-pypi-publish@0123456789abcdef0123456789abcdef01234567 # v1.9.0',
      '      - uses: pypa/gh-action-pypi-publish@0123456789abcdef0123456789abcdef01234567',
      // A known commit under a wrong comment: the commit is what runs.
      '      - uses: actions/upload-artifact@0b7f8abb1508181956e8e162db84b466c27e18ce # v4',
      '',
    ].join('\n');
    const steps = buildWorkflowModel(parseDocument(text)).jobs[0].steps;
    const versions = steps.map((s) => versionOf(text, s.uses!));
    assert.deepEqual(versions.map((v) => v && [v.major, v.minor, v.patch, v.from]), [
      [1, 12, 4, 'ref'],
      [1, 10, 1, 'sha'],
      [1, 4, 2, 'sha'],
      undefined,
      [1, 9, 0, 'comment'],
      undefined,
      [3, 1, 2, 'sha'],
    ]);
    assert.equal(text.slice(versions[1]!.commentSpan!.start, versions[1]!.commentSpan!.end), 'v1.10.1', 'the comment, for a fix to rewrite');
    assert.equal(describeVersion(steps[2].uses!, versions[2]!), '27b3170…, which is v1.4.2');
    assert.equal(describeVersion(steps[4].uses!, versions[4]!), '0123456… (v1.9.0)');
    assert.equal(majorOfRef(steps[2].uses!), 1);
    assert.equal(majorOfRef(steps[5].uses!), undefined, 'an unknown SHA stays unknown');
    assert.equal(majorOfRef(steps[6].uses!), 3);
    assert.equal(compareVersions({ major: 1, minor: 14 }, [1, 14, 2]), 1);
    assert.equal(compareVersions({ major: 1, minor: 12, patch: 3 }, [1, 12, 3]), 0);
    assert.equal(compareVersions({ major: 1, minor: 8, patch: 14 }, [1, 12, 3]), -1);
  });
});
