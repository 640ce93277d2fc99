import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PreviewDocuments } from '../../src/vscode/previewDocuments';
import { ReleaseCommand } from '../../src/vscode/release/releaseCommand';
import { ReleaseTracker } from '../../src/vscode/release/releaseTracker';
import type { ReleaseUi } from '../../src/vscode/release/releaseUi';
import { createServices } from '../../src/vscode/services';
import { RELEASE, startReleaseServers, type ReleaseServers } from './releaseFakes';
import { forgetLocalServers, TestGitHubAuth, useLocalServers } from './wizardFakes';
import { eventually, workspaceRoot } from './workspaceHelpers';

const EXTENSION_ID = 'pypi-trusted-publishing.pypi-trusted-publishing';
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

function git(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      'git',
      ['-c', 'user.name=PyPI Trusted Publishing Tests', '-c', 'user.email=tests@example.invalid', '-c', 'commit.gpgsign=false', ...args],
      { cwd: workspaceRoot(), env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout, stderr) => (error ? reject(new Error(`git ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout.trim())),
    ),
  );
}

/** What a person sees and clicks: every dialog recorded, each answered by `answer`. */
class ScriptedUi {
  readonly shown: Array<{ kind: string; message: string; detail?: string; buttons: string[] }> = [];
  readonly progress: string[] = [];
  readonly opened: string[] = [];
  /** The input boxes shown, each accepted with its suggestion (Enter). */
  readonly asked: Array<{ prompt?: string; value?: string }> = [];
  /** POSTs GitHub had seen when the confirmation was shown. */
  postsAtConfirmation: number | undefined;

  constructor(
    private readonly servers: () => ReleaseServers,
    private readonly answer: (kind: string, message: string, buttons: string[]) => string | undefined,
  ) {}

  get ui(): ReleaseUi {
    const message = (kind: string) =>
      async (text: string, ...rest: unknown[]) => {
        const options = typeof rest[0] === 'object' && rest[0] !== null && !('title' in (rest[0] as object)) ? (rest.shift() as { modal?: boolean; detail?: string }) : undefined;
        const buttons = rest.filter((b): b is string => typeof b === 'string');
        this.shown.push({ kind: options?.modal ? `${kind}:modal` : kind, message: text, ...(options?.detail ? { detail: options.detail } : {}), buttons });
        if (options?.modal) this.postsAtConfirmation = this.servers().posts().length;
        return this.answer(options?.modal ? `${kind}:modal` : kind, text, buttons);
      };
    const window = {
      showInformationMessage: message('info'),
      showWarningMessage: message('warning'),
      showErrorMessage: message('error'),
      showQuickPick: async (items: unknown) => {
        const list = (await items) as Array<{ label: string; detail?: string }>;
        this.shown.push({ kind: 'quickPick', message: list.map((i) => `${i.label} — ${i.detail ?? ''}`).join('\n'), buttons: [] });
        return undefined;
      },
      showInputBox: async (options: vscode.InputBoxOptions = {}) => {
        this.asked.push({ ...(options.prompt ? { prompt: options.prompt } : {}), ...(options.value !== undefined ? { value: options.value } : {}) });
        return options.value;
      },
      withProgress: async (options: vscode.ProgressOptions, task: (progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken) => Thenable<unknown>) => {
        this.progress.push(`# ${options.title ?? ''}`);
        const source = new vscode.CancellationTokenSource();
        try {
          return await task({ report: ({ message }) => message && this.progress.push(message) }, source.token);
        } finally {
          source.dispose();
        }
      },
    };
    return { window: window as unknown as ReleaseUi['window'], openExternal: async (uri) => (this.opened.push(uri.toString()), true) };
  }
}

