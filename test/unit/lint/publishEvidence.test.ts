import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { lintWorkflow, summarizePublishing } from '../../../src/core/lint';
import { buildStepsOf } from '../../../src/core/lint/analysis/oidcPublishing';
import { findPublishSteps } from '../../../src/core/lint/analysis/publishing';
import { buildWorkflowModel } from '../../../src/core/lint/analysis/workflowModel';

const model = (text: string) => buildWorkflowModel(parseDocument(text));
const job = (steps: string, extra = '') => `on:\n  push:\n    tags: ['v*']\njobs:\n  publish:\n    runs-on: ubuntu-latest\n${extra}    steps:\n${steps}`;
const uploads = (text: string, weak = false) =>
  findPublishSteps(model(text), text, { weak }).map((p) => ({ tool: p.tool, strength: p.strength, index: p.index, what: p.evidence?.what, via: p.evidence?.via }));

describe('publishing evidence', () => {
  it('a named upload is certain evidence and carries no description', () => {
    assert.deepEqual(uploads(job('      - run: twine upload dist/*\n')), [{ tool: 'twine', strength: 'certain', index: 'pypi', what: undefined, via: undefined }]);
  });

  it('a script handed a token in its env is strong evidence, described by what ran and what reached it', () => {
    const text = job('      - run: ./scripts/release.sh\n        env:\n          TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}\n');
    assert.deepEqual(uploads(text), [{ tool: 'script', strength: 'strong', index: 'pypi', what: './scripts/release.sh', via: '`TWINE_PASSWORD` from the secret PYPI_TOKEN' }]);
  });

  for (const command of ['make publish', 'tox -e release', 'nox -s publish', 'hatch run release', 'invoke release', 'just publish', 'bash scripts/publish.sh', 'python scripts/upload.py']) {
    it(`\`${command}\` reached by a token in the job's env is strong evidence`, () => {
      const text = job(`      - run: make test\n      - run: ${command}\n`, '    env:\n      PYPI_API_TOKEN: ${{ secrets.PYPI_API_TOKEN }}\n');
      assert.deepEqual(uploads(text).map((u) => [u.strength, u.what]), [['strong', command]]);
    });
  }

  it('a PyPI secret under a name no uploader reads only counts for a step that speaks of publishing', () => {
    const install = job('      - run: pip install -r requirements.txt\n        env:\n          PIP_INDEX_URL: https://__token__:${{ secrets.PRIVATE_PYPI_TOKEN }}@pypi.example.com/simple\n');
    assert.deepEqual(uploads(install), []);
    const named = job('      - name: Publish\n        run: ./ci/go.sh\n        env:\n          MY_SECRET: ${{ secrets.PYPI_TOKEN }}\n');
    assert.deepEqual(uploads(named).map((u) => [u.strength, u.what]), [['strong', './ci/go.sh']]);
  });

  it('names alone are weak evidence: only reported when asked for, never by the rules', () => {
    const text = job('      - uses: actions/checkout@v4\n      - run: make release\n');
    assert.deepEqual(uploads(text), []);
    assert.deepEqual(uploads(text, true).map((u) => [u.strength, u.what]), [['weak', 'make release']]);
    assert.deepEqual(lintWorkflow(text).findings.map((f) => f.ruleId), []);
  });

  it('a publish command in a job with id-token: write is strong evidence of trusted publishing', () => {
    const text = job('      - run: make publish\n', '    permissions:\n      id-token: write\n');
    assert.deepEqual(uploads(text).map((u) => [u.strength, u.via]), [['strong', '`id-token: write`']]);
    assert.deepEqual(summarizePublishing('x.yml', text).uploads.map((u) => [u.index, u.auth, u.tool]), [['pypi', 'trusted', 'make publish']]);
  });

  it('a job with id-token: write and a PyPI environment URL uploads from its last script', () => {
    const text = job('      - run: ./ci/go.sh\n', '    environment:\n      name: release\n      url: https://test.pypi.org/p/x\n    permissions:\n      id-token: write\n');
    assert.deepEqual(uploads(text).map((u) => [u.index, u.what]), [['testpypi', './ci/go.sh']]);
  });

  it('a deploy script in a job with id-token: write is not an upload (clouds use OIDC too)', () => {
    assert.deepEqual(uploads(job('      - run: ./scripts/deploy.sh\n', '    permissions:\n      id-token: write\n')), []);
  });

  it('takes the index from secret names, the environment and URL variables where the command does not say', () => {
    const test = job('      - run: scripts/publish\n        env:\n          TWINE_PASSWORD: ${{ secrets.TEST_PYPI_TOKEN }}\n');
    assert.equal(uploads(test)[0].index, 'testpypi');
    const environment = job('      - run: scripts/publish\n        env:\n          TWINE_PASSWORD: ${{ secrets.TOKEN }}\n', '    environment: testpypi\n');
    assert.equal(uploads(environment)[0].index, 'testpypi');
    const url = job('      - run: scripts/publish\n        env:\n          TWINE_REPOSITORY_URL: https://upload.pypi.org/legacy/\n          TWINE_PASSWORD: ${{ secrets.TEST_TOKEN }}\n');
    assert.equal(uploads(url)[0].index, 'pypi');
    const other = job('      - run: scripts/publish\n        env:\n          TWINE_REPOSITORY_URL: https://pkgs.example.com/\n          TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}\n');
    assert.equal(uploads(other)[0].index, 'other');
    assert.deepEqual(lintWorkflow(other).findings.filter((f) => f.ruleId === 'token-publishing'), []);
  });

  it('a named upload whose command and env do not say takes TestPyPI from its secret, not from an environment name alone', () => {
    const secret = job('      - run: twine upload dist/*\n        env:\n          TWINE_PASSWORD: ${{ secrets.TEST_PYPI_API_TOKEN }}\n');
    assert.equal(uploads(secret)[0].index, 'testpypi');
    const neutral = job('      - run: twine upload dist/*\n        env:\n          TWINE_PASSWORD: ${{ secrets.TOKEN }}\n', '    environment: testpypi\n');
    assert.equal(uploads(neutral)[0].index, 'testpypi');
    const oidc = job('      - run: uv publish\n', '    environment: testpypi\n    permissions:\n      id-token: write\n');
    assert.equal(uploads(oidc)[0].index, 'pypi');
    const jobEnv = job('      - run: twine upload dist/*\n', '    env:\n      TWINE_REPOSITORY: testpypi\n');
    assert.equal(uploads(jobEnv)[0].index, 'testpypi');
  });

  it('a third-party action counts when given a PyPI secret, not a Docker one', () => {
    const pypi = job('      - uses: casperdcl/deploy-pypi@v2\n        with:\n          password: ${{ secrets.PYPI_TOKEN }}\n');
    assert.deepEqual(uploads(pypi).map((u) => [u.tool, u.what, u.via]), [['action', 'casperdcl/deploy-pypi', 'the input `password` from the secret PYPI_TOKEN']]);
    const docker = job('      - uses: elgohr/Publish-Docker-Github-Action@master\n        with:\n          password: ${{ secrets.DOCKER_PWD }}\n');
    assert.deepEqual(uploads(docker), []);
  });

  it('a Poetry token written by an earlier step reaches the upload in a later one', () => {
    const text = job('      - run: poetry config pypi-token.pypi ${{ secrets.PYPI_TOKEN }}\n      - run: poetry publish\n');
    assert.deepEqual(summarizePublishing('x.yml', text).uploads.map((u) => [u.auth, u.secrets]), [['token', ['PYPI_TOKEN']]]);
  });

  it('a script upload is summarized with auth token and the script as its tool', () => {
    const text = job('      - run: tox -e release\n        env:\n          TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}\n');
    assert.deepEqual(summarizePublishing('x.yml', text).uploads.map((u) => [u.index, u.auth, u.tool, u.secrets]), [['pypi', 'token', 'tox -e release', ['PYPI_TOKEN']]]);
  });

  it('rules about a named tool skip scripts and third-party actions', () => {
    const text = job('      - run: scripts/publish\n        env:\n          TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}\n');
    const ids = new Set(lintWorkflow(text).findings.map((f) => f.ruleId));
    for (const id of ['tool-without-trusted-publishing', 'missing-id-token', 'attestations-ignored', 'double-publish-same-job', 'packages-dir-mismatch', 'bad-repository-url', 'artifact-mismatch']) {
      assert.ok(!ids.has(id), id);
    }
    assert.ok(ids.has('token-publishing'));
  });
});

