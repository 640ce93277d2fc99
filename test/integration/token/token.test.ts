import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { OPEN, post, previewTabs, viewWhen } from '../wizardDebug';
import { fakePypi, type FakeServer } from '../wizardFakes';
import { eventually, workspaceRoot } from '../workspaceHelpers';

// The workspace is 2s-io/sdk's packages/python/pyproject.toml and .github/workflows/publish-pypi.yml
// (test/fixtures/workspaces/sdk-token/SOURCE.md): a twine upload with TWINE_PASSWORD in a job that also has
// id-token: write, and no environment.

const workflowFile = () => path.join(workspaceRoot(), '.github', 'workflows', 'publish-pypi.yml');

describe('Set Up Trusted Publishing on a repository that uploads with a token (2s-io/sdk)', function () {
  let pypi: FakeServer;
  const config = () => vscode.workspace.getConfiguration('trustedPublishing');

  before(async () => {
    pypi = await fakePypi();
    await config().update('pypiUrl', pypi.url, vscode.ConfigurationTarget.Global);
    // The migration names the job's new environment after the setting, not a hard-coded "pypi".
    await config().update('environment', 'release', vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('pypiUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('environment', undefined, vscode.ConfigurationTarget.Workspace);
    await pypi?.close();
  });

  it('Detect says the workflow uploads with the secret, and offers the migration (token-overrides-oidc)', async () => {
    await vscode.commands.executeCommand(OPEN);
    const view = await viewWhen('the detected project', (v) => !!v.detect.project && !v.busy);
    assert.equal(view.detect.project?.name, '2sio');
    assert.equal(view.detect.project?.packageDir, 'packages/python');
    assert.equal(view.detect.mode, 'new', 'nothing to keep: the upload uses a token');
    assert.deepEqual(view.detect.workflows.map((w) => [w.fileName, w.publishing, w.tokenPublishing, w.canMigrate, w.secrets]), [
      ['publish-pypi.yml', ["publish-pypi.yml uploads to PyPI with the secret PYPI_TOKEN, without an environment (job 'publish')"], true, true, ['PYPI_TOKEN']],
    ]);
  });

  it('migrates in place: the token goes, the job runs in the chosen environment, and the diff tab closes after writing', async () => {
    let view = (await post({ type: 'setMode', mode: 'migrate', fileName: 'publish-pypi.yml' })).view!;
    assert.equal(view.detect.mode, 'migrate');
    view = (await post({ type: 'navigate', step: 'review' })).view!;
    assert.match(view.review!.migrationTitle ?? '', /^Remove TWINE_PASSWORD and use trusted publishing; run job 'publish' in environment 'release'$/);
    await post({ type: 'showDiff' });
    await eventually('the proposed diff', () => previewTabs().length === 1);

    view = (await post({ type: 'navigate', step: 'write' })).view!;
    view = (await post({ type: 'write' })).view!;
    assert.equal(view.write?.written?.migrated, true, view.write?.error);
    const text = await fs.readFile(workflowFile(), 'utf8');
    assert.doesNotMatch(text, /TWINE_PASSWORD|PYPI_TOKEN/);
    assert.match(text, /\n    environment: release\n/);
    assert.match(text, /# workflow_dispatch ONLY\./, "the user's comments stay");
    await eventually('the proposed diff to close', () => previewTabs().length === 0);
    assert.equal(view.steps.find((s) => s.id === 'write')?.state, 'current');
  });

  it('PyPI: the migrated workflow\'s file name and the environment it now names', async () => {
    await post({ type: 'navigate', step: 'pypi' });
    const view = await viewWhen('the PyPI check', (v) => v.pypi?.indexes[0]?.status === 'new');
    const [index] = view.pypi!.indexes;
    assert.deepEqual(Object.fromEntries(index.values.map((v) => [v.field, v.value])), {
      owner: '2s-io',
      repository: 'sdk',
      workflow: 'publish-pypi.yml',
      environment: 'release',
      projectName: '2sio',
    });
    assert.equal(index.source, "Workflow name and Environment name from .github/workflows/publish-pypi.yml, job 'publish'.");
    assert.equal(view.steps.find((s) => s.id === 'write')?.state, 'done', 'written, so ticked');
  });

  it('GitHub and Done: the old secret to delete and the token to revoke on the account page', async () => {
    let view = (await post({ type: 'navigate', step: 'github' })).view!;
    assert.deepEqual(view.github?.secrets.map((s) => s.name), ['PYPI_TOKEN']);
    assert.equal(view.github?.revokeLink?.url, 'https://pypi.org/manage/account/#api-tokens');
    view = (await post({ type: 'navigate', step: 'done' })).view!;
    assert.deepEqual(view.done?.items.map((i) => i.state), ['done', 'todo', 'unknown', 'todo', 'todo']);
    assert.equal(view.steps.find((s) => s.id === 'github')?.state, 'available', 'not ticked: nothing done on GitHub');
  });
});
