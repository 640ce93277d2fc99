import * as assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WizardView } from '../../src/shared/protocol';
import type { WizardDebugState } from '../../src/vscode/wizard/setUpWizard';
import { checkCsp } from '../unit/setup/csp';
import { fakeGitHub, type FakeServer, startLocalServers, stopLocalServers, TestGitHubAuth } from './wizardFakes';
import { extensionLog } from './hostileRepository';
import { eventually, resetWorkspace, TRUSTED_RELEASE_WORKFLOW, workflowsDir } from './workspaceHelpers';

const OPEN = 'trustedPublishing.setUpTrustedPublishing';
const debug = (args?: object) => vscode.commands.executeCommand<WizardDebugState>('trustedPublishing.wizardDebugState', args);
/** Posts `message` through the panel's own message handler, waits until it is handled, and returns the state. */
const post = (message: unknown) => debug({ message });

async function viewWhen(what: string, check: (view: WizardView) => boolean, ms = 20_000): Promise<WizardView> {
  return eventually(what, async () => {
    const view = (await debug()).view;
    return view && check(view) ? view : undefined;
  }, ms);
}

const wizardTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => (t.input as { viewType?: unknown } | undefined)?.viewType?.toString().endsWith('trustedPublishing.wizard'));

/**
 * Saves documents earlier suites left dirty (an undone file), so that nothing saves them later, after the workspace
 * is reset; resetWorkspace then deletes what they wrote.
 */
async function saveDirtyDocuments(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
    await document.save();
    await eventually(`${document.uri.fsPath} saved`, () => !document.isDirty);
  }
}

