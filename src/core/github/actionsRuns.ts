import { array, isRecord, number, record, string } from './responses';
import type { ActionsJob, ActionsRun } from './releaseTypes';
import type { FailedJob, WorkflowRunFacts } from './types';

/**
 * Runs and jobs of GitHub Actions (REST: "List workflow runs for a workflow", "Get a workflow run", "List jobs for a
 * workflow run"), read field by field, for both the release that is followed and the failed run that is diagnosed.
 */

/** What every use of a run reads: its id and page, event, conclusion, when it started and which attempt it is. */
function runBasics(run: Record<string, unknown>, what: string) {
  return {
    id: number(run, 'id', what),
    url: string(run, 'html_url', what),
    event: typeof run.event === 'string' ? run.event : '',
    conclusion: typeof run.conclusion === 'string' ? run.conclusion : null,
    createdAt: typeof run.created_at === 'string' ? run.created_at : '',
    attempt: typeof run.run_attempt === 'number' ? run.run_attempt : 1,
  };
}

/** A run being followed: also its workflow file, commit and status. */
export function parseActionsRun(data: unknown): ActionsRun {
  const what = 'a workflow run';
  const run = record(data, what);
  return {
    ...runBasics(run, what),
    path: typeof run.path === 'string' ? run.path : '',
    headSha: string(run, 'head_sha', what),
    status: typeof run.status === 'string' ? run.status : 'queued',
  };
}

export function parseActionsRuns(data: unknown): ActionsRun[] {
  return array(record(data, 'the workflow run list'), 'workflow_runs', 'the workflow run list').map(parseActionsRun);
}

/** A run being diagnosed: also the title GitHub shows for it. */
export function parseWorkflowRun(value: unknown): WorkflowRunFacts {
  const run = record(value, 'a workflow run');
  const basics = runBasics(run, 'a workflow run');
  return {
    ...basics,
    title: typeof run.display_title === 'string' ? run.display_title : typeof run.name === 'string' ? run.name : `run ${basics.id}`,
    ...(typeof run.run_number === 'number' ? { number: run.run_number } : {}),
    ...(typeof run.head_branch === 'string' ? { headBranch: run.head_branch } : {}),
    ...(typeof run.status === 'string' ? { status: run.status } : {}),
  };
}

export function parseWorkflowRuns(value: unknown): WorkflowRunFacts[] {
  return array(record(value, 'the workflow run list'), 'workflow_runs', 'the workflow run list').map(parseWorkflowRun);
}

export function parseActionsJobs(data: unknown): ActionsJob[] {
  return array(record(data, 'the job list'), 'jobs', 'the job list').map((item) => {
    const job = record(item, 'a job');
    const steps = Array.isArray(job.steps) ? job.steps.filter(isRecord) : [];
    const failed = steps.find((s) => s.conclusion === 'failure' || s.conclusion === 'timed_out');
    return {
      id: number(job, 'id', 'a job'),
      name: string(job, 'name', 'a job'),
      status: typeof job.status === 'string' ? job.status : 'queued',
      conclusion: typeof job.conclusion === 'string' ? job.conclusion : null,
      url: typeof job.html_url === 'string' ? job.html_url : '',
      ...(failed && typeof failed.name === 'string' ? { failedStep: failed.name } : {}),
    };
  });
}

/** The jobs of a run that failed or timed out, with the step GitHub marks as failed. */
export function parseFailedJobs(value: unknown): FailedJob[] {
  return parseActionsJobs(value)
    .filter((job) => job.conclusion === 'failure' || job.conclusion === 'timed_out')
    .map(({ id, name, url, failedStep }) => ({ id, name, url, ...(failedStep ? { failedStep } : {}) }));
}