describe('build evidence', () => {
  const builds = (steps: string) => {
    const text = job(steps);
    return buildStepsOf(model(text).jobs[0], text).map((b) => b.what);
  };

  it('installing the uploader is not a build', () => {
    assert.deepEqual(builds('      - run: pip install twine\n      - run: python -m pip install --upgrade build twine\n'), []);
  });

  it('reads a build folded over lines or continued with a backslash', () => {
    assert.deepEqual(builds('      - run: >-\n          python -m\n          build\n'), ['python -m build']);
    assert.deepEqual(builds('      - run: |\n          python -m \\\n            build\n'), ['python -m build']);
  });

  it('ignores builds in shell comments', () => {
    assert.deepEqual(builds('      - run: |\n          # python -m build\n          twine upload dist/*\n'), []);
  });

  for (const [command, what] of [
    ['maturin publish', 'maturin publish'],
    ['pdm publish', 'pdm publish'],
    ['tox -e build', 'tox -e build'],
    ['nox -s build', 'nox -s build'],
    ['make dist', 'make dist'],
    ['pipx run build', 'pipx run build'],
  ]) {
    it(`\`${command}\` builds`, () => assert.deepEqual(builds(`      - run: ${command}\n`), [what]));
  }

  it('`pdm publish --no-build` does not build', () => {
    assert.deepEqual(builds('      - run: pdm publish --no-build\n'), []);
  });
});
