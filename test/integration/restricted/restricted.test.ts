import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { OPEN, post, viewWhen } from '../wizardDebug';
import { fakeGitHub, type FakeServer, startLocalServers, stopLocalServers, TestGitHubAuth } from '../wizardFakes';
import { checked, extensionLog, openWorkflow, workspaceRecorder, workspaceSettingsRead, type WorkspaceRecorder } from '../hostileRepository';
import { resetWorkspace } from '../workspaceHelpers';

/** How long to keep listening after the work that would have made a request: the unrestricted look-up takes ~100 ms. */
const QUIET_MS = 3000;
const quiet = () => new Promise((resolve) => setTimeout(resolve, QUIET_MS));

// The server runs with workspace trust on (test/harness/run.ts, restricted: true) and nobody trusted the folder: it is
// open in Restricted Mode, with the same hostile .vscode/settings.json as the hostile-workspace-settings suite. Even
// the user's own servers (set here, in the user settings) must get no request: none leaves the machine.
describe('Restricted Mode: no request leaves the machine (in VS Code)', function () {
  let recorder: WorkspaceRecorder;
  let pypi: FakeServer;
  let github: Awaited<ReturnType<typeof fakeGitHub>>;
  let auth: TestGitHubAuth;

  const everyRequest = async () => [
    ...pypi.requests.map((r) => `user's PyPI: ${r.method} ${r.path}`),
    ...github.requests.map((r) => `user's GitHub: ${r.method} ${r.path}`),
    ...(await recorder.requests()).map((r) => `workspace-chosen server: ${r}`),
  ];

  before(async () => {
    recorder = await workspaceRecorder();
    ({ pypi, github, auth } = await startLocalServers());
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stopLocalServers({ pypi, github, auth });
    await resetWorkspace();
  });

  it('the workspace is open in Restricted Mode (else this suite would prove nothing)', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await workspaceSettingsRead();
  });

  it('opening a workflow runs the checks and makes no request', async () => {
    const document = await openWorkflow('release.yml');
    const diagnostics = await checked(document);
    assert.ok(diagnostics.length > 0);
    await quiet();
    assert.deepEqual(await everyRequest(), []);
  });

  it('Check All Workflows and the wizard make no request either; signing in is not offered a session', async () => {
    await vscode.commands.executeCommand('trustedPublishing.checkAllWorkflows');
    await resetWorkspace();
    await auth.grantAccess(['repo']); // a session is there to be had: the extension must still not use it
    await vscode.commands.executeCommand(OPEN);
    await viewWhen('the detected project', (v) => !!v.detect.project && !v.busy);
    await post({ type: 'navigate', step: 'choose' });
    await post({ type: 'navigate', step: 'review' });
    await post({ type: 'navigate', step: 'write' });
    assert.equal((await post({ type: 'write' })).view?.write?.written?.relativePath, '.github/workflows/release.yml');
    await post({ type: 'navigate', step: 'pypi' });
    const pypiView = await viewWhen('the PyPI step to settle', (v) => !!v.pypi?.indexes[0]?.status && v.pypi.indexes[0].status !== 'checking');
    await post({ type: 'navigate', step: 'github' });
    const githubView = (await post({ type: 'signIn' })).view!;
    assert.notEqual(githubView.github?.state, 'signed-in', 'no sign-in in Restricted Mode');
    await quiet();
    assert.deepEqual(await everyRequest(), [], `PyPI step: ${JSON.stringify(pypiView.pypi?.indexes[0])}`);
  });

  it('Release… refuses, says why, and asks nothing of GitHub or PyPI', async () => {
    // Not awaited: the refusal waits on its notification, which nobody dismisses here.
    void vscode.commands.executeCommand('trustedPublishing.release');
    const log = await extensionLog('Release…: refused in Restricted Mode');
    assert.match(log, /Release…: refused in Restricted Mode; nothing was asked of GitHub or PyPI/);
    await quiet();
    assert.deepEqual(await everyRequest(), []);
  });

  it('says so in the log, once', async () => {
    const log = await extensionLog('Restricted Mode');
    const lines = log.split('\n').filter((line) => line.includes('Restricted Mode: no requests to PyPI or GitHub until the workspace is trusted.'));
    assert.equal(lines.length, 1, log);
  });
});
