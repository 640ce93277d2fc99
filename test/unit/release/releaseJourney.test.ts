import * as assert from 'node:assert/strict';
import { createGitHubClient, type GitHubClient } from '../../../src/core/github';
import { summarizePublishing } from '../../../src/core/lint';
import { verifyReleaseFiles } from '../../../src/core/provenance';
import { createPypiClient, type PypiClient } from '../../../src/core/pypi';
import {
  approvableEnvironments,
  awaitRelease,
  chooseTrigger,
  describeAction,
  expectedPublisher,
  failedJobs,
  gatherPreflight,
  landingSummary,
  publishJobNames,
  readyToRelease,
  RunFollower,
  type FollowOutcome,
  type LocalGitState,
  type ReleaseAction,
  type RunSnapshot,
  type RunStage,
  versionChoice,
} from '../../../src/core/release';
import { fixture as githubFixture, rateLimited, TOKEN, USER_AGENT, type RecordedRequest, type Reply } from '../github/fakeGitHub';
import { ENVIRONMENT_ID, HEAD_SHA, OWNER, PROJECT, REPO, RUN_ID, START, TAG, VERSION, startReleaseWorld, workflowText, type ReleaseWorld } from './releaseServers';

const CLEAN: LocalGitState = { changes: 0, branch: 'main', headSha: HEAD_SHA, upstream: 'origin/main', ahead: 0, behind: 0 };
const FAST = { firstDelayMs: 3_000, maxDelayMs: 30_000, factor: 1.5, findTimeoutMs: 5 * 60_000, runTimeoutMs: 60 * 60_000 };

