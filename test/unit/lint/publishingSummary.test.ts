import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describePublishing, summarizePublishing, uploadsTo } from '../../../src/core/lint';

/**
 * The publishing summary against the reviewer's labels of the real workflows in test/fixtures/corpus/workflows
 * (SOURCES.tsv: repository, commit, publish_method, environment): every workflow the reviewer saw uploading with
 * trusted publishing or a token is read the same way, with the same environment.
 */
const dir = path.resolve(__dirname, '../../../../test/fixtures/corpus/workflows');
const [header, ...rows] = readFileSync(path.join(dir, 'SOURCES.tsv'), 'utf8').trimEnd().split('\n').map((line) => line.split('\t'));
const column = (row: string[], name: string) => row[header.indexOf(name)];
const labelled = rows.map((row) => ({
  file: path.basename(column(row, 'file')),
  method: column(row, 'publish_method'),
  // "release-test-pypi / release-pypi" lists TestPyPI's first; "pypi (url ...)" adds the URL.
  environment: column(row, 'environment').split(' / ').pop()!.trim().split(/\s+/)[0],
}));
const summaryOf = (file: string) => summarizePublishing(file, readFileSync(path.join(dir, file), 'utf8'));

// pip-tools uploads to Jazzband's release server (repository_url), which forwards to PyPI: not an upload to PyPI.
const OTHER_INDEX = 'jazzband__pip-tools__release.yml';

describe('publishing summary of real workflows', () => {
  for (const { file, method, environment } of labelled.filter((l) => l.method !== 'other' && l.file !== OTHER_INDEX)) {
    it(`${file}: ${method}, environment ${environment}`, () => {
      const pypi = uploadsTo(summaryOf(file), 'pypi');
      assert.ok(pypi.length > 0, 'uploads to PyPI');
      assert.equal(pypi[0].auth, method === 'trusted' ? 'trusted' : 'token');
      assert.equal(pypi[0].environment, environment === 'none' ? '' : environment);
    });
  }

  it("an upload to another index is not a PyPI publisher (pip-tools through Jazzband's server)", () => {
    assert.deepEqual(summaryOf(OTHER_INDEX).uploads, []);
  });

  it('says how each index is published, in words', () => {
    assert.deepEqual(describePublishing(summaryOf('hynek__structlog__pypi-package.yml')), [
      "hynek__structlog__pypi-package.yml publishes to PyPI with trusted publishing, environment release-pypi (job 'release-pypi')",
      "hynek__structlog__pypi-package.yml publishes to TestPyPI with trusted publishing, environment release-test-pypi (job 'release-test-pypi')",
    ]);
    assert.deepEqual(describePublishing(summaryOf('psf__black__pypi_upload.yml')), [
      "psf__black__pypi_upload.yml uploads to PyPI with the secret PYPI_TOKEN, without an environment (job 'main', 'mypyc')",
    ]);
  });

  it('reads triggers, tag patterns and release types', () => {
    const flask = summaryOf('pallets__flask__publish.yaml');
    assert.deepEqual(flask.tagPatterns, ['*']);
    assert.deepEqual(summaryOf('psf__black__pypi_upload.yml').releaseTypes, ['published']);
  });

  it('a workflow that does not publish, and one that is not YAML, have no uploads', () => {
    assert.deepEqual(summarizePublishing('ci.yml', 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n').uploads, []);
    const broken = summarizePublishing('broken.yml', 'on: [push\njobs: {');
    assert.equal(broken.invalid, true);
    assert.deepEqual(describePublishing(broken), []);
  });
});
