import type { ActionsJob, ActionsRun, PendingDeployment } from '../github/releaseTypes';

/**
 * Releasing from the editor, in five steps: preflight, release, follow, land, and the hand-over to the failed-release
 * diagnosis. Everything here is data and pure decisions; the editor asks the questions and makes the calls.
 */

export type PreflightId = 'workflow' | 'trigger' | 'version' | 'pypiVersion' | 'tag' | 'cleanTree' | 'pushed' | 'environment' | 'publisher';

/** What the editor can do about a failed item, one button each. */
export type FixId =
  | 'openWorkflow'
  | 'setUp'
  | 'editVersion'
  | 'openSourceControl'
  | 'push'
  | 'createEnvironment'
  | 'registerPublisher'
  | 'openPypiProject'
  | 'retry';

export type PreflightItem =
  | { id: PreflightId; status: 'pass'; title: string; detail: string }
  /** Worth knowing, does not stop the release. */
  | { id: PreflightId; status: 'warn'; title: string; detail: string; fix?: FixId }
  | { id: PreflightId; status: 'fail'; title: string; detail: string; fix: FixId };

/** The working tree as VS Code's git extension sees it (no git process is spawned). */
export interface LocalGitState {
  /** Changed, staged, conflicting and untracked files. */
  changes: number;
  branch?: string;
  /** The commit checked out. */
  headSha?: string;
  /** `origin/main`, when the branch tracks one. */
  upstream?: string;
  /** Commits not pushed / not pulled, as of the last fetch. */
  ahead?: number;
  behind?: number;
}

/** How the workflow is started: a published GitHub release, or a pushed tag. */
export type ReleaseTrigger = 'release' | 'tag';

/** Exactly what "Release" creates on GitHub, shown in the one confirmation before anything is created. */
export interface ReleaseAction {
  trigger: ReleaseTrigger;
  owner: string;
  repo: string;
  tag: string;
  version: string;
  /** The commit the tag is created at (the pushed HEAD). */
  targetSha: string;
  /** `release` or `push`: the event of the run this starts. */
  event: 'release' | 'push';
  /** PEP 440 pre-releases become GitHub pre-releases. */
  prerelease: boolean;
  /** `release.yml`. */
  workflowFile: string;
  /** The index project that gets the upload. */
  project: string;
}

/** Where a run is, as the progress notification and the status bar say it. */
export type RunStage = 'finding' | 'queued' | 'build' | 'approval' | 'publish' | 'success' | 'failure';

export interface RunSnapshot {
  stage: RunStage;
  run?: ActionsRun;
  jobs: ActionsJob[];
  /** The environments the run waits on, when it waits for an approval. */
  pending: PendingDeployment[];
}

/** How following a run ended. */
export type FollowOutcome =
  | { kind: 'success'; run: ActionsRun; jobs: ActionsJob[] }
  | { kind: 'failure'; run: ActionsRun; jobs: ActionsJob[] }
  /** The user stopped following (or the window closed); the run goes on without us. */
  | { kind: 'stopped'; run?: ActionsRun }
  /** No run of the workflow appeared for the commit in time. */
  | { kind: 'notFound'; waitedMs: number }
  | { kind: 'timedOut'; run: ActionsRun; waitedMs: number }
  /** GitHub refused (sign-in, rights, the repository): asking again will not help. */
  | { kind: 'error'; message: string; run?: ActionsRun };

/** Time, injected: the editor passes the real one, tests a virtual one that never sleeps. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts (never rejects). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}
