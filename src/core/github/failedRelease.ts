import { err, ok, type Result } from '../result';
import type { FailedJob, GitHubClient, GitHubError, WorkflowRunFacts } from './types';

export interface FailedRelease {
  run: WorkflowRunFacts;
  /** The failed jobs with their logs, in the run's order. */
  jobs: Array<FailedJob & { log: string }>;
}

/**
 * The logs of the latest failed run of a workflow file: runs of the workflow → its failed jobs → each job's log.
 * Undefined when the workflow has no failed run. One request after the other (GitHub asks clients not to fire
 * requests concurrently); at most `maxJobs` logs are downloaded.
 */
export async function latestFailedRelease(client: GitHubClient, owner: string, repo: string, workflowFile: string, maxJobs = 5): Promise<Result<FailedRelease | undefined, GitHubError>> {
  const run = await client.latestFailedRun(owner, repo, workflowFile);
  if (!run.ok) return run;
  if (!run.value) return ok(undefined);
  return failedReleaseOfRun(client, owner, repo, run.value, maxJobs);
}

/** The failed jobs of one run, with their logs (a run named by a CodeLens or the wizard, not the latest failed one). */
export async function failedReleaseOfRun(client: GitHubClient, owner: string, repo: string, run: WorkflowRunFacts, maxJobs = 5): Promise<Result<FailedRelease, GitHubError>> {
  const jobs = await client.failedJobs(owner, repo, run.id);
  if (!jobs.ok) return jobs;
  const withLogs: FailedRelease['jobs'] = [];
  for (const job of jobs.value.slice(0, maxJobs)) {
    const log = await client.jobLog(owner, repo, job.id);
    if (!log.ok) return err(log.error);
    withLogs.push({ ...job, log: log.value });
  }
  return ok({ run, jobs: withLogs });
}
