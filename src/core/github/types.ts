import type { Result } from '../result';
import type { ReleaseCalls } from './releaseTypes';

export interface GitHubClientOptions {
  /** From VS Code's GitHub sign-in. Never logged, stored or shown. */
  token: string;
  /** Default `https://api.github.com`; tests point it at a local server. */
  baseUrl?: string;
  userAgent: string;
  /** Per request; default 15 s. */
  timeoutMs?: number;
  /** Wait before the single retry of a read that met a 5xx or a dropped connection; default 1 s. */
  retryDelayMs?: number;
}

export type GitHubError =
  | { kind: 'Unauthorized'; message: string }
  | { kind: 'Forbidden'; message: string }
  | { kind: 'NotFound'; message: string }
  | { kind: 'RateLimited'; resetAt?: Date; message: string }
  | { kind: 'Validation'; status: number; message: string }
  | { kind: 'Server'; status: number; message: string }
  | { kind: 'Network'; message: string };

export interface RepositoryFacts {
  /** Canonical spelling as GitHub returns it (PyPI matches the case). */
  owner: string;
  repo: string;
  id: number;
  ownerId: number;
  ownerType: 'User' | 'Organization';
  visibility: 'public' | 'private' | 'internal';
  defaultBranch: string;
  /** Whether the signed-in user can administer the repository (needed for environments and secrets). */
  admin: boolean;
}

export interface EnvironmentFacts {
  name: string;
  id: number;
  /** Login names of required reviewers (users) and team slugs (teams). */
  reviewers: string[];
  waitTimerMinutes: number;
  /** null: any branch or tag may deploy. */
  deploymentPolicy: null | { protectedBranches: boolean; customPolicies: Array<{ name: string; type: 'branch' | 'tag' }> };
}

export interface EnsureEnvironmentRequest {
  name: string;
  /** Limits deployments to tags matching this pattern, e.g. `v*`. */
  tagPattern: string;
  /** User ids to require as reviewers; omitted when the plan does not allow reviewers. */
  reviewerIds?: number[];
}

export interface EnsureEnvironmentResult {
  created: boolean;
  environment: EnvironmentFacts;
  /** What was changed, in words, for the wizard's report ("limited to tags v*", "reviewer octocat"). */
  changes: string[];
}

/** A run of a workflow, as the diagnosis shows it. */
export interface WorkflowRunFacts {
  id: number;
  /** The run's page on GitHub. */
  url: string;
  /** `display_title`: the release tag, the commit message... */
  title: string;
  event: string;
  conclusion: string | null;
  createdAt: string;
  attempt: number;
  /** `run_number`: the `#123` GitHub shows. */
  number?: number;
  /** `head_branch`: the branch, or the tag of a tag push. */
  headBranch?: string;
  /** `status`: `completed` once it has a conclusion. */
  status?: string;
}

/** A job of a run that failed (or timed out). */
export interface FailedJob {
  id: number;
  name: string;
  /** The job's page on GitHub. */
  url: string;
  /** The step GitHub marks as failed. */
  failedStep?: string;
}

export interface GitHubClient extends ReleaseCalls {
  viewer(): Promise<Result<{ login: string; id: number }, GitHubError>>;
  repository(owner: string, repo: string): Promise<Result<RepositoryFacts, GitHubError>>;
  environments(owner: string, repo: string): Promise<Result<EnvironmentFacts[], GitHubError>>;
  ensureEnvironment(owner: string, repo: string, request: EnsureEnvironmentRequest): Promise<Result<EnsureEnvironmentResult, GitHubError>>;
  /** Names only: GitHub never returns secret values. */
  secretNames(owner: string, repo: string): Promise<Result<string[], GitHubError>>;
  deleteSecret(owner: string, repo: string, name: string): Promise<Result<void, GitHubError>>;
  /** The latest run of a workflow file (`release.yml`) that failed; undefined when none did. */
  latestFailedRun(owner: string, repo: string, workflowFile: string): Promise<Result<WorkflowRunFacts | undefined, GitHubError>>;
  /** The latest runs of a workflow file, newest first, without pull request runs (a release never is one). */
  workflowFileRuns(owner: string, repo: string, workflowFile: string): Promise<Result<WorkflowRunFacts[], GitHubError>>;
  /** One run, as the diagnosis shows it. */
  runFacts(owner: string, repo: string, runId: number): Promise<Result<WorkflowRunFacts, GitHubError>>;
  /** The jobs of a run (its latest attempt) that failed. */
  failedJobs(owner: string, repo: string, runId: number): Promise<Result<FailedJob[], GitHubError>>;
  /**
   * A job's plain-text log. GitHub answers with a redirect to a short-lived signed URL on another host; that request
   * carries no Authorization header (the signature is the credential), and the signed URL is never put in a message.
   */
  jobLog(owner: string, repo: string, jobId: number): Promise<Result<string, GitHubError>>;
}
