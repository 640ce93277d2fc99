/**
 * A whole release played by local servers on 127.0.0.1: GitHub's REST API (through the shared fake, which checks the
 * token, User-Agent and API version of every call) and PyPI's JSON, simple and Integrity APIs, answering with the
 * real shapes (test/fixtures/github/release, test/fixtures/pypi, the real attestations). State changes are scripted
 * on a virtual clock, so a run of several minutes plays in milliseconds.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../../../src/core/release';
import { FakeGitHub, fixture as githubFixture, type Handler, type RecordedRequest, type Reply } from '../github/fakeGitHub';
import { fixture as pypiFixture, json, startIndex, type Answer, type TestServer } from '../pypi/servers';
import { ATTESTATIONS, GITHUB_DIST } from '../provenance/attestationFixtures';

export const OWNER = 'trailofbits';
export const REPO = 'pypi-attestations';
export const PROJECT = 'pypi-attestations';
export const VERSION = '0.0.19';
export const TAG = 'v0.0.19';
export const HEAD_SHA = '9ecd4d7ef1c0a4a7fa5a2bd5d6c4d2a3cf6e2b11';
export const RUN_ID = 11760016432;
export const ENVIRONMENT_ID = 2345678901;
const API = `/repos/${OWNER}/${REPO}`;
/** The virtual clock starts at the real time: octokit's rate-limit handling compares reset times with the real clock. */
export const START = Math.floor(Date.now() / 1000) * 1000;

export const workflowText = (name: 'release.yml' | 'tag-release.yml'): string =>
  readFileSync(path.resolve(__dirname, '../../../../test/fixtures/release', name), 'utf8');

/** Virtual time: `sleep` returns at once and moves the clock on; `hold` makes sleeps wait for something real first. */
export class VirtualClock implements Clock {
  time = START;
  readonly sleeps: number[] = [];
  private held: Promise<unknown> = Promise.resolve();

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    await this.held;
    if (!signal.aborted) this.time += ms;
  }

  hold(work: Promise<unknown>): void {
    this.held = Promise.all([this.held, work.catch(() => undefined)]);
  }
}

export type Script = 'success' | 'failure';

/** What GitHub shows of the run at each moment: seconds after START, and whether the approval was given. */
export interface RunScript {
  appearsAfter: number;
  buildStartsAfter: number;
  /** The build finishes; the publish job then waits for the environment (until approved). */
  buildEndsAfter: number;
  outcome: Script;
  /** Seconds from approval to the end of the publish job. */
  publishTakes: number;
  currentUserCanApprove: boolean;
  event: 'release' | 'push';
}

export const DEFAULT_SCRIPT: RunScript = {
  appearsAfter: 8,
  buildStartsAfter: 20,
  buildEndsAfter: 70,
  outcome: 'success',
  publishTakes: 25,
  currentUserCanApprove: true,
  event: 'release',
};

export interface ReleaseWorld {
  github: FakeGitHub;
  pypi: TestServer;
  clock: VirtualClock;
  /** When the approval POST arrived (virtual time), if it did. */
  approvedAt?: number;
  /** Whether the release (or tag) was created. */
  created: boolean;
  /** PyPI serves the release from this virtual time on (it "lags" until then). */
  pypiServesAt: number;
  close(): Promise<void>;
}

const seconds = (world: ReleaseWorld) => (world.clock.now() - START) / 1000;

function runJson(world: ReleaseWorld, script: RunScript): Record<string, any> {
  const run = githubFixture('release/workflow-run.json');
  run.event = script.event;
  run.created_at = run.run_started_at = new Date(START + script.appearsAfter * 1000).toISOString();
  const t = seconds(world);
  const approved = world.approvedAt !== undefined ? (world.approvedAt - START) / 1000 : undefined;
  if (t < script.buildStartsAfter) run.status = 'queued';
  else if (script.outcome === 'failure' && t >= script.buildEndsAfter) {
    run.status = 'completed';
    run.conclusion = 'failure';
  } else if (t < script.buildEndsAfter) run.status = 'in_progress';
  else if (approved === undefined) run.status = 'waiting';
  else if (t < approved + script.publishTakes) run.status = 'in_progress';
  else {
    run.status = 'completed';
    run.conclusion = 'success';
  }
  return run;
}

function jobsJson(world: ReleaseWorld, script: RunScript, run: Record<string, any>): Record<string, any> {
  const jobs = githubFixture('release/run-jobs.json');
  const [build, publish] = jobs.jobs;
  const t = seconds(world);
  if (t >= script.buildStartsAfter) build.status = 'in_progress';
  if (t >= script.buildEndsAfter) {
    build.status = 'completed';
    build.conclusion = script.outcome === 'failure' ? 'failure' : 'success';
    if (script.outcome === 'failure') {
      publish.status = 'completed';
      publish.conclusion = 'skipped';
    } else publish.status = world.approvedAt === undefined ? 'waiting' : 'in_progress';
  }
  if (run.status === 'completed' && run.conclusion === 'success') {
    publish.status = 'completed';
    publish.conclusion = 'success';
  }
  return jobs;
}

