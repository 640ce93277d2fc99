import * as assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGitHubClient, latestFailedRelease } from '../../../src/core/github';
import { diagnoseLog } from '../../../src/core/diagnose';
import { logFixture } from '../diagnose/fixtures';
import { FakeGitHub, TOKEN, USER_AGENT, fixture, type Handler } from './fakeGitHub';

const REPO = '/repos/octo-org/hello-world';
const SIGNATURE = 'sv=2021-08-06&sig=SignedLogUrlSecret0123';

/** The blob host GitHub redirects log downloads to: a second origin that records what it was sent. */
class LogHost {
  readonly requests: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  private constructor(private readonly server: Server, private readonly logs: Record<string, { status: number; text: string }>) {}

  static async start(logs: Record<string, { status: number; text: string }>): Promise<LogHost> {
    let host: LogHost | undefined;
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      host!.requests.push({ path: url.pathname, headers: req.headers });
      const answer = host!.logs[url.pathname] ?? { status: 404, text: 'BlobNotFound' };
      res.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(answer.text);
    });
    host = new LogHost(server, logs);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return host;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('GitHub: the latest failed run of a workflow, its failed jobs and their logs', function () {
  this.timeout(6000);
  let github: FakeGitHub | undefined;
  let logs: LogHost | undefined;

  afterEach(async () => {
    const problems = github?.problems ?? [];
    await github?.close();
    await logs?.close();
    github = logs = undefined;
    assert.deepEqual(problems, [], 'the fake GitHub saw protocol problems');
  });

  async function serve(routes: (logOrigin: string) => Record<string, Handler>, logBodies: Record<string, { status: number; text: string }>) {
    logs = await LogHost.start(logBodies);
    github = await FakeGitHub.start(routes(logs.origin));
    return createGitHubClient({ token: TOKEN, baseUrl: github.baseUrl, userAgent: USER_AGENT, timeoutMs: 2000, retryDelayMs: 10 });
  }

  const redirect = (origin: string, job: number): Handler => ({ status: 302, headers: { location: `${origin}/logs/${job}.txt?${SIGNATURE}` }, text: '' });

  it('follows the log redirect to the other host without the token, and diagnoses the log', async () => {
    const client = await serve(
      (origin) => ({
        [`GET ${REPO}/actions/workflows/release.yml/runs`]: (request) => {
          assert.equal(request.query.get('status'), 'failure');
          return { status: 200, json: fixture('workflow-runs-failed.json') };
        },
        [`GET ${REPO}/actions/runs/9666271466/jobs`]: { status: 200, json: fixture('run-jobs.json') },
        [`GET ${REPO}/actions/jobs/26665400904/logs`]: redirect(origin, 26665400904),
      }),
      { '/logs/26665400904.txt': { status: 200, text: logFixture('invalid-publisher-raw.log') } },
    );
    const result = await latestFailedRelease(client, 'octo-org', 'hello-world', 'release.yml');
    assert.ok(result.ok && result.value, JSON.stringify(result));
    assert.equal(result.value.run.url, 'https://github.com/octo-org/hello-world/actions/runs/9666271466');
    assert.deepEqual(
      result.value.jobs.map((j) => [j.name, j.failedStep, j.url]),
      [['Publish to PyPI', 'Publish', 'https://github.com/octo-org/hello-world/actions/runs/9666271466/job/26665400904']],
    );
    // The log host got the signed URL and nothing else: no Authorization header, no token anywhere.
    assert.equal(logs!.requests.length, 1);
    const sent = logs!.requests[0];
    assert.equal(sent.headers.authorization, undefined);
    assert.ok(!JSON.stringify(sent).includes(TOKEN), 'the token reached the log host');
    assert.equal(diagnoseLog(result.value.jobs[0].log).diagnoses[0].kind, 'invalid-publisher');
  });

  it('a workflow without failed runs: nothing to diagnose', async () => {
    const client = await serve(() => ({ [`GET ${REPO}/actions/workflows/release.yml/runs`]: { status: 200, json: { total_count: 0, workflow_runs: [] } } }), {});
    const result = await latestFailedRelease(client, 'octo-org', 'hello-world', 'release.yml');
    assert.deepEqual(result, { ok: true, value: undefined });
  });

  it('an expired log: a clear error that shows neither the signed URL nor the token', async () => {
    const client = await serve(
      (origin) => ({
        [`GET ${REPO}/actions/workflows/release.yml/runs`]: { status: 200, json: fixture('workflow-runs-failed.json') },
        [`GET ${REPO}/actions/runs/9666271466/jobs`]: { status: 200, json: fixture('run-jobs.json') },
        [`GET ${REPO}/actions/jobs/26665400904/logs`]: redirect(origin, 26665400904),
      }),
      {},
    );
    const result = await latestFailedRelease(client, 'octo-org', 'hello-world', 'release.yml');
    assert.equal(result.ok, false);
    const error = (result as { ok: false; error: { kind: string; message: string } }).error;
    assert.equal(error.kind, 'NotFound');
    assert.match(error.message, /no longer available/);
    assert.ok(!error.message.includes('sig=') && !error.message.includes(TOKEN), error.message);
  });

  it('refuses to follow a redirect to anything but HTTPS (HTTP only for an API on HTTP, as this local one)', async () => {
    const client = await serve(
      () => ({
        [`GET ${REPO}/actions/jobs/1/logs`]: { status: 302, headers: { location: `ftp://logs.example/1.txt?${SIGNATURE}` }, text: '' },
      }),
      {},
    );
    const result = await client.jobLog('octo-org', 'hello-world', 1);
    assert.equal(result.ok, false);
    assert.match((result as { ok: false; error: { message: string } }).error.message, /not HTTPS; not followed/);
    assert.ok(!JSON.stringify(result).includes('sig='));
  });

  it('a GitHub that serves the log itself (no redirect)', async () => {
    const client = await serve(() => ({ [`GET ${REPO}/actions/jobs/7/logs`]: { status: 200, headers: { 'content-type': 'text/plain' }, text: 'line one\nline two' } }), {});
    assert.deepEqual(await client.jobLog('octo-org', 'hello-world', 7), { ok: true, value: 'line one\nline two' });
  });
});
