import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { OPEN, post, viewWhen } from '../wizardDebug';
import { fakeGitHub, type FakeServer, startLocalServers, stopLocalServers, TestGitHubAuth } from '../wizardFakes';
import { checked, openWorkflow, workspaceRecorder, workspaceSettingsRead, type WorkspaceRecorder } from '../hostileRepository';
import { eventually, resetWorkspace } from '../workspaceHelpers';

// The workspace was opened with .vscode/settings.json already in place (test/harness/run.ts): pypiUrl, testPypiUrl and
// githubApiUrl point at a server that records every request, githubAuthProvider names a provider of the repository's
// choosing. The user's own settings point at the suite's stand-ins for PyPI and GitHub: requests must go there, and
// nothing to the recorder, from the moment the workspace opened.
describe("a cloned repository's .vscode/settings.json cannot steer requests or the GitHub token (in VS Code)", function () {
  let recorder: WorkspaceRecorder;
  let pypi: FakeServer;
  let github: Awaited<ReturnType<typeof fakeGitHub>>;
  let auth: TestGitHubAuth;
  const settings = () => vscode.workspace.getConfiguration('trustedPublishing');

  before(async () => {
    recorder = await workspaceRecorder();
    ({ pypi, github, auth } = await startLocalServers());
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stopLocalServers({ pypi, github, auth });
    await resetWorkspace();
  });

  it('opens trusted, with the hostile settings file read', async () => {
    assert.equal(vscode.workspace.isTrusted, true);
    await workspaceSettingsRead();
    assert.equal(settings().inspect('githubApiUrl')?.workspaceValue, undefined, 'VS Code drops machine-scoped settings from a workspace');
    assert.deepEqual(await recorder.requests(), [], 'nothing reached the workspace-chosen server while the extension activated');
  });

  it("opening a workflow asks the user's PyPI about the project, never the workspace's", async () => {
    const document = await openWorkflow('release.yml');
    await checked(document);
    await eventually("a request to the user's PyPI", () => pypi.requests.length > 0, 20_000);
    assert.ok(pypi.requests.some((r) => r.path === '/simple/hello-pypi/'), pypi.requests.map((r) => `${r.method} ${r.path}`).join(', '));
    assert.deepEqual(await recorder.requests(), []);
  });

  it("Check All Workflows and the wizard's PyPI and GitHub steps use the user's servers and sign-in, never the workspace's", async () => {
    await vscode.commands.executeCommand('trustedPublishing.checkAllWorkflows');
    await resetWorkspace(); // the wizard writes its own release.yml
    await auth.grantAccess(['repo']);
    await vscode.commands.executeCommand(OPEN);
    await viewWhen('the detected project', (v) => !!v.detect.project && !v.busy);
    await post({ type: 'navigate', step: 'choose' });
    await post({ type: 'navigate', step: 'review' });
    await post({ type: 'navigate', step: 'write' });
    assert.equal((await post({ type: 'write' })).view?.write?.written?.relativePath, '.github/workflows/release.yml');

    const before = pypi.requests.length;
    await post({ type: 'navigate', step: 'pypi' });
    await viewWhen('the PyPI check', (v) => v.pypi?.indexes[0]?.status === 'new');
    assert.ok(pypi.requests.slice(before).some((r) => r.path === '/pypi/hello-pypi/json'), "the wizard asked the user's PyPI");

    await post({ type: 'navigate', step: 'github' });
    // Signing in with the workspace's "hostile-provider" would fail: no such provider. The user's provider signs in.
    const view = (await post({ type: 'signIn' })).view!;
    assert.equal(view.github?.state, 'signed-in', view.github?.message);
    assert.ok(github.requests.some((r) => r.path === '/user'), "the token went to the user's GitHub API");
    assert.ok(github.requests.every((r) => /dummy-token-for-tests$/.test(r.authorization ?? '')));

    assert.deepEqual(await recorder.requests(), [], 'the workspace-chosen server received nothing, the token least of all');
  });

  it('cannot turn on the watch of release runs: signed in or not, no run list is asked for', async () => {
    if (!(await vscode.authentication.getSession(TestGitHubAuth.id, ['repo'], { silent: true }))) await auth.grantAccess(['repo']);
    // Only what this test's save may cause: the wizard of the test before, signed in, looked up its own workflow's runs.
    const earlier = github.requests.length;
    // A file name no other test uses: a document loaded earlier would be older than the file.
    const document = await openWorkflow('watched-release.yml');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(document.getText().length), '# saved\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save(), 'a saved workflow is when the watch would look');
    const state = await vscode.commands.executeCommand<{ failed: unknown[] }>('trustedPublishing.failedRunsDebugState');
    assert.deepEqual(state.failed, []);
    const since = github.requests.slice(earlier);
    assert.ok(!since.some((r) => r.path.includes('/actions/')), since.map((r) => r.path).join(', '));
    assert.deepEqual(await recorder.requests(), []);
  });
});
