import * as assert from 'node:assert/strict';
import { diagnoseLog, readClaims, readJobLog, recogniseFailures } from '../../../src/core/diagnose';
import { failedStep, lastLinesOf } from '../../../src/core/diagnose/jobLog';
import { distributionOf, indexOfLog, publishActionOf } from '../../../src/core/diagnose/recognise';
import { logFixture, logFixtureNames } from './fixtures';

describe('diagnose: reading job logs', () => {
  it('drops timestamps and markers, and keeps each line in its step', () => {
    const log = readJobLog(logFixture('invalid-publisher-raw.log'));
    assert.ok(log.lines.every((l) => !/^\d{4}-\d\d-\d\dT/.test(l.text)), 'a timestamp survived');
    assert.ok(log.lines.every((l) => !l.text.includes('##[')), 'a ##[ marker survived');
    const error = log.lines.find((l) => l.annotation === 'error')!;
    assert.equal(error.text, 'Trusted publishing exchange failure:');
    assert.equal(error.step, '# Set up a Python runtime');
    assert.equal(log.lines.find((l) => l.text === 'with:')!.step, 'pypa/gh-action-pypi-publish@release/v1');
  });

  it('reads the real raw log lines GitHub writes (7-digit fractions, ##[error] at the end)', () => {
    const log = readJobLog(logFixture('non-linux-runner.log'));
    const error = log.lines.find((l) => l.annotation === 'error')!;
    assert.equal(error.text, 'Container action is only supported on Linux');
    assert.equal(error.step, 'pypa/gh-action-pypi-publish@master');
    assert.equal(error.number, 11, 'line numbers are those of the text as given');
    assert.equal(failedStep(log), 'pypa/gh-action-pypi-publish@master');
  });

  it('unescapes a ::error:: command printed with %0A for newlines', () => {
    const log = readJobLog(logFixture('invalid-publisher-annotation.log'));
    const claims = readClaims(log)!;
    assert.equal(claims.repository, 'pyOpenSci/pyosMeta');
    assert.equal(claims.environment, '', 'MISSING reads as no environment');
    assert.equal(claims.job_workflow_ref, 'pyOpenSci/pyosMeta/.github/workflows/run-tests.yml@refs/tags/v0.2.2');
    assert.ok(log.lines.some((l) => l.text.startsWith('* `invalid-publisher`')));
  });

  it('strips the line-number links that copying from the web page pastes into values', () => {
    const claims = readClaims(readJobLog(logFixture('invalid-publisher-ui-paste.txt')))!;
    assert.equal(claims.repository_owner_id, '12176396');
    assert.equal(claims.environment, undefined, 'the older action does not render the environment claim');
    assert.equal(claims.sub, 'repo:poliastro/czml3:environment:pypi');
  });

  it("reads uv's claims (a Rust debug struct)", () => {
    const claims = readClaims(readJobLog(logFixture('invalid-publisher-uv.log')))!;
    assert.deepEqual(claims, {
      sub: 'repo:bosprimigenious/continuum:environment:release',
      repository: 'bosprimigenious/continuum',
      repository_owner: 'bosprimigenious',
      repository_owner_id: '118331002',
      job_workflow_ref: 'bosprimigenious/continuum/.github/workflows/publish.yml@refs/heads/main',
      ref: 'refs/heads/main',
    });
  });

  it('joins messages that twine wrapped at 80 columns', () => {
    const log = readJobLog(logFixture('file-already-exists-twine.log'));
    const [failure] = recogniseFailures(log);
    assert.equal(failure.kind, 'file-exists');
    assert.equal(failure.file, 'sierralocal-0.4.1-py3-none-any.whl');
    assert.deepEqual(
      failure.evidence.map((l) => l.text.trim().slice(0, 20).trim()),
      ['File already exists', 'blake2_256 hash', "'5a7bbaef507494a1537"],
    );
  });

  it('recognises each fixture as the failure it shows', () => {
    const expected: Record<string, string[]> = {
      'fork-pull-request.log': ['fork-pull-request', 'missing-id-token'],
      'file-already-exists-twine.log': ['file-exists'],
      'file-already-exists-uv.log': ['file-exists'],
      'invalid-pending-publisher.log': ['invalid-pending-publisher'],
      'invalid-publisher-annotation.log': ['invalid-publisher'],
      'invalid-publisher-raw.log': ['invalid-publisher'],
      'invalid-publisher-ui-paste.txt': ['invalid-publisher'],
      'invalid-publisher-uv.log': ['invalid-publisher'],
      'license-file.log': ['metadata-unsupported'],
      'metadata-2-4.log': ['metadata-unsupported'],
      'metadata-twine-check.log': ['metadata-unsupported'],
      'missing-id-token-uv.log': ['missing-id-token'],
      'missing-id-token.log': ['missing-id-token'],
      'non-linux-runner-composite.log': ['non-linux-runner'],
      'non-linux-runner.log': ['non-linux-runner'],
      'non-user-identity.log': ['non-user-identity'],
      'reusable-workflow.log': ['invalid-publisher', 'reusable-workflow'],
      'token-rejected.log': ['token-rejected'],
      'unknown-local-version.log': [],
    };
    assert.deepEqual(logFixtureNames(), Object.keys(expected).sort(), 'every fixture has an expectation here');
    for (const [name, kinds] of Object.entries(expected)) {
      assert.deepEqual(recogniseFailures(readJobLog(logFixture(name))).map((f) => f.kind), kinds, name);
    }
  });

  it('reads the index, the action release and the distribution names', () => {
    assert.equal(indexOfLog(readJobLog(logFixture('non-user-identity.log'))), 'testpypi');
    assert.equal(indexOfLog(readJobLog(logFixture('file-already-exists-uv.log'))), 'pypi');
    assert.deepEqual(publishActionOf(readJobLog(logFixture('metadata-2-4.log'))), { ref: 'v1.8.14', version: 'v1.8.14' });
    assert.deepEqual(publishActionOf(readJobLog(logFixture('missing-id-token.log'))), { ref: 'release/v1', version: 'v1.13.0' });
    assert.deepEqual(distributionOf('Uploading coordinaxs_hypothesis-0.1.0-py3-none-any.whl'), { file: 'coordinaxs_hypothesis-0.1.0-py3-none-any.whl', name: 'coordinaxs_hypothesis', version: '0.1.0' });
    assert.deepEqual(distributionOf('dist/petsird-0.3.1.dev9+g00e33b0-py3-none-any.whl'), { file: 'petsird-0.3.1.dev9+g00e33b0-py3-none-any.whl', name: 'petsird', version: '0.3.1.dev9+g00e33b0' });
    assert.deepEqual(distributionOf('dist/my-pkg-2.0.tar.gz'), { file: 'my-pkg-2.0.tar.gz', name: 'my-pkg', version: '2.0' });
  });

  it('quotes the last lines of the failing step for a failure it does not know', () => {
    const log = readJobLog(logFixture('unknown-local-version.log'));
    const lines = lastLinesOf(log, failedStep(log));
    assert.ok(lines.some((l) => l.text.includes('400 The use of local versions in')));
    assert.equal(lines.at(-1)!.text, 'Process completed with exit code 1.');
  });

  it('finds nothing in an empty or unrelated text, and no claims in a stray "ref:" line', () => {
    assert.deepEqual(recogniseFailures(readJobLog('')), []);
    assert.equal(readClaims(readJobLog('ref: main\nsomething else')), undefined);
  });
});

