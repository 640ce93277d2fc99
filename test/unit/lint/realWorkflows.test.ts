import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lintWorkflow, summarizePublishing } from '../../../src/core/lint';
import { inspectWorkflow } from '../../../src/core/setup/inspectWorkflow';

/**
 * Real workflows that upload through scripts, task runners, third-party actions or the packaging tool itself, with a
 * reviewer's labels (test/fixtures/real-workflows/MANIFEST.tsv). Whatever way they upload, the checks see the upload,
 * its index and its credential, the build in the uploading job, and the persisted checkout credentials.
 */
const fixtures = path.resolve(__dirname, '../../../../test/fixtures');
const dir = path.join(fixtures, 'real-workflows');
const [header, ...rows] = readFileSync(path.join(dir, 'MANIFEST.tsv'), 'utf8').trimEnd().split('\n').map((line) => line.split('\t'));
const column = (row: string[], name: string) => row[header.indexOf(name)];
const manifest = rows.map((row) => ({
  file: column(row, 'file'),
  index: column(row, 'index') as 'pypi' | 'testpypi',
  auth: column(row, 'auth') as 'token' | 'trusted' | 'unknown',
  build: column(row, 'build_in_publish_job') === 'yes',
}));

const TOKEN_RULES = ['token-publishing', 'token-overrides-oidc'];

function check(file: string, text: string) {
  const findings = lintWorkflow(text).findings;
  return { findings, fired: new Set(findings.map((f) => f.ruleId)), summary: summarizePublishing(path.basename(file), text) };
}

describe('checks on real workflows that upload without the PyPA action', () => {
  it('reads every row of the manifest', () => {
    assert.equal(manifest.length, 16);
  });

  for (const { file, index, auth, build } of manifest) {
    describe(file, () => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const { findings, fired, summary } = check(file, text);

      it(`summarizes an upload to ${index} with auth ${auth}`, () => {
        const uploads = summary.uploads.filter((u) => u.index === index);
        assert.ok(uploads.length > 0, `uploads to ${index} (found: ${JSON.stringify(summary.uploads.map((u) => [u.jobId, u.index, u.auth]))})`);
        assert.ok(uploads.every((u) => u.auth === auth), `auth ${auth} (found: ${uploads.map((u) => u.auth).join(', ')})`);
        assert.ok(summary.uploads.every((u) => u.index === index), 'no upload to the other index');
      });

      it(auth === 'token' ? 'reports the long-lived token' : 'reports no token', () => {
        assert.equal(TOKEN_RULES.some((id) => fired.has(id)), auth === 'token', [...fired].join(', '));
      });

      it(build ? 'reports the build in the uploading job' : 'reports no build in the uploading job', () => {
        assert.equal(fired.has('build-in-publish-job'), build);
      });

      it('reports the checkout that keeps the GitHub token on disk', () => {
        // None of these files sets persist-credentials: false, and none of their upload jobs pushes with git.
        assert.equal(fired.has('checkout-persists-credentials'), /uses: ["']?actions\/checkout@/.test(text));
      });

      it('says what it saw when no step names the upload', () => {
        for (const finding of findings.filter((f) => f.ruleId === 'token-publishing' && / appears to upload /.test(f.message))) {
          assert.match(finding.message, /its step '.+' runs `.+` with |it (?:runs|uses) `.+` with /i);
        }
      });
    });
  }
});

describe('real workspaces whose upload is in a script', () => {
  const cases = [
    { folder: 'token-script', file: 'publish.yml', what: 'scripts/publish', secret: 'PYPI_TOKEN' },
    { folder: 'token-script-2', file: 'main.yml', what: 'tox -e release', secret: 'PYPI_TOKEN' },
  ];
  for (const { folder, file, what, secret } of cases) {
    it(`${folder}: \`${what}\` with TWINE_PASSWORD is a token upload to PyPI`, () => {
      const text = readFileSync(path.join(fixtures, 'real-workspaces', folder, '.github/workflows', file), 'utf8');
      const { findings, summary } = check(file, text);
      const token = findings.filter((f) => f.ruleId === 'token-publishing');
      assert.equal(token.length, 1);
      assert.match(token[0].message, new RegExp(`runs \`${what}\` with \`TWINE_PASSWORD\` from the secret ${secret}`));
      assert.deepEqual(
        summary.uploads.map((u) => [u.index, u.auth, u.tool, u.secrets]),
        [['pypi', 'token', what, [secret]]],
      );
    });
  }

  it('token-script: the build script before the upload is a build in the publish job, and says why', () => {
    const text = readFileSync(path.join(fixtures, 'real-workspaces/token-script/.github/workflows/publish.yml'), 'utf8');
    const build = lintWorkflow(text).findings.filter((f) => f.ruleId === 'build-in-publish-job');
    assert.equal(build.length, 1);
    assert.match(build[0].message, /runs `scripts\/build` before the upload, and no step of the job downloads distributions, so the files it uploads are built in this job, most likely by that script/);
  });

  it('the wizard sees the token upload and its secret, and offers no in-place migration of a script it cannot read', () => {
    const text = readFileSync(path.join(fixtures, 'real-workspaces/token-script/.github/workflows/publish.yml'), 'utf8');
    const inspection = inspectWorkflow('publish.yml', text);
    assert.equal(inspection.tokenPublishing, true);
    assert.deepEqual(inspection.secrets, ['PYPI_TOKEN']);
    assert.equal(inspection.migration, undefined);
  });

  it('the CI workflow next to it publishes nothing', () => {
    const text = readFileSync(path.join(fixtures, 'real-workspaces/token-script/.github/workflows/test-suite.yml'), 'utf8');
    assert.deepEqual(check('test-suite.yml', text).summary.uploads, []);
  });
});