/** Starts both servers with a run following `script`; `routes` add or replace GitHub routes. */
export async function startReleaseWorld(
  options: { script?: Partial<RunScript>; pypiLagSeconds?: number; routes?: Record<string, Handler>; versionOnPypi?: boolean } = {},
): Promise<ReleaseWorld> {
  const script = { ...DEFAULT_SCRIPT, ...options.script };
  const clock = new VirtualClock();
  const world = { clock, created: false, pypiServesAt: Number.POSITIVE_INFINITY } as ReleaseWorld;
  const visible = () => world.created && seconds(world) >= script.appearsAfter;
  const notFound: Reply = { status: 404, json: githubFixture('errors/not-found.json') };

  const routes: Record<string, Handler> = {
    [`GET ${API}/git/ref/tags/${TAG}`]: () => (world.created ? { status: 200, json: githubFixture('release/tag-created.json') } : notFound),
    [`GET ${API}/environments/pypi`]: () => ({ status: 200, json: githubFixture('environments.json').environments[0] }),
    [`POST ${API}/releases`]: () => {
      world.created = true;
      world.pypiServesAt = Number.POSITIVE_INFINITY;
      return { status: 201, json: githubFixture('release/release-created.json') };
    },
    [`POST ${API}/git/refs`]: () => {
      world.created = true;
      return { status: 201, json: githubFixture('release/tag-created.json') };
    },
    [`GET ${API}/actions/runs`]: (request: RecordedRequest) => {
      const matches = visible() && request.query.get('head_sha') === HEAD_SHA && request.query.get('event') === script.event;
      const runs = matches ? [runJson(world, script)] : [];
      return { status: 200, json: { total_count: runs.length, workflow_runs: runs } };
    },
    [`GET ${API}/actions/runs/${RUN_ID}`]: () => (visible() ? { status: 200, json: runJson(world, script) } : notFound),
    [`GET ${API}/actions/runs/${RUN_ID}/jobs`]: () => ({ status: 200, json: jobsJson(world, script, runJson(world, script)) }),
    [`GET ${API}/actions/runs/${RUN_ID}/pending_deployments`]: () => {
      const waiting = runJson(world, script).status === 'waiting';
      const pending = githubFixture<any[]>('release/pending-deployments.json');
      pending[0].current_user_can_approve = script.currentUserCanApprove;
      return { status: 200, json: waiting ? pending : [] };
    },
    [`POST ${API}/actions/runs/${RUN_ID}/pending_deployments`]: () => {
      world.approvedAt ??= clock.now();
      world.pypiServesAt = clock.now() + (script.publishTakes + (options.pypiLagSeconds ?? 0)) * 1000;
      return { status: 200, json: githubFixture('release/approved-deployments.json') };
    },
    ...options.routes,
  };
  world.github = await FakeGitHub.start(routes);

  const release = pypiFixture('release-pypi-attestations-0.0.19.json');
  const provenance = readFileSync(path.join(ATTESTATIONS, `${GITHUB_DIST}.provenance`), 'utf8');
  world.pypi = await startIndex((url): Answer | undefined => {
    const { pathname } = new URL(url, 'http://index');
    const served = options.versionOnPypi || clock.now() >= world.pypiServesAt;
    if (pathname === `/pypi/${PROJECT}/${VERSION}/json`) return served ? json(release) : undefined;
    if (pathname === `/pypi/${PROJECT}/json`) return json({ info: { name: PROJECT, version: '0.0.18' } });
    if (pathname === `/simple/${PROJECT}/`) return json(lastReleaseIndex(), 200, { 'content-type': 'application/vnd.pypi.simple.v1+json' });
    // The Integrity API: the real provenance of 0.0.19's sdist, also read (unverified) as "the last release's publisher".
    if (pathname.startsWith(`/integrity/${PROJECT}/`) && pathname.endsWith('/provenance')) return json(provenance);
    return undefined;
  });
  world.close = async () => {
    await world.github.close();
    await world.pypi.close();
  };
  return world;
}

/** The simple index of the project before this release: 0.0.18, with provenance. */
function lastReleaseIndex(): object {
  const file = 'pypi_attestations-0.0.18.tar.gz';
  return {
    meta: { 'api-version': '1.4' },
    name: PROJECT,
    versions: ['0.0.18'],
    files: [
      {
        filename: file,
        url: `https://files.pythonhosted.org/packages/00/00/${file}`,
        hashes: { sha256: '0'.repeat(64) },
        'upload-time': '2024-11-20T10:00:00.000000Z',
        provenance: `/integrity/${PROJECT}/0.0.18/${file}/provenance`,
        yanked: false,
      },
    ],
  };
}