describe('Set Up Trusted Publishing wizard (in VS Code)', function () {
  let pypi: FakeServer;
  let github: Awaited<ReturnType<typeof fakeGitHub>>;
  let auth: TestGitHubAuth;

  before(async () => {
    await saveDirtyDocuments();
    await resetWorkspace();
    ({ pypi, github, auth } = await startLocalServers());
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stopLocalServers({ pypi, github, auth });
    await resetWorkspace();
  });

  it('opens one panel, even when run twice, and sends it the detected facts', async () => {
    await vscode.commands.executeCommand(OPEN);
    await vscode.commands.executeCommand(OPEN);
    const view = await viewWhen('the detected project', (v) => !!v.detect.project && !v.busy);
    // The editor tells the extension host about tabs a moment after the panel exists.
    await eventually('the wizard tab', () => wizardTabs().length > 0);
    assert.equal(wizardTabs().length, 1);
    const state = await debug();
    assert.equal(state.open, true);
    assert.equal(state.tabs, 1);
    assert.equal(view.step, 'detect');
    assert.deepEqual(view.detect.project, {
      name: 'Hello-PyPI',
      normalizedName: 'hello-pypi',
      backend: 'hatchling',
      build: 'pure Python',
      version: '0.1.0 (static, in pyproject.toml)',
      requiresPython: '>=3.9',
      packageDir: '.',
    });
    assert.equal(view.detect.repository, 'Example-Org/Hello-PyPI');
    assert.equal(view.detect.remoteName, 'origin');
    assert.deepEqual(view.detect.workflows, []);
    assert.equal(view.nav.next, 'choose');
    assert.equal(view.nav.blocked, undefined);
  });

  it('says in the log which wheelPlatforms entries name no platform', async () => {
    const config = vscode.workspace.getConfiguration('trustedPublishing');
    await config.update('wheelPlatforms', ['linux-x86_64', 'solaris-sparc'], vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand(OPEN);
      await post({ type: 'redetect' });
      await viewWhen('the detected project', (v) => !!v.detect.project && !v.busy);
      await extensionLog('Set Up Trusted Publishing: trustedPublishing.wheelPlatforms: ignored "solaris-sparc"');
    } finally {
      await config.update('wheelPlatforms', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('renders a page with a strict CSP and a fresh nonce per render', async () => {
    const first = await debug();
    const { nonce } = checkCsp(first.html!, first.cspSource!);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually('the panel to close', async () => !(await debug()).open);
    await vscode.commands.executeCommand(OPEN);
    const second = await debug();
    await eventually('one wizard tab again', () => wizardTabs().length === 1);
    assert.notEqual(checkCsp(second.html!, second.cspSource!).nonce, nonce);
    await viewWhen('the detected project again', (v) => !!v.detect.project && !v.busy);
  });

  it('ignores malformed messages: the handler says no and nothing changes', async () => {
    const before = (await debug()).view;
    const bad: unknown[] = [
      undefined,
      'write',
      { type: 'write', path: '/tmp/x' },
      { type: 'navigate', step: 'pypi', extra: 1 },
      { type: 'navigate', step: 'nowhere' },
      { type: 'setChoices', choices: { environment: 42 } },
      { type: 'setChoices', choices: { accessToken: 'x' } },
      { type: 'copy', index: 'pypi', field: 'token' },
      { type: 'openLink', url: 'https://example.com' },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
    ];
    for (const message of bad) {
      const state = await post(message);
      assert.equal(state.accepted, false, JSON.stringify(message));
      assert.deepEqual(state.view, before, `${JSON.stringify(message)} changed the view`);
    }
    await assert.rejects(fs.stat(workflowsDir()), 'nothing written');
  });

  it('a well-formed message that does not apply (a locked step) changes nothing', async () => {
    const state = await post({ type: 'navigate', step: 'pypi' });
    assert.equal(state.accepted, true);
    assert.equal(state.view?.step, 'detect');
  });

  it('chooses, reviews and writes release.yml through a WorkspaceEdit (Undo works)', async () => {
    let view = (await post({ type: 'navigate', step: 'choose' })).view!;
    assert.equal(view.step, 'choose');
    assert.equal(view.choose?.choices.environment, 'pypi');
    assert.equal(view.choose?.suggestedPython, '3.14');
    view = (await post({ type: 'setChoices', choices: { environment: 'bad"name' } })).view!;
    assert.match(view.choose!.errors.environment!, /must not contain/);
    assert.equal((await post({ type: 'navigate', step: 'review' })).view?.step, 'choose', 'Review stays locked');
    view = (await post({ type: 'setChoices', choices: { environment: 'pypi' } })).view!;
    assert.deepEqual(view.choose?.errors, {});

    view = (await post({ type: 'navigate', step: 'review' })).view!;
    assert.equal(view.review?.relativePath, '.github/workflows/release.yml');
    assert.equal(view.review?.exists, false);
    assert.match(view.review!.yaml, /pypa\/gh-action-pypi-publish@[0-9a-f]{40}/);
    const reviewed = view.review!.yaml;

    view = (await post({ type: 'navigate', step: 'write' })).view!;
    assert.equal(view.write?.actionLabel, 'Create .github/workflows/release.yml');
    view = (await post({ type: 'write' })).view!;
    assert.equal(view.write?.written?.relativePath, '.github/workflows/release.yml');
    const target = path.join(workflowsDir(), 'release.yml');
    const onDisk = await fs.readFile(target, 'utf8');
    assert.equal(onDisk, reviewed, 'exactly the reviewed text');
    assert.match(onDisk, /environment:\n\s+name: pypi/);
    const document = await eventually('release.yml in an editor', () => vscode.workspace.textDocuments.find((d) => d.uri.fsPath === target));
    assert.equal(document.isDirty, false);
    assert.equal(wizardTabs().length, 1, 'the wizard stays open beside the file');

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await eventually('undo to take the text back out', () => document.getText() === '');
    // Put the text back and save, so that no dirty document outlives the test.
    // (Undo of a created file may take the file away as well: then it is created again.)
    const restore = new vscode.WorkspaceEdit();
    restore.createFile(document.uri, { ignoreIfExists: true });
    restore.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), onDisk);
    assert.equal(await vscode.workspace.applyEdit(restore), true, 'the text goes back');
    const restored = await vscode.workspace.openTextDocument(document.uri);
    await restored.save();
    await eventually('release.yml saved again', async () => (await fs.readFile(target, 'utf8').catch(() => '')) === onDisk && !restored.isDirty);
    assert.equal((await post({ type: 'write' })).view?.write?.written?.relativePath, '.github/workflows/release.yml', 'a second write is ignored');
  });

  it('PyPI step: the values, and the pending-publisher route for a project PyPI does not know (404)', async () => {
    await post({ type: 'navigate', step: 'pypi' });
    const view = await viewWhen('the PyPI check', (v) => v.pypi?.indexes[0]?.status === 'new');
    const [index] = view.pypi!.indexes;
    assert.deepEqual(
      Object.fromEntries(index.values.map((v) => [v.field, v.value])),
      { owner: 'Example-Org', repository: 'Hello-PyPI', workflow: 'release.yml', environment: 'pypi', projectName: 'Hello-PyPI' },
    );
    assert.deepEqual(index.links.map((l) => [l.id, l.url]), [['pypi:pending', 'https://pypi.org/manage/account/publishing/']]);
    assert.match(index.pendingNote!, /does not reserve the project name/);
    assert.ok(pypi.requests.some((r) => r.method === 'GET' && r.path === '/pypi/hello-pypi/json'), 'asked the fake PyPI');

    // Copy goes through the host; a headless browser may refuse the clipboard, and the wizard then says so.
    const copied = await post({ type: 'copy', index: 'pypi', field: 'owner' });
    assert.equal(copied.accepted, true);
    if (copied.view?.notice?.tone === 'warning') assert.match(copied.view.notice.text, /^Could not copy Owner/);
    else {
      assert.equal(await vscode.env.clipboard.readText(), 'Example-Org');
      assert.deepEqual(copied.view?.pypi?.indexes[0].values.filter((v) => v.copied).map((v) => v.field), ['owner'], 'the button says Copied');
      assert.equal(copied.view?.notice, undefined, 'no banner that pushes the page down');
    }
  });

  it('GitHub step: signs in with the test provider and creates the environment through the API', async () => {
    await auth.grantAccess(['repo']);
    let view = (await post({ type: 'navigate', step: 'github' })).view!;
    assert.equal(view.github?.state, 'signed-out');
    view = (await post({ type: 'signIn' })).view!;
    assert.equal(view.github?.state, 'signed-in', view.github?.message);
    assert.equal(view.github?.login, 'octocat');
    assert.deepEqual(view.github?.repository, { fullName: 'Example-Org/Hello-PyPI', visibility: 'public', admin: true });
    assert.deepEqual(view.github?.environments.map((e) => [e.name, e.exists, e.actionLabel, e.enabled]), [['pypi', false, 'Create environment pypi', true]]);

    view = (await post({ type: 'ensureEnvironment', name: 'pypi' })).view!;
    const put = github.requests.find((r) => r.method === 'PUT' && r.path === '/repos/Example-Org/Hello-PyPI/environments/pypi');
    assert.ok(put, `a PUT to the environment (requests: ${github.requests.map((r) => `${r.method} ${r.path}`).join(', ')})`);
    assert.deepEqual((put.body as { reviewers?: unknown }).reviewers, [{ type: 'User', id: 583231 }], 'the signed-in user reviews uploads (public repository)');
    assert.ok(github.requests.some((r) => r.method === 'POST' && /deployment-branch-policies$/.test(r.path) && (r.body as { name?: string }).name === 'v*'));
    const [environment] = view.github!.environments;
    assert.equal(environment.result?.tone, 'ok', environment.result?.text);
    assert.match(environment.result!.text, /^Created pypi/);
    assert.equal(environment.exists, true);
    assert.ok(github.requests.every((r) => /dummy-token-for-tests$/.test(r.authorization ?? '')), 'the token goes in the Authorization header');
    assert.doesNotMatch(JSON.stringify(view), /dummy-token-for-tests/, 'the webview never sees the token');
  });

  it('Done step: the checklist and how to cut the first release', async () => {
    const view = (await post({ type: 'navigate', step: 'done' })).view!;
    assert.deepEqual(view.done?.items.map((i) => i.state), ['done', 'todo', 'done']);
    assert.match(view.done!.release.text, /^Create a GitHub release with tag v0\.1\.0/);
  });
});

describe('Set Up Trusted Publishing wizard: a failed release run (in VS Code)', function () {
  this.timeout(60_000);
  const fixture = (...parts: string[]) => readFileSync(path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', ...parts), 'utf8');
  // The recorded run list and jobs of a release whose "Publish to PyPI" job failed.
  const runs: Array<Record<string, unknown>> = JSON.parse(fixture('github', 'workflow-runs-failed.json')).workflow_runs;
  const failedRun = runs[0] as { id: number; run_number: number };
  const publishJob = 26665400904;
  // A file name no other test uses: a document an earlier test left loaded would stand for the file.
  const WORKFLOW = 'wizard-failed-release.yml';
  const diagnoseState = (args?: object) =>
    vscode.commands.executeCommand<{ open: boolean; view?: { source?: string; result?: { diagnoses: Array<{ kind: string }> } } }>('trustedPublishing.diagnoseDebugState', args);
  let pypi: FakeServer;
  let github: Awaited<ReturnType<typeof fakeGitHub>>;
  let auth: TestGitHubAuth;
  const runRequests = () => github.requests.filter((r) => r.path.toLowerCase().startsWith('/repos/example-org/hello-pypi/actions/'));

  before(async () => {
    await saveDirtyDocuments();
    await resetWorkspace();
    await fs.mkdir(workflowsDir(), { recursive: true });
    await fs.writeFile(path.join(workflowsDir(), WORKFLOW), TRUSTED_RELEASE_WORKFLOW);
    ({ pypi, github, auth } = await startLocalServers(fakeGitHub(undefined, { workflow: WORKFLOW, runs, jobs: { [failedRun.id]: JSON.parse(fixture('github', 'run-jobs.json')) }, logs: { [publishJob]: fixture('diagnose', 'missing-id-token.log') } })));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
    await stopLocalServers({ pypi, github, auth });
    await resetWorkspace();
  });

  it('keeps the workflow; signed in, it offers the diagnosis of its failed latest release run, which opens for that run', async () => {
    await vscode.commands.executeCommand(OPEN);
    let view = await viewWhen(`the kept ${WORKFLOW}`, (v) => !v.busy && v.detect.mode === 'existing' && v.detect.existingFile === WORKFLOW);
    view = (await post({ type: 'navigate', step: 'github' })).view!;
    assert.equal(view.step, 'github');
    assert.equal(view.failedRun, undefined, 'nothing before signing in');
    assert.equal((await post({ type: 'diagnoseRun' })).accepted, true);
    assert.deepEqual(runRequests(), [], 'no run is asked for, and no sign-in prompted, before the user signs in');

    await auth.grantAccess(['repo']);
    view = (await post({ type: 'signIn' })).view!;
    assert.equal(view.github?.state, 'signed-in', view.github?.message);
    assert.match(view.failedRun?.text ?? '', new RegExp(`^The latest release run \\(#${failedRun.run_number}, .+ ago\\) of ${WORKFLOW.replace('.', '\\.')} failed\\.$`));

    await diagnoseState({ message: { type: 'clear' } });
    const clicked = await post({ type: 'diagnoseRun' });
    assert.equal(clicked.accepted, true);
    const diagnosed = await eventually('the diagnosis of the run', async () => {
      const s = await diagnoseState();
      return s.view?.result ? s : undefined;
    }, 20_000);
    assert.ok(diagnosed.open);
    assert.match(diagnosed.view?.source ?? '', new RegExp(`of ${WORKFLOW.replace('.', '\\.')}, job "Publish to PyPI"`));
    assert.equal(diagnosed.view?.result?.diagnoses[0].kind, 'missing-id-token');
    // That run by its id (not "whichever failed last"), and its failed job's log.
    assert.ok(github.requests.some((r) => r.method === 'GET' && r.path.toLowerCase() === `/repos/example-org/hello-pypi/actions/runs/${failedRun.id}`), runRequests().map((r) => r.path).join(', '));
    assert.ok(github.requests.some((r) => r.path.toLowerCase() === `/repos/example-org/hello-pypi/actions/jobs/${publishJob}/logs`));
  });
});
