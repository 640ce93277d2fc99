// "Diagnose Failed Release" in the extension host: the command opens the panel on a log, the diagnosis compares it
// with the workspace's workflow, and the offered edit is applied through a WorkspaceEdit and saved.
import * as assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DiagnosePanel } from '../../src/vscode/diagnose/diagnosePanel';
import { createServices } from '../../src/vscode/services';
import { fakeGitHub, type FakeServer, OWNER_ID, startLocalServers, stopLocalServers, TestGitHubAuth, type LocalServers } from './wizardFakes';
import { eventually, resetWorkspace, TRUSTED_RELEASE_WORKFLOW, workflowsDir } from './workspaceHelpers';

interface DebugState {
  open: boolean;
  html?: string;
  accepted?: boolean;
  view?: {
    notice?: { tone: string; text: string };
    source?: string;
    result?: {
      recognised: boolean;
      diagnoses: Array<{
        kind: string;
        summary: string;
        edits: Array<{ title: string; file: string }>;
        differences: Array<{ field: string; presented: string; expected: string; source: string; message: string }>;
      }>;
    };
  };
}

// out/test/integration/ -> test/fixtures/diagnose/
const fixture = (name: string) => readFileSync(path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'diagnose', name), 'utf8');
const state = (args?: object) => vscode.commands.executeCommand<DebugState>('trustedPublishing.diagnoseDebugState', args);

const withoutIdToken = `name: Release
on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    # the release job
    environment: pypi
    steps:
      - uses: actions/download-artifact@v4
      - uses: pypa/gh-action-pypi-publish@release/v1
`;

describe('Diagnose Failed Release (in VS Code)', () => {
  beforeEach(resetWorkspace);
  // The edited workflow opens beside the panel, in a second editor group: close the groups too, or the next suite's
  // editors open in a layout it does not expect.
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
    await resetWorkspace();
  });

  it('diagnoses a log given to the command, and applies the offered edit to the workflow', async () => {
    // A name no other test uses: a document an earlier test left loaded (or unsaved) would stand for the file.
    const file = path.join(workflowsDir(), 'diagnosed-release.yml');
    await fs.mkdir(workflowsDir(), { recursive: true });
    await fs.writeFile(file, withoutIdToken);

    await vscode.commands.executeCommand('trustedPublishing.diagnoseFailedRelease', fixture('missing-id-token.log'));
    const diagnosed = await eventually('the diagnosis', async () => {
      const s = await state();
      return s.view?.result ? s : undefined;
    });
    assert.ok(diagnosed.open);
    const [first] = diagnosed.view!.result!.diagnoses;
    assert.equal(first.kind, 'missing-id-token');
    assert.deepEqual(first.edits.map((e) => e.file), ['.github/workflows/diagnosed-release.yml']);
    // The panel's page: strict CSP with a nonce, its own script.
    assert.match(diagnosed.html ?? '', /script-src 'nonce-[^']+'/);
    assert.match(diagnosed.html ?? '', /diagnose\.js/);

    const applied = await state({ message: { type: 'applyEdit', diagnosis: 0, edit: 0 } });
    assert.equal(applied.accepted, true);
    const text = await fs.readFile(file, 'utf8');
    assert.match(text, /id-token: write/);
    assert.match(text, /# the release job/, 'comments are kept');
    assert.equal(applied.view?.notice?.tone, 'ok');
    assert.deepEqual(applied.view?.result?.diagnoses[0].edits, [], 'the applied edit is no longer offered');
  });

  it('refuses a malformed message from the panel', async () => {
    await vscode.commands.executeCommand('trustedPublishing.diagnoseFailedRelease');
    const refused = await state({ message: { type: 'openLink', url: 'https://example.com' } });
    assert.equal(refused.accepted, false);
  });
});


/** A real refusal (the PyPA action's rendering), as a run of this workspace's repository under an earlier owner. */
const fromEarlierOwner = (ownerId: string) =>
  fixture('invalid-publisher-raw.log')
    .replaceAll('ropeless/compiled_knowledge', 'Example-Org/Hello-PyPI')
    .replace('`repository_owner`: `ropeless`', '`repository_owner`: `Example-Org`')
    .replace('`27751641`', `\`${ownerId}\``)
    .replaceAll('python-publish.yml', 'release.yml');

