import * as assert from 'node:assert/strict';
import { failedLatestReleaseRun, isReleaseRun, runLabel, timeAgo } from '../../../src/core/diagnose';
import { createGitHubClient } from '../../../src/core/github';
import { summarizePublishing } from '../../../src/core/lint';
import { FakeGitHub, TOKEN, USER_AGENT, fixture } from '../github/fakeGitHub';
import { releaseWorkflow } from './fixtures';

const REPO = '/repos/octo-org/hello-world';
const onRelease = summarizePublishing('release.yml', releaseWorkflow());
const onTags = summarizePublishing('release.yml', releaseWorkflow({ on: ['on:', '  push:', '    branches: [main]', '    tags: ["v*"]'] }));

/** GitHub's run list, as the REST API answers it: the recorded fixture, with the runs changed as each test needs. */
function runList(...changes: Array<Record<string, unknown>>) {
  const list = fixture('workflow-runs-failed.json');
  const [template] = list.workflow_runs;
  list.workflow_runs = changes.map((change, i) => ({ ...template, id: template.id - i, run_number: template.run_number - i, ...change }));
  list.total_count = list.workflow_runs.length;
  return list;
}

describe('the latest release run of a workflow', function () {
  this.timeout(6000);
  let github: FakeGitHub | undefined;
  afterEach(async () => {
    const problems = github?.problems ?? [];
    await github?.close();
    github = undefined;
    assert.deepEqual(problems, []);
  });

  async function runsOf(list: unknown) {
    github = await FakeGitHub.start({
      [`GET ${REPO}/actions/workflows/release.yml/runs`]: (request) => {
        // Pull request runs are never a release: GitHub leaves them out when asked.
        assert.equal(request.query.get('exclude_pull_requests'), 'true');
        return { status: 200, json: list };
      },
    });
    const client = createGitHubClient({ token: TOKEN, baseUrl: github.baseUrl, userAgent: USER_AGENT, timeoutMs: 2000, retryDelayMs: 10 });
    const runs = await client.workflowFileRuns('octo-org', 'hello-world', 'release.yml');
    assert.ok(runs.ok);
    return runs.value;
  }

  it('a failed release run that is the newest: found, with its number and tag', async () => {
    const runs = await runsOf(runList({ event: 'release', conclusion: 'failure', head_branch: 'v1.0.0' }));
    const failed = failedLatestReleaseRun(runs, onRelease);
    assert.equal(failed?.id, 9666271466);
    assert.equal(failed?.number, 14);
    assert.equal(failed?.headBranch, 'v1.0.0');
  });

  it('a newer release run that succeeded, or is still running: nothing to show', async () => {
    const fixed = await runsOf(runList({ event: 'release', conclusion: 'success', status: 'completed' }, { event: 'release', conclusion: 'failure' }));
    assert.equal(failedLatestReleaseRun(fixed, onRelease), undefined);
    await github?.close();
    github = undefined;
    const running = await runsOf(runList({ event: 'release', conclusion: null, status: 'in_progress' }, { event: 'release', conclusion: 'failure' }));
    assert.equal(failedLatestReleaseRun(running, onRelease), undefined);
  });

  it('runs that are not releases do not count: a branch push that failed, a manual run', async () => {
    const runs = await runsOf(
      runList(
        { event: 'push', head_branch: 'main', conclusion: 'failure' },
        { event: 'workflow_dispatch', head_branch: 'main', conclusion: 'failure' },
        { event: 'push', head_branch: 'v2.0.0', conclusion: 'timed_out' },
      ),
    );
    const failed = failedLatestReleaseRun(runs, onTags);
    assert.equal(failed?.headBranch, 'v2.0.0', 'the tag push is the latest release, and it timed out');
    assert.equal(failedLatestReleaseRun(runs, onRelease), undefined, 'a workflow that releases on published releases has no release run here');
  });

  it('a cancelled release is not a failure', () => {
    assert.equal(failedLatestReleaseRun([{ id: 1, url: '', title: 'v1', event: 'release', conclusion: 'cancelled', createdAt: '', attempt: 1 }], onRelease), undefined);
  });

  it('tag pushes are told from branch pushes by the workflow\'s own tag patterns', () => {
    assert.equal(isReleaseRun({ event: 'push', headBranch: 'v1.2.3' }, onTags), true);
    assert.equal(isReleaseRun({ event: 'push', headBranch: 'main' }, onTags), false);
    assert.equal(isReleaseRun({ event: 'push', headBranch: 'v1.2.3' }, onRelease), false, 'the workflow does not run on tags');
  });

  it('says when, as a person would', () => {
    const now = Date.parse('2024-06-25T10:31:00Z');
    assert.equal(timeAgo('2024-06-25T08:30:41Z', now), '2 hours ago');
    assert.equal(timeAgo('2024-06-25T10:30:30Z', now), 'just now');
    assert.equal(timeAgo('2024-06-24T10:00:00Z', now), '1 day ago');
    assert.equal(timeAgo('not a date', now), '');
    assert.equal(runLabel({ id: 9666271466, number: 14, createdAt: '2024-06-25T08:30:41Z' }, now), '#14, 2 hours ago');
    assert.equal(runLabel({ id: 9666271466, createdAt: '' }, now), '#9666271466');
  });
});
