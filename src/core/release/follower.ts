import type { ActionsJob, ActionsRun, PendingDeployment, ReleaseCalls } from '../github/releaseTypes';
import type { GitHubError } from '../github/types';
import { stageOf } from './runStage';
import type { Clock, FollowOutcome, RunSnapshot } from './types';

export interface FollowRequest {
  owner: string;
  repo: string;
  /** The commit the tag points at: runs are looked up by it. */
  headSha: string;
  event: 'release' | 'push';
  /** `release.yml`. */
  workflowFile: string;
  /** Job names that upload (see `publishJobNames`). */
  publishJobs: string[];
  /** When the release or tag was created (ms): older runs of the same commit are not this release's. */
  since: number;
}

export interface FollowTiming {
  /** The first wait, and the wait after anything changed. */
  firstDelayMs: number;
  /** Waits grow by `factor` while nothing changes, up to this. */
  maxDelayMs: number;
  factor: number;
  /** How long a run may take to appear. */
  findTimeoutMs: number;
  /** How long a run is followed in all (approvals can take a while). */
  runTimeoutMs: number;
}

export const DEFAULT_FOLLOW_TIMING: FollowTiming = {
  firstDelayMs: 3_000,
  maxDelayMs: 30_000,
  factor: 1.5,
  findTimeoutMs: 5 * 60_000,
  runTimeoutMs: 6 * 60 * 60_000,
};

/** GitHub's clock and ours may differ a little: a run created just before `since` is still this release's. */
const CLOCK_SKEW_MS = 2 * 60_000;

type Poll = { ok: true; snapshot: RunSnapshot } | { ok: false; error: GitHubError };

/**
 * Follows one workflow run from "not started yet" to success or failure: polls GitHub, waits longer while nothing
 * changes (and as long as a rate limit says), starts over quickly when something does, and stops when told to.
 * Time comes from the injected clock, so tests play a whole run without sleeping. One `follow()` per follower.
 */
export class RunFollower {
  private readonly stopping = new AbortController();
  private nap: AbortController | undefined;
  private started = false;

  constructor(
    private readonly request: FollowRequest,
    private readonly github: Pick<ReleaseCalls, 'workflowRuns' | 'workflowRun' | 'runJobs' | 'pendingDeployments'>,
    private readonly clock: Clock,
    private readonly timing: FollowTiming = DEFAULT_FOLLOW_TIMING,
  ) {}

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Stops following; the run itself goes on. */
  stop(): void {
    this.stopping.abort();
    this.nap?.abort();
  }

  /** Asks GitHub now instead of after the current wait (after an approval, say). */
  nudge(): void {
    this.nap?.abort();
  }

  /** Calls `onUpdate` whenever the stage, a job or an approval changes; resolves with how it ended. */
  async follow(onUpdate: (snapshot: RunSnapshot) => void): Promise<FollowOutcome> {
    if (this.started) throw new Error('a RunFollower follows once');
    this.started = true;
    const start = this.clock.now();
    let delay = this.timing.firstDelayMs;
    let seen = '';
    let run: ActionsRun | undefined;
    for (;;) {
      if (this.stopped) return { kind: 'stopped', ...(run ? { run } : {}) };
      const polled = await this.poll(run);
      if (this.stopped) return { kind: 'stopped', ...(run ? { run } : {}) };
      const waited = this.clock.now() - start;
      if (!polled.ok) {
        const { error } = polled;
        if (error.kind === 'Unauthorized' || error.kind === 'Forbidden' || error.kind === 'NotFound' || error.kind === 'Validation') {
          return { kind: 'error', message: error.message, ...(run ? { run } : {}) };
        }
        // Passing trouble: wait longer, and at least as long as a rate limit says.
        delay = Math.min(delay * this.timing.factor, this.timing.maxDelayMs);
        if (error.kind === 'RateLimited' && error.resetAt) delay = Math.max(delay, error.resetAt.getTime() - this.clock.now());
      } else {
        const { snapshot } = polled;
        run = snapshot.run;
        const key = fingerprint(snapshot);
        if (key !== seen) {
          seen = key;
          delay = this.timing.firstDelayMs;
          onUpdate(snapshot);
        } else {
          delay = Math.min(delay * this.timing.factor, this.timing.maxDelayMs);
        }
        if (snapshot.stage === 'success' && run) return { kind: 'success', run, jobs: snapshot.jobs };
        if (snapshot.stage === 'failure' && run) return { kind: 'failure', run, jobs: snapshot.jobs };
        if (!run && waited >= this.timing.findTimeoutMs) return { kind: 'notFound', waitedMs: waited };
        if (run && waited >= this.timing.runTimeoutMs) return { kind: 'timedOut', run, waitedMs: waited };
      }
      this.nap = new AbortController();
      await this.clock.sleep(delay, AbortSignal.any([this.nap.signal, this.stopping.signal]));
      this.nap = undefined;
    }
  }

  private async poll(known: ActionsRun | undefined): Promise<Poll> {
    const { owner, repo } = this.request;
    let run = known;
    if (!run) {
      const found = await this.github.workflowRuns(owner, repo, { headSha: this.request.headSha, event: this.request.event });
      if (!found.ok) return found;
      run = this.pick(found.value);
      if (!run) return { ok: true, snapshot: { stage: 'finding', jobs: [], pending: [] } };
    } else {
      const fresh = await this.github.workflowRun(owner, repo, run.id);
      if (!fresh.ok) return fresh;
      run = fresh.value;
    }
    const jobs = await this.github.runJobs(owner, repo, run.id);
    if (!jobs.ok) return jobs;
    let pending: PendingDeployment[] = [];
    if (run.status === 'waiting' || jobs.value.some((job) => job.status === 'waiting')) {
      const waiting = await this.github.pendingDeployments(owner, repo, run.id);
      if (!waiting.ok) return waiting;
      pending = waiting.value;
    }
    return { ok: true, snapshot: { stage: stageOf(run, jobs.value, pending, this.request.publishJobs), run, jobs: jobs.value, pending } };
  }

  /** The newest run of the workflow file for this commit and event, created since the release. */
  private pick(runs: ActionsRun[]): ActionsRun | undefined {
    const file = this.request.workflowFile;
    return runs
      .filter((run) => run.path === `.github/workflows/${file}` || run.path.endsWith(`/${file}`) || run.path.startsWith(`.github/workflows/${file}@`))
      .filter((run) => !run.createdAt || Date.parse(run.createdAt) >= this.request.since - CLOCK_SKEW_MS)
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
  }
}

function fingerprint(snapshot: RunSnapshot): string {
  const jobs = snapshot.jobs.map((job: ActionsJob) => `${job.id}:${job.status}:${job.conclusion ?? ''}`).join(',');
  const pending = snapshot.pending.map((p) => `${p.environmentId}:${p.currentUserCanApprove}`).join(',');
  return `${snapshot.stage}|${snapshot.run?.id ?? ''}|${snapshot.run?.status ?? ''}|${jobs}|${pending}`;
}

/** The real clock: timers that end early when their signal aborts. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal.addEventListener('abort', done, { once: true });
    }),
};