describe('Diagnose Failed Release: a repository that changed owner (in VS Code)', function () {
  this.timeout(60_000);
  let github: LocalServers['github'];
  let pypi: FakeServer;
  let auth: TestGitHubAuth;

  before(async () => {
    await resetWorkspace();
    await fs.mkdir(workflowsDir(), { recursive: true });
    await fs.writeFile(path.join(workflowsDir(), 'release.yml'), TRUSTED_RELEASE_WORKFLOW);
    ({ pypi, github, auth } = await startLocalServers());
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
    await stopLocalServers({ pypi, github, auth });
    await resetWorkspace();
  });

  const diagnose = async (log: string) => {
    await state({ message: { type: 'clear' } });
    await vscode.commands.executeCommand('trustedPublishing.diagnoseFailedRelease', log);
    const diagnosed = await eventually('the diagnosis', async () => {
      const s = await state();
      return s.view?.result ? s : undefined;
    });
    const [first] = diagnosed.view!.result!.diagnoses;
    assert.equal(first.kind, 'invalid-publisher');
    return first;
  };

  it('without a GitHub session: asks GitHub nothing, and cannot name the owner id', async () => {
    const first = await diagnose(fromEarlierOwner('27751641'));
    assert.equal(github.requests.length, 0, 'no request without a session the user gave');
    assert.ok(!first.differences.some((d) => d.field === 'repository_owner_id'));
  });

  it('signed in: reads the owner id from GitHub and names the changed owner', async () => {
    await auth.grantAccess(['repo']);
    const first = await diagnose(fromEarlierOwner('27751641'));
    assert.ok(github.requests.some((r) => r.method === 'GET' && r.path.toLowerCase() === '/repos/example-org/hello-pypi'));
    const owner = first.differences.find((d) => d.field === 'repository_owner_id');
    assert.ok(owner, JSON.stringify(first.differences));
    assert.equal(owner.presented, '27751641');
    assert.equal(owner.expected, String(OWNER_ID));
    assert.match(owner.message, /belongs to another GitHub account/);

    // The same run from the current owner: nothing differs in the owner id.
    const same = await diagnose(fromEarlierOwner(String(OWNER_ID)));
    assert.ok(!same.differences.some((d) => d.field === 'repository_owner_id'), JSON.stringify(same.differences));
  });
});

describe('Diagnose Failed Release after a window reload (in VS Code)', function () {
  this.timeout(30_000);
  const EXTENSION_ID = 'pypi-trusted-publishing.pypi-trusted-publishing';
  let log: vscode.LogOutputChannel;
  let restorer: DiagnosePanel;

  before(() => {
    log = vscode.window.createOutputChannel('Diagnose restore host test', { log: true });
  });
  after(() => log.dispose());
  afterEach(async () => {
    restorer?.dispose();
    await resetWorkspace();
  });

  /** What VS Code does on a reload: a panel of the view type, handed to the serializer with the webview's saved state. */
  async function restore(saved: unknown) {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const services = createServices({ extensionPath: extension.extensionPath, extension } as unknown as vscode.ExtensionContext, log);
    restorer = new DiagnosePanel(extension.extensionUri, { log, services });
    const panel = vscode.window.createWebviewPanel(DiagnosePanel.viewType, DiagnosePanel.title, vscode.ViewColumn.Active, {});
    await restorer.deserializeWebviewPanel(panel, saved);
    return (await restorer.debugState()) as DebugState;
  }

  it('diagnoses the kept log again, against the workspace as it is now', async () => {
    await fs.mkdir(workflowsDir(), { recursive: true });
    await fs.writeFile(path.join(workflowsDir(), 'restored-release.yml'), withoutIdToken);
    const source = 'run "v1.0.0" of restored-release.yml, job "publish"';
    // The view kept from before the reload is stale (no edit offered): the restored one is computed anew.
    const restored = await restore({ version: 1, view: { networkAllowed: true, source, result: { recognised: false, diagnoses: [] } }, kept: { log: fixture('missing-id-token.log'), source } });
    assert.ok(restored.open);
    assert.equal(restored.view?.source, source);
    const [first] = restored.view!.result!.diagnoses;
    assert.equal(first.kind, 'missing-id-token');
    assert.deepEqual(first.edits.map((e) => e.file), ['.github/workflows/restored-release.yml']);
    assert.match(restored.view?.notice?.text ?? '', /Restored after the window reloaded/);
    assert.match(restored.html ?? '', /script-src 'nonce-[^']+'/);
  });

  it('a saved state it cannot read gives an empty panel that says so', async () => {
    for (const saved of [
      { version: 1, view: { networkAllowed: true }, kept: { log: fixture('missing-id-token.log'), source: 's', jobUrl: 'javascript:alert(1)' } },
      { version: 1, view: { networkAllowed: true }, kept: { log: fixture('missing-id-token.log'), source: 's' }, command: 'workbench.action.terminal.new' },
      'not a state',
    ]) {
      const restored = await restore(saved);
      assert.ok(restored.open);
      assert.equal(restored.view?.result, undefined, JSON.stringify(saved).slice(0, 80));
      assert.equal(restored.view?.notice?.tone, 'warning');
      assert.match(restored.view?.notice?.text ?? '', /could not be restored/);
      restorer.dispose();
    }
  });

  it('a panel that had nothing diagnosed comes back empty, without a warning', async () => {
    const restored = await restore(undefined);
    assert.ok(restored.open);
    assert.equal(restored.view?.result, undefined);
    assert.equal(restored.view?.notice, undefined);
  });
});