describe('Release… in the editor', function () {
  this.timeout(60_000);

  let servers: ReleaseServers;
  let auth: TestGitHubAuth;
  let log: vscode.LogOutputChannel;
  let originalHead: string;
  let originalRemote: string;
  /** VS Code keeps the grant of the sign-in for the session: asked once. */
  let granted = false;
  const packageDir = () => path.join(workspaceRoot(), 'pypi-attestations');
  const pyproject = () => path.join(packageDir(), 'pyproject.toml');

  /** A committed release workflow and package, on a branch whose upstream has the commit (as after a push). */
  before(async () => {
    auth = new TestGitHubAuth();
    log = vscode.window.createOutputChannel('Release host test', { log: true });
    originalHead = await git('rev-parse', 'HEAD');
    originalRemote = await git('remote', 'get-url', 'origin');
    await fs.mkdir(path.join(workspaceRoot(), '.github', 'workflows'), { recursive: true });
    await fs.writeFile(path.join(workspaceRoot(), '.github', 'workflows', 'release.yml'), readFileSync(path.join(FIXTURES, 'release', 'release.yml')));
    await fs.mkdir(packageDir(), { recursive: true });
    await fs.writeFile(pyproject(), '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "pypi-attestations"\nversion = "0.0.19"\n');
    await git('add', '-A');
    await git('commit', '--quiet', '--no-verify', '-m', 'release workflow');
    await git('remote', 'set-url', 'origin', `https://github.com/${RELEASE.owner}/${RELEASE.repo}.git`);
    await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    await git('config', 'branch.main.remote', 'origin');
    await git('config', 'branch.main.merge', 'refs/heads/main');
    // The test servers turn the Git extension off; "Release…" reads the tree through it, as in a user's editor.
    await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
    const gitExtension = vscode.extensions.getExtension<any>('vscode.git')!;
    const exports = gitExtension.isActive ? gitExtension.exports : await gitExtension.activate();
    await eventually('the Git extension to be enabled', () => exports.enabled === true, 20_000);
    const api = exports.getAPI(1);
    await eventually('the Git extension to open the repository', () => api.getRepository(vscode.Uri.file(pyproject())) ?? undefined, 20_000);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('git').update('enabled', undefined, vscode.ConfigurationTarget.Global);
    await forgetLocalServers();
    auth.dispose();
    log.dispose();
    await git('reset', '--quiet', '--mixed', originalHead);
    await git('remote', 'set-url', 'origin', originalRemote);
    await git('update-ref', '-d', 'refs/remotes/origin/main');
    await git('config', '--unset', 'branch.main.remote');
    await git('config', '--unset', 'branch.main.merge');
    await fs.rm(path.join(workspaceRoot(), '.github'), { recursive: true, force: true });
    await fs.rm(packageDir(), { recursive: true, force: true });
  });

  afterEach(async () => servers?.close());

  async function release(
    outcome: 'success' | 'failure',
    answer: (kind: string, message: string, buttons: string[], tracker: ReleaseTracker) => string | undefined,
    server: { tagExists?: boolean; canApprove?: boolean; tags?: string[] } = {},
  ) {
    servers = await startReleaseServers({ headSha: await git('rev-parse', 'HEAD'), outcome, ...server });
    await useLocalServers({ url: servers.pypiUrl, requests: [], close: async () => undefined }, { url: servers.githubUrl, requests: [], close: async () => undefined });
    if (!granted) {
      await auth.grantAccess(['repo']);
      granted = true;
    }
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const services = createServices({ extensionPath: extension.extensionPath, extension } as unknown as vscode.ExtensionContext, log);
    let tracker: ReleaseTracker | undefined;
    const scripted = new ScriptedUi(() => servers, (kind, message, buttons) => answer(kind, message, buttons, tracker!));
    const previews = new PreviewDocuments();
    const pace = { firstDelayMs: 20, maxDelayMs: 100, factor: 1.5 };
    tracker = new ReleaseTracker({
      log,
      services,
      previews,
      ui: scripted.ui,
      followTiming: { ...pace, findTimeoutMs: 20_000, runTimeoutMs: 40_000 },
      landTiming: { ...pace, timeoutMs: 20_000 },
    });
    const command = new ReleaseCommand({ log, services, diagnostics: { check: async () => [] }, tracker, ui: scripted.ui });
    try {
      await command.run({ pyproject: pyproject() });
    } finally {
      tracker.dispose();
    }
    return { scripted, previews };
  }

  it('confirms once, creates the release, approves, and verifies the files on PyPI', async () => {
    const { scripted, previews } = await release('success', (kind, _message, buttons) => {
      if (kind === 'warning:modal') return buttons[0]; // "Create Release v0.0.19"
      if (buttons.includes('Approve')) return 'Approve';
      return undefined;
    });
    const confirmation = scripted.shown.find((s) => s.kind === 'warning:modal');
    assert.ok(confirmation, `no confirmation; shown: ${JSON.stringify(scripted.shown, null, 1)}`);
    assert.equal(confirmation.message, 'Create release v0.0.19 of trailofbits/pypi-attestations?');
    assert.deepEqual(confirmation.buttons, ['Create Release v0.0.19']);
    assert.match(confirmation.detail ?? '', /a GitHub release "v0\.0\.19" with notes generated by GitHub/);
    assert.equal(scripted.postsAtConfirmation, 0, 'nothing was created before the confirmation');

    const posts = servers.posts().map((p) => `${p.path} ${JSON.stringify(p.body)}`);
    assert.equal(posts.length, 2, posts.join('\n'));
    assert.match(posts[0]!, /\/releases .*"tag_name":"v0\.0\.19".*"generate_release_notes":true/);
    assert.match(posts[1]!, /\/pending_deployments .*"environment_ids":\[2345678901\].*"state":"approved"/);

    const stages = scripted.progress.filter((m) => !m.startsWith('#')).map((m) => m.split(':')[0]);
    for (const stage of ['Queued', 'Building', 'Waiting for approval (pypi)', 'Publishing to PyPI']) assert.ok(stages.includes(stage), `no "${stage}" in ${stages.join(', ')}`);

    const headline = scripted.shown.find((s) => s.kind === 'info' && /is on PyPI/.test(s.message));
    assert.ok(headline, JSON.stringify(scripted.shown.map((s) => s.message)));
    assert.equal(headline.message, 'pypi-attestations 0.0.19 is on PyPI: its file is signed by trailofbits/pypi-attestations release.yml.');
    const summary = previews.provideTextDocumentContent(vscode.Uri.from({ scheme: 'trusted-publishing-preview', path: '/proposed/release-pypi-attestations-0.0.19.md' }));
    assert.match(summary, /pypi_attestations-0\.0\.19\.tar\.gz \| 29,882 bytes \| ✓ signed by `trailofbits\/pypi-attestations\/\.github\/workflows\/release\.yml@refs\/tags\/v0\.0\.19` \| `9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3` \|/);
  });

  it('creates nothing when the confirmation is dismissed', async () => {
    const { scripted } = await release('success', () => undefined);
    assert.ok(scripted.shown.some((s) => s.kind === 'warning:modal'));
    assert.deepEqual(servers.posts(), []);
  });

  it('a failed preflight shows every check with its fix, and creates nothing', async () => {
    const { scripted } = await release('success', () => undefined, { tagExists: true });
    const pick = scripted.shown.find((s) => s.kind === 'quickPick');
    assert.ok(pick, JSON.stringify(scripted.shown.map((s) => s.message)));
    assert.match(pick.message, /\$\(error\) Tag v0\.0\.19 already exists — It points at 9ecd4d7\. A new release needs a new version \(and tag\)\./);
    assert.match(pick.message, /\$\(pass\) [0-9a-f]{7} is pushed/);
    assert.match(pick.message, /\$\(pass\) The working tree is clean/);
    assert.ok(!scripted.shown.some((s) => s.kind === 'warning:modal'), 'no confirmation is offered');
    assert.deepEqual(servers.posts(), []);
  });

  it('a user who is not a required reviewer gets a link to the run, not Approve', async () => {
    const { scripted } = await release(
      'success',
      (kind, message, buttons, tracker) => {
        if (kind === 'warning:modal') return buttons[0];
        if (/waits for a required reviewer/.test(message)) tracker.stop();
        return undefined;
      },
      { canApprove: false },
    );
    const offer = scripted.shown.find((s) => /waits for a required reviewer/.test(s.message));
    assert.ok(offer, JSON.stringify(scripted.shown.map((s) => s.message)));
    assert.equal(offer.message, 'v0.0.19 waits for a required reviewer of pypi (woodruffw) to approve the upload.');
    assert.deepEqual(offer.buttons, ['Open Run']);
    assert.equal(servers.posts().filter((p) => p.path.endsWith('/pending_deployments')).length, 0);
  });

  it('a failed run opens the diagnosis on that run\'s log', async () => {
    const { scripted } = await release('failure', (kind, _message, buttons) => (kind === 'warning:modal' ? buttons[0] : undefined));
    assert.ok(servers.requests.some((r) => r.path === `/repos/${RELEASE.owner}/${RELEASE.repo}/actions/jobs/32760311880/logs`), 'the failed job\'s log was read');
    const state = await vscode.commands.executeCommand<{ open: boolean; view?: { source?: string; result?: { recognised: boolean; diagnoses: Array<{ kind: string }> } } }>('trustedPublishing.diagnoseDebugState');
    assert.equal(state.open, true, 'Diagnose Failed Release is open');
    assert.equal(state.view?.result?.recognised, true, JSON.stringify(state.view));
    assert.ok(state.view?.result?.diagnoses.length, JSON.stringify(state.view));
    assert.ok(!scripted.shown.some((s) => s.kind === 'error'), JSON.stringify(scripted.shown.map((s) => s.message)));
    assert.equal(servers.posts().filter((p) => p.path.endsWith('/pending_deployments')).length, 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('a version from git tags (hatch-vcs)', () => {
    /** pyproject.toml without a version, committed and "pushed" like the rest. */
    before(async () => {
      await fs.writeFile(
        pyproject(),
        '[build-system]\nrequires = ["hatchling", "hatch-vcs"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "pypi-attestations"\ndynamic = ["version"]\n\n[tool.hatch.version]\nsource = "vcs"\n',
      );
      await git('commit', '--quiet', '--no-verify', '-am', 'version from git tags');
      await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    });

    it('suggests the tag after the highest version tag on GitHub, and releases it', async () => {
      const { scripted } = await release('success', () => undefined);
      assert.deepEqual(scripted.asked, [
        {
          prompt: 'The version comes from git tags (hatch-vcs): the new tag decides it. Suggested: the tag after v0.0.18, the highest version tag on GitHub.',
          value: '0.0.19',
        },
      ]);
      assert.ok(servers.requests.some((r) => r.path === `/repos/${RELEASE.owner}/${RELEASE.repo}/tags`), 'the tags were read');
      const confirmation = scripted.shown.find((s) => s.kind === 'warning:modal');
      assert.equal(confirmation?.message, 'Create release v0.0.19 of trailofbits/pypi-attestations?', JSON.stringify(scripted.shown.map((s) => s.message)));
      assert.deepEqual(servers.posts(), [], 'dismissed: nothing was created');
    });

    it('falls back to PyPI\'s latest release when the repository has no tags, and says so', async () => {
      const { scripted } = await release('success', () => undefined, { tags: [] });
      assert.deepEqual(scripted.asked.map((a) => a.prompt), [
        'The version comes from git tags (hatch-vcs): the new tag decides it. Suggested: the release after 0.0.18, the latest on PyPI (the repository has no tags yet).',
      ]);
      assert.equal(scripted.asked[0]?.value, '0.0.19');
    });
  });
});