describe('diagnose: logs printed by gh run view --log-failed', () => {
  it('reads the job and step columns before each line', () => {
    const raw = logFixture('missing-id-token.log')
      .split('\n')
      .map((l) => (l ? `publish\tPublish to PyPI\t${l}` : l))
      .join('\n');
    const log = readJobLog(raw);
    const error = log.lines.find((l) => l.annotation === 'error')!;
    assert.equal(error.step, 'Publish to PyPI');
    assert.match(error.text, /^Trusted publishing exchange failure/);
    assert.deepEqual(recogniseFailures(log).map((f) => f.kind), ['missing-id-token']);
  });
});

describe('diagnose: hostile logs', function () {
  this.timeout(20000);
  it('reads a 5 MB log, and one made of half-messages, in a few seconds at most', () => {
    const line = '2024-05-01T12:00:00.1234567Z some build output that goes on and on without anything we know\n';
    const junk = line.repeat(Math.ceil(5_000_000 / line.length));
    const halves = 'OpenID Connect token retrieval failed: and no sentence end '.repeat(80_000) + '`invalid-publisher`: '.repeat(50_000);
    for (const text of [junk, halves, junk + logFixture('missing-id-token.log')]) {
      const started = Date.now();
      diagnoseLog(text);
      assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    }
    assert.equal(diagnoseLog(junk + logFixture('missing-id-token.log')).diagnoses[0].kind, 'missing-id-token', 'the failure at the end of a long log is found');
  });
});
