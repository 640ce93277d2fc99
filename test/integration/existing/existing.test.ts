import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { debug, OPEN, post, viewWhen } from '../wizardDebug';
import { fakeGitHub, type FakeServer, startLocalServers, stopLocalServers, TestGitHubAuth } from '../wizardFakes';
import { eventually, workspaceRoot } from '../workspaceHelpers';

// The workspace is Flask's own pyproject.toml and .github/workflows/publish.yaml (test/fixtures/workspaces/
// flask-publish/SOURCE.md), with the remote https://github.com/pallets/flask.git.

const publishYaml = () => path.join(workspaceRoot(), '.github', 'workflows', 'publish.yaml');
const stateOf = (view: { steps: Array<{ id: string; state: string }> }, id: string) => view.steps.find((s) => s.id === id)?.state;

describe('Set Up Trusted Publishing on a repository that already publishes (Flask)', function () {
  let pypi: FakeServer;
  let github: Awaited<ReturnType<typeof fakeGitHub>>;
  let auth: TestGitHubAuth;
  let hanging: TestGitHubAuth;
  const config = () => vscode.workspace.getConfiguration('trustedPublishing');

  before(async () => {
    ({ pypi, github, auth } = await startLocalServers(fakeGitHub({ owner: 'pallets', repo: 'flask' })));
    hanging = new TestGitHubAuth({ hang: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stopLocalServers({ pypi, github, auth });
    hanging?.dispose();
  });

  it('Detect says what publish.yaml publishes and how, and starts on "check and register"', async () => {
    await vscode.commands.executeCommand(OPEN);
    const view = await viewWhen('the detected project', (v) => !!v.detect.project && !v.busy);
    assert.equal(view.detect.project?.name, 'Flask');
    assert.equal(view.detect.repository, 'pallets/flask');
    assert.deepEqual(
      view.detect.workflows.map((w) => [w.fileName, w.publishing, w.canKeep, w.tokenPublishing]),
      [
        [
          'publish.yaml',
          [
            "publish.yaml publishes to PyPI with trusted publishing, environment publish (job 'publish-pypi')",
            "publish.yaml publishes to TestPyPI with trusted publishing, environment publish (job 'publish-pypi')",
          ],
          true,
          false,
        ],
      ],
    );
    assert.equal(view.detect.mode, 'existing');
    assert.equal(view.detect.existingFile, 'publish.yaml');
    assert.deepEqual(view.steps.map((s) => [s.title, s.state]), [
      ['Detect', 'current'],
      ['Choose', 'skipped'],
      ['Check', 'available'],
      ['Write', 'skipped'],
      ['PyPI', 'available'],
      ['GitHub', 'available'],
      ['Done', 'available'],
    ]);
    assert.equal(view.nav.nextLabel, 'Next: Check');
  });

  it('Check lists the findings; a fix goes through a WorkspaceEdit and the list follows', async () => {
    let view = (await post({ type: 'navigate', step: 'review' })).view!;
    const findings = view.review!.findings!;
    // Flask's two uploads (TestPyPI, then PyPI, with v1.8.10 that makes no attestations) are no double publish.
    // Its bare SHAs are read through the table of release commits: retired artifact actions, an old publish action.
    const laterFindings = ['retired-artifact-action', 'retired-artifact-action', 'retired-artifact-action', 'outdated-publish-action', 'outdated-publish-action'];
    assert.deepEqual(findings.map((f) => f.ruleId), ['checkout-persists-credentials', 'cache-in-release-workflow', ...laterFindings]);
    const fixable = findings.find((f) => f.ruleId === 'checkout-persists-credentials')!;
    assert.match(fixable.fixTitle ?? '', /persist-credentials/);
    const before = await fs.readFile(publishYaml(), 'utf8');

    const stale = await post({ type: 'applyFix', fileName: 'publish.yaml', finding: 99 });
    assert.equal(stale.accepted, true);
    assert.deepEqual(stale.view?.review?.findings, findings, 'no such finding: nothing changes');
    assert.equal(await fs.readFile(publishYaml(), 'utf8'), before);

    view = (await post({ type: 'applyFix', fileName: 'publish.yaml', finding: fixable.index })).view!;
    const after = await fs.readFile(publishYaml(), 'utf8');
    assert.match(after, /persist-credentials: false/);
    assert.equal(after.split('\n').length - before.split('\n').length, 2, 'only the lines of the fix');
    assert.deepEqual(view.review!.findings!.map((f) => f.ruleId), ['cache-in-release-workflow', ...laterFindings]);
    assert.equal(view.notice?.tone, 'ok');
    const document = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === publishYaml());
    assert.ok(document && !document.isDirty, 'edited in an editor and saved');
  });

  it("PyPI: publish.yaml and environment publish for both indexes, and where they come from", async () => {
    await post({ type: 'navigate', step: 'pypi' });
    const view = await viewWhen('the PyPI check', (v) => v.pypi?.indexes.every((i) => i.status === 'new') === true);
    assert.deepEqual(view.pypi!.indexes.map((i) => i.index), ['pypi', 'testpypi']);
    for (const index of view.pypi!.indexes) {
      assert.deepEqual(
        Object.fromEntries(index.values.map((v) => [v.field, v.value])),
        { owner: 'pallets', repository: 'flask', workflow: 'publish.yaml', environment: 'publish', projectName: 'Flask' },
        index.label,
      );
      assert.equal(index.source, "Workflow name and Environment name from .github/workflows/publish.yaml, job 'publish-pypi'.");
    }
    const copied = await post({ type: 'copy', index: 'pypi', field: 'workflow' });
    if (copied.view?.notice?.tone === 'warning') assert.match(copied.view.notice.text, /^Could not copy Workflow name/);
    else {
      assert.equal(await vscode.env.clipboard.readText(), 'publish.yaml');
      assert.deepEqual(copied.view?.pypi?.indexes[0].values.filter((v) => v.copied).map((v) => v.field), ['workflow'], 'the button says Copied');
      assert.equal(copied.view?.notice, undefined, 'no banner');
    }
  });

  it('GitHub sign-in that never answers: progress, Cancel, and the wizard stays usable meanwhile', async () => {
    await config().update('githubAuthProvider', TestGitHubAuth.hangingId, vscode.ConfigurationTarget.Global);
    await post({ type: 'navigate', step: 'github' });
    const signingIn = post({ type: 'signIn' }); // resolves only once the sign-in is over
    let view = await viewWhen('signing in', (v) => v.github?.state === 'working');
    assert.equal(view.github?.cancellable, true);
    assert.match(view.github?.message ?? '', /^Signing in to GitHub…/);
    // Meanwhile the other steps still work.
    assert.equal((await post({ type: 'navigate', step: 'pypi' })).view?.step, 'pypi');
    assert.equal((await post({ type: 'navigate', step: 'github' })).view?.github?.state, 'working');

    const cancelled = await post({ type: 'cancelSignIn' });
    assert.equal(cancelled.accepted, true);
    view = await viewWhen('the sign-in cancelled', (v) => v.github?.state === 'skipped');
    assert.match(view.github?.message ?? '', /^Sign-in cancelled: nothing was changed on GitHub/);
    assert.equal(view.github?.cancellable, undefined);
    assert.equal((await signingIn).accepted, true);
    assert.equal(github.requests.length, 0, 'nothing was sent to GitHub');
  });

  it('GitHub: signs in and creates the workflow\'s own environment; the stepper ticks GitHub, not PyPI', async () => {
    await config().update('githubAuthProvider', TestGitHubAuth.id, vscode.ConfigurationTarget.Global);
    await auth.grantAccess(['repo']);
    let view = (await post({ type: 'signIn' })).view!;
    assert.equal(view.github?.state, 'signed-in', view.github?.message);
    assert.deepEqual(view.github?.environments.map((e) => [e.name, e.exists, e.actionLabel, e.enabled]), [['publish', false, 'Create environment publish', true]]);
    view = (await post({ type: 'ensureEnvironment', name: 'publish' })).view!;
    assert.ok(github.requests.some((r) => r.method === 'PUT' && r.path === '/repos/pallets/flask/environments/publish'));
    const policy = github.requests.find((r) => r.method === 'POST' && /deployment-branch-policies$/.test(r.path));
    assert.deepEqual(policy?.body, { name: '*', type: 'tag' }, "publish.yaml runs on any tag: a v* policy would stop Flask's 3.0.1");
    view = (await post({ type: 'navigate', step: 'done' })).view!;
    assert.equal(stateOf(view, 'github'), 'done');
    assert.equal(stateOf(view, 'pypi'), 'available', 'PyPI does not know the publisher yet');
    assert.deepEqual(view.done?.items.map((i) => [i.state, i.text]), [
      ['done', '.github/workflows/publish.yaml publishes with trusted publishing'],
      ['todo', 'Register the trusted publisher on PyPI as a pending publisher'],
      ['todo', 'Register the trusted publisher on TestPyPI as a pending publisher'],
      ['done', 'Environment publish created on GitHub'],
    ]);
    assert.equal(view.done?.release.command, 'git tag v3.0.0 && git push origin v3.0.0', "Flask's static version");
  });

  it('without pyproject.toml: still the repository and the workflows, and the extension says what it needs', async () => {
    const pyproject = path.join(workspaceRoot(), 'pyproject.toml');
    await fs.rename(pyproject, `${pyproject}.away`);
    try {
      await post({ type: 'navigate', step: 'detect' });
      await post({ type: 'redetect' });
      const view = await viewWhen('detection without a project', (v) => !v.busy && !v.detect.project);
      assert.match(view.detect.projectError ?? '', /^No pyproject\.toml in this workspace\. The extension reads/);
      assert.match(view.detect.projectError ?? '', /trusted publishing itself works for any project/);
      assert.equal(view.detect.repository, 'pallets/flask');
      assert.equal(view.detect.workflowsFolder, '.github/workflows');
      assert.deepEqual(view.detect.workflows.map((w) => [w.fileName, w.publishing.length]), [['publish.yaml', 2]]);
    } finally {
      await fs.rename(`${pyproject}.away`, pyproject);
    }
    await post({ type: 'redetect' });
    await eventually('the project back', async () => (await debug()).view?.detect.project?.name === 'Flask');
  });
});