describe('A release played against local GitHub and PyPI servers', function () {
  // Octokit spaces writes a second apart, as GitHub asks; a release writes twice.
  this.timeout(15_000);

  let world: ReleaseWorld | undefined;
  let github: GitHubClient;
  let pypi: PypiClient;

  async function start(options: Parameters<typeof startReleaseWorld>[0] = {}): Promise<ReleaseWorld> {
    world = await startReleaseWorld(options);
    github = createGitHubClient({ token: TOKEN, baseUrl: world.github.baseUrl, userAgent: USER_AGENT, timeoutMs: 3000, retryDelayMs: 10 });
    pypi = createPypiClient({ baseUrl: world.pypi.url, userAgent: USER_AGENT, retryDelayMs: 0 });
    return world;
  }

  afterEach(async function () {
    const problems = world?.github.problems ?? [];
    await world?.close();
    world = undefined;
    if (this.currentTest?.state === 'passed') assert.deepEqual(problems, [], 'the fake GitHub saw protocol problems');
  });

  /** The preflight of release.yml, with the text of one of the two fixtures (PyPI trusts release.yml). */
  async function preflight(text: 'release.yml' | 'tag-release.yml' = 'release.yml', git: LocalGitState | undefined = CLEAN) {
    const fileName = 'release.yml';
    return gatherPreflight(
      {
        owner: OWNER,
        repo: REPO,
        project: PROJECT,
        version: VERSION,
        versionFrom: 'pyproject.toml',
        workflow: { fileName, text: workflowText(text) },
        git,
        wizardShowedPublisher: false,
        indexUrl: world!.pypi.url,
      },
      { github, pypi },
    );
  }

  /** Follows the run as the editor does: approves when offered and allowed, and records each stage once. */
  async function follow(action: ReleaseAction, approve = true, text: 'release.yml' | 'tag-release.yml' = 'release.yml'): Promise<{ outcome: FollowOutcome; stages: RunStage[]; snapshots: RunSnapshot[]; follower: RunFollower }> {
    const follower = new RunFollower(
      {
        owner: action.owner,
        repo: action.repo,
        headSha: action.targetSha,
        event: action.event,
        workflowFile: 'release.yml',
        publishJobs: publishJobNames(action.workflowFile, workflowText(text)),
        since: world!.clock.now(),
      },
      github,
      world!.clock,
      FAST,
    );
    const stages: RunStage[] = [];
    const snapshots: RunSnapshot[] = [];
    let approving = false;
    const outcome = await follower.follow((snapshot) => {
      snapshots.push(snapshot);
      if (stages.at(-1) !== snapshot.stage) stages.push(snapshot.stage);
      const ids = approvableEnvironments(snapshot.pending);
      if (approve && ids.length > 0 && !approving) {
        approving = true;
        const approval = github.approveDeployments(OWNER, REPO, snapshot.run!.id, ids, 'Approved from the editor').then((result) => {
          assert.ok(result.ok, 'the approval was accepted');
          follower.nudge();
        });
        world!.clock.hold(approval);
      }
    });
    return { outcome, stages, snapshots, follower };
  }

  it('preflight, release, follow through the approval, wait for a lagging PyPI, and verify the real provenance', async () => {
    const w = await start({ pypiLagSeconds: 40 });

    // 1. Preflight: everything green, and the release to create follows from the workflow's release trigger.
    const checked = await preflight();
    assert.deepEqual(
      checked.items.filter((item) => item.status !== 'pass').map((item) => `${item.id}: ${item.detail}`),
      [],
    );
    assert.ok(readyToRelease(checked.items));
    const action = checked.action!;
    assert.deepEqual(
      { trigger: action.trigger, tag: action.tag, version: action.version, sha: action.targetSha, event: action.event, prerelease: action.prerelease },
      { trigger: 'release', tag: TAG, version: VERSION, sha: HEAD_SHA, event: 'release', prerelease: false },
    );
    assert.equal(w.github.requests.filter((r) => r.method !== 'GET').length, 0, 'the preflight wrote nothing');

    // 2. Release: one POST, with GitHub's generated notes, the tag at the pushed commit.
    const description = describeAction(action);
    assert.match(description.detail, /a GitHub release "v0\.0\.19" with notes generated by GitHub/);
    assert.match(description.detail, /the tag v0\.0\.19 at commit 9ecd4d7ef1c0/);
    const created = await github.createRelease(OWNER, REPO, { tagName: action.tag, targetSha: action.targetSha, name: action.tag, prerelease: action.prerelease });
    assert.ok(created.ok);
    assert.equal(created.value.url, 'https://github.com/trailofbits/pypi-attestations/releases/tag/v0.0.19');
    const post = w.github.requests.find((r) => r.method === 'POST')!;
    assert.deepEqual(post.body, { tag_name: TAG, target_commitish: HEAD_SHA, name: TAG, generate_release_notes: true, draft: false, prerelease: false });

    // 3. Follow: each stage in order, with the approval given through the pending-deployments API.
    const { outcome, stages, snapshots } = await follow(action);
    assert.deepEqual(stages, ['finding', 'queued', 'build', 'approval', 'publish', 'success']);
    assert.equal(outcome.kind, 'success');
    const approval = w.github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/pending_deployments'));
    assert.equal(approval.length, 1, 'approved once');
    assert.deepEqual(approval[0]!.body, { environment_ids: [ENVIRONMENT_ID], state: 'approved', comment: 'Approved from the editor' });
    const waiting = snapshots.find((s) => s.stage === 'approval')!;
    assert.deepEqual(waiting.pending.map((p) => [p.environment, p.currentUserCanApprove, p.reviewers]), [['pypi', true, ['woodruffw']]]);
    assert.ok(w.clock.now() - START > 90_000, 'the run took minutes of virtual time');

    // 4. Land: PyPI lags behind the run, then serves the release; each file's provenance is verified.
    const waits: number[] = [];
    const arrival = await awaitRelease(pypi, PROJECT, VERSION, w.clock, new AbortController().signal, (waited) => waits.push(waited));
    assert.equal(arrival.kind, 'available');
    assert.ok(waits.length >= 2, 'PyPI was asked again while it lagged');
    const expected = expectedPublisher(OWNER, REPO, 'release.yml', 'pypi');
    const verification = await verifyReleaseFiles(pypi, PROJECT, VERSION, expected);
    const summary = landingSummary({ project: PROJECT, version: VERSION, indexUrl: 'https://pypi.org', runUrl: outcome.kind === 'success' ? outcome.run.url : undefined, expected, verification });
    assert.equal(summary.ok, true, summary.headline);
    assert.deepEqual(
      summary.files.map((f) => [f.filename, f.size, f.sha256, f.signedBy]),
      [['pypi_attestations-0.0.19.tar.gz', 29882, '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3', 'trailofbits/pypi-attestations/.github/workflows/release.yml@refs/tags/v0.0.19']],
    );
    assert.equal(summary.pypiUrl, 'https://pypi.org/project/pypi-attestations/0.0.19/');
    assert.match(summary.markdown, /\[workflow run\]\(https:\/\/github\.com\/trailofbits\/pypi-attestations\/actions\/runs\/11760016432\)/);
    assert.match(summary.markdown, /signed by `trailofbits\/pypi-attestations\/\.github\/workflows\/release\.yml@refs\/tags\/v0\.0\.19`/);
  });

  it('a failed build ends the follow with the failed job, for the diagnosis', async () => {
    await start({ script: { outcome: 'failure' } });
    const { action } = await preflight();
    assert.ok((await github.createRelease(OWNER, REPO, { tagName: TAG, targetSha: HEAD_SHA, name: TAG, prerelease: false })).ok);
    const { outcome, stages } = await follow(action!);
    assert.deepEqual(stages, ['finding', 'queued', 'build', 'failure']);
    assert.equal(outcome.kind, 'failure');
    if (outcome.kind !== 'failure') return;
    assert.equal(outcome.run.id, RUN_ID);
    assert.deepEqual(failedJobs(outcome.jobs).map((job) => job.name), ['Build distributions']);
    assert.equal(world!.github.count(`POST /repos/${OWNER}/${REPO}/actions/runs/${RUN_ID}/pending_deployments`), 0);
  });

  it('a tag-triggered workflow gets only a tag, and its push run is followed', async () => {
    const w = await start({ script: { event: 'push' } });
    const { action, items } = await preflight('tag-release.yml');
    assert.ok(readyToRelease(items));
    assert.equal(action!.trigger, 'tag');
    assert.equal(action!.event, 'push');
    assert.match(describeAction(action!).detail, /the tag v0\.0\.19 at commit 9ecd4d7ef1c0 \(a lightweight tag, no release\)/);
    assert.ok((await github.createTag(OWNER, REPO, action!.tag, action!.targetSha)).ok);
    assert.deepEqual(w.github.requests.find((r) => r.method === 'POST')!.body, { ref: 'refs/tags/v0.0.19', sha: HEAD_SHA });
    assert.equal(w.github.count(`POST /repos/${OWNER}/${REPO}/releases`), 0, 'no release was created');
    const { outcome } = await follow(action!, true, 'tag-release.yml');
    assert.equal(outcome.kind, 'success');
  });

  it('offers no approval to a user who is not a required reviewer, and keeps waiting', async () => {
    const w = await start({ script: { currentUserCanApprove: false } });
    const { action } = await preflight();
    assert.ok((await github.createRelease(OWNER, REPO, { tagName: TAG, targetSha: HEAD_SHA, name: TAG, prerelease: false })).ok);
    const follower = new RunFollower(
      { owner: OWNER, repo: REPO, headSha: HEAD_SHA, event: 'release', workflowFile: 'release.yml', publishJobs: ['Publish to PyPI'], since: w.clock.now() },
      github,
      w.clock,
      FAST,
    );
    let offered: number[] | undefined;
    const outcome = await follower.follow((snapshot) => {
      if (snapshot.stage === 'approval') {
        offered = approvableEnvironments(snapshot.pending);
        follower.stop();
      }
    });
    assert.deepEqual(offered, []);
    assert.equal(outcome.kind, 'stopped');
    assert.equal(w.github.count(`POST /repos/${OWNER}/${REPO}/actions/runs/${RUN_ID}/pending_deployments`), 0);
    assert.ok(action);
  });

  it('backs off while nothing changes, and starts over quickly when something does', async () => {
    const w = await start({ script: { appearsAfter: 100 } });
    assert.ok((await github.createRelease(OWNER, REPO, { tagName: TAG, targetSha: HEAD_SHA, name: TAG, prerelease: false })).ok);
    const { outcome } = await follow({ owner: OWNER, repo: REPO, tag: TAG, version: VERSION, targetSha: HEAD_SHA, event: 'release', trigger: 'release', prerelease: false, workflowFile: 'release.yml', project: PROJECT });
    assert.equal(outcome.kind, 'success');
    const sleeps = w.clock.sleeps;
    // Waiting for the run to appear: 3 s, 4.5 s, 6.75 s... up to 30 s; then back to 3 s once it is there.
    assert.deepEqual(sleeps.slice(0, 4), [3000, 4500, 6750, 10125]);
    assert.ok(sleeps.every((ms) => ms <= 30_000));
    const firstAfterAppearing = sleeps.findIndex((ms, i) => i > 0 && ms === 3000);
    assert.ok(firstAfterAppearing > 3, 'the wait started over when the run appeared');
  });

  it('waits out a rate limit as long as GitHub says, then goes on', async () => {
    let calls = 0;
    const w = await start({
      routes: {
        [`GET /repos/${OWNER}/${REPO}/actions/runs`]: () => {
          calls++;
          // The first answer is a rate limit ending in 10 minutes (virtual time); then the real list.
          return calls === 1 ? rateLimited(Math.floor(START / 1000) + 600) : { status: 200, json: { total_count: 0, workflow_runs: [] } };
        },
      },
    });
    const follower = new RunFollower(
      { owner: OWNER, repo: REPO, headSha: HEAD_SHA, event: 'release', workflowFile: 'release.yml', publishJobs: [], since: w.clock.now() },
      github,
      w.clock,
      FAST,
    );
    const outcome = await follower.follow(() => undefined);
    assert.ok(w.clock.sleeps[0]! >= 600_000, `waited ${w.clock.sleeps[0]} ms after the rate limit`);
    assert.equal(outcome.kind, 'notFound', 'no run appeared: it says so after the search timeout');
  });

  it('stops at once on a refused sign-in, and says why', async () => {
    const w = await start({ routes: { [`GET /repos/${OWNER}/${REPO}/actions/runs`]: { status: 401, json: { message: 'Bad credentials' } } } });
    const follower = new RunFollower(
      { owner: OWNER, repo: REPO, headSha: HEAD_SHA, event: 'release', workflowFile: 'release.yml', publishJobs: [], since: w.clock.now() },
      github,
      w.clock,
      FAST,
    );
    const outcome = await follower.follow(() => undefined);
    assert.equal(outcome.kind, 'error');
    assert.match(outcome.kind === 'error' ? outcome.message : '', /did not accept the sign-in/);
    assert.equal(w.github.count(`GET /repos/${OWNER}/${REPO}/actions/runs`), 1, 'asked once');
    assert.ok(!JSON.stringify(outcome).includes(TOKEN));
  });

  it('stopping ends the follow without another request', async () => {
    const w = await start();
    const follower = new RunFollower(
      { owner: OWNER, repo: REPO, headSha: HEAD_SHA, event: 'release', workflowFile: 'release.yml', publishJobs: [], since: w.clock.now() },
      github,
      w.clock,
      FAST,
    );
    let updates = 0;
    const outcome = await follower.follow(() => {
      updates++;
      follower.stop();
    });
    assert.equal(outcome.kind, 'stopped');
    assert.equal(updates, 1);
    assert.equal(w.github.requests.length, 1);
    await assert.rejects(() => follower.follow(() => undefined), /follows once/);
  });

  it('says how long it waited when PyPI never serves the release', async () => {
    const w = await start();
    const arrival = await awaitRelease(pypi, PROJECT, VERSION, w.clock, new AbortController().signal, undefined, { firstDelayMs: 5_000, maxDelayMs: 30_000, factor: 1.5, timeoutMs: 120_000 });
    assert.deepEqual(arrival, { kind: 'timedOut', waitedMs: 120_000 });
  });

  it('the preflight stops a release whose tag exists, whose version is on PyPI, and whose commit is not pushed', async () => {
    await start({
      versionOnPypi: true,
      routes: { [`GET /repos/${OWNER}/${REPO}/git/ref/tags/${TAG}`]: { status: 200, json: { ref: `refs/tags/${TAG}`, object: { sha: 'a'.repeat(40), type: 'commit' } } } },
    });
    const { items } = await preflight('release.yml', { ...CLEAN, changes: 2, ahead: 1 });
    const failed = Object.fromEntries(items.filter((i) => i.status === 'fail').map((i) => [i.id, i.status === 'fail' ? i.fix : undefined]));
    assert.deepEqual(failed, { pypiVersion: 'editVersion', tag: 'editVersion', cleanTree: 'openSourceControl', pushed: 'push' });
    assert.equal(readyToRelease(items), false);
  });

  it('the preflight fails on a missing environment and on a publisher that differs', async () => {
    await start({ routes: { [`GET /repos/${OWNER}/${REPO}/environments/pypi`]: { status: 404, json: { message: 'Not Found' } } } });
    const other = workflowText('release.yml');
    const { items } = await gatherPreflight(
      {
        owner: 'someone-else',
        repo: REPO,
        project: PROJECT,
        version: VERSION,
        versionFrom: 'pyproject.toml',
        workflow: { fileName: 'release.yml', text: other },
        git: CLEAN,
        wizardShowedPublisher: false,
        indexUrl: world!.pypi.url,
      },
      {
        github: {
          tagCommit: async () => ({ ok: true, value: undefined }),
          environment: (_o, r, n) => github.environment(OWNER, r, n),
        },
        pypi,
      },
    );
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    assert.equal(byId.environment!.status, 'fail');
    assert.equal(byId.publisher!.status, 'fail');
    assert.match(byId.publisher!.detail, /repository "someone-else\/pypi-attestations" instead of "trailofbits\/pypi-attestations"/);
  });

  describe('the next version of a project versioned by git tags', () => {
    const hatchVcs = { kind: 'dynamic', provider: 'hatch-vcs', fromVcs: true } as const;
    const TAGS = `GET /repos/${OWNER}/${REPO}/tags`;

    /** The real shape of `GET .../tags`, eight to a page here so that the highest tag is on the second page. */
    const pagedTags = (request: RecordedRequest): Reply => {
      const all = githubFixture<Array<{ name: string }>>('release/tags.json');
      const page = Number(request.query.get('page') ?? '1');
      const next = `http://${request.headers.host}/repos/${OWNER}/${REPO}/tags?per_page=100&page=${page + 1}`;
      return { status: 200, json: all.slice((page - 1) * 8, page * 8), ...(page * 8 < all.length ? { headers: { link: `<${next}>; rel="next"` } } : {}) };
    };
    const choose = (text: 'release.yml' | 'tag-release.yml' = 'tag-release.yml') => {
      const trigger = chooseTrigger(summarizePublishing('release.yml', workflowText(text)));
      return versionChoice({ pypi, github }, { owner: OWNER, repo: REPO, project: PROJECT, source: hatchVcs, tagPatterns: trigger.ok ? trigger.tagPatterns : undefined });
    };

    it('suggests the tag after the highest version tag, read across pages, without asking PyPI', async () => {
      const w = await start({ routes: { [TAGS]: pagedTags } });
      const choice = await choose();
      assert.deepEqual(choice, { kind: 'nextTag', suggestion: '0.0.19', tagPrefix: 'v', from: 'git tags (hatch-vcs)', basis: 'the tag after v0.0.18, the highest version tag on GitHub' });
      assert.equal(w.github.count(TAGS), 3, 'three pages of tags were read');
      assert.equal(w.pypi.seen.length, 0, 'PyPI was not asked');
    });

    it('falls back to PyPI when no tag starts the workflow, and says why', async () => {
      const w = await start({ routes: { [TAGS]: { status: 200, json: [{ ...githubFixture<any[]>('release/tags.json')[0], name: 'nightly' }] } } });
      const choice = await choose();
      assert.equal(choice.kind === 'nextTag' && choice.basis, 'the release after 0.0.18, the latest on PyPI (no tag matching v* names a version)');
      assert.equal(choice.kind === 'nextTag' && choice.suggestion, '0.0.19');
      assert.ok(w.pypi.seen.some(({ url }) => url.endsWith(`/pypi/${PROJECT}/json`)));
    });

    it('falls back to PyPI when GitHub does not answer with tags', async () => {
      await start({ routes: { [TAGS]: { status: 500, json: { message: 'Server Error' } } } });
      const choice = await choose('release.yml');
      assert.equal(choice.kind, 'nextTag');
      assert.match(choice.kind === 'nextTag' ? choice.basis : '', /^the release after 0\.0\.18, the latest on PyPI \(GitHub's tags could not be read: .+\)$/);
    });
  });
});