describe('Diagnose Failed Release: the failed latest release run, on the workflow file (in VS Code)', function () {
  this.timeout(60_000);
  const githubFixture = (name: string) => JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'github', name), 'utf8'));
  // The recorded run list and jobs of a release whose "Publish to PyPI" job failed.
  const runs: Array<Record<string, unknown>> = githubFixture('workflow-runs-failed.json').workflow_runs;
  const failedRun = runs[0] as { id: number; run_number: number };
  const publishJob = 26665400904;
  let github: LocalServers['github'];
  let pypi: FakeServer;
  let auth: TestGitHubAuth;
  // A file name no other test uses: a document an earlier test left loaded would stand for the file.
  const releaseFile = () => path.join(workflowsDir(), 'watched-release.yml');
  const watch = () => vscode.commands.executeCommand<{ failed: Array<{ workflow: string; runId: number }>; notified: unknown }>('trustedPublishing.failedRunsDebugState');
  const runListRequests = () => github.requests.filter((r) => r.path.toLowerCase().endsWith('/actions/workflows/watched-release.yml/runs')).length;
  const setting = (value: boolean | undefined) => vscode.workspace.getConfiguration('trustedPublishing').update('releaseRuns.watch', value, vscode.ConfigurationTarget.Global);

  before(async () => {
    await resetWorkspace();
    await fs.mkdir(workflowsDir(), { recursive: true });
    await fs.writeFile(releaseFile(), TRUSTED_RELEASE_WORKFLOW);
    ({ pypi, github, auth } = await startLocalServers(fakeGitHub(undefined, { workflow: 'watched-release.yml', runs, jobs: { [failedRun.id]: githubFixture('run-jobs.json') }, logs: { [publishJob]: fixture('missing-id-token.log') } })));
  });

  after(async () => {
    await setting(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
    await stopLocalServers({ pypi, github, auth });
    await resetWorkspace();
  });

  const lenses = async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.file(releaseFile()))) ?? [];

  it('off by default, and without a GitHub session it asks GitHub nothing', async () => {
    await watch();
    assert.equal(runListRequests(), 0, 'the setting is off');
    await setting(true);
    const state = await watch();
    assert.deepEqual(state.failed, []);
    assert.equal(runListRequests(), 0, 'no session: no request, and no sign-in prompt');
  });

  it('signed in: a CodeLens on the workflow and one notification for the failed run', async () => {
    await auth.grantAccess(['repo']);
    // Saving a workflow file is one of the moments it looks again.
    const document = await vscode.workspace.openTextDocument(releaseFile());
    await vscode.window.showTextDocument(document);
    await eventually('the document to show the file', () => document.getText() === TRUSTED_RELEASE_WORKFLOW || undefined);
    const saveWithComment = async (comment: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, document.positionAt(document.getText().length), `# ${comment}\n`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(await document.save());
    };
    await saveWithComment('saved');
    await eventually('the failed run to be found', async () => ((await watch()).failed.length > 0 ? true : undefined), 20_000);
    assert.deepEqual((await watch()).failed, [{ workflow: 'watched-release.yml', runId: failedRun.id }]);
    const [lens] = await eventually('the CodeLens', async () => ((await lenses()).length > 0 ? await lenses() : undefined));
    assert.match(lens.command?.title ?? '', new RegExp(`^\\$\\(error\\) Latest release run failed \\(#${failedRun.run_number}, .+ ago\\) — Diagnose$`));
    assert.equal(lens.range.start.line, 0);
    const key = `Example-Org/Hello-PyPI#${failedRun.id}`;
    const notified = (await watch()).notified as string[];
    assert.equal(notified.filter((k) => k === key).length, 1);

    // Another look: the same run is not notified again.
    const before = runListRequests();
    await saveWithComment('saved again');
    await eventually('a second look', () => runListRequests() > before || undefined, 20_000);
    const again = await watch();
    assert.equal((again.notified as string[]).filter((k) => k === key).length, 1, 'one notification per failed run');

    // The lens opens the diagnosis of that run: its failed job's log, fetched from GitHub.
    await state({ message: { type: 'clear' } });
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    const diagnosed = await eventually('the diagnosis of the run', async () => {
      const s = await state();
      return s.view?.result ? s : undefined;
    });
    assert.match(diagnosed.view?.source ?? '', /of watched-release\.yml, job "Publish to PyPI"/);
    assert.equal(diagnosed.view?.result?.diagnoses[0].kind, 'missing-id-token');
    assert.ok(github.requests.some((r) => r.path.toLowerCase() === `/repos/example-org/hello-pypi/actions/jobs/${publishJob}/logs`));
  });

  it('turned off: the CodeLens goes', async () => {
    await setting(false);
    await eventually('no CodeLens', async () => ((await lenses()).length === 0 ? true : undefined));
  });
});
