import { array, isRecord, MalformedResponse, record } from './responses';
import type { FailedJob, WorkflowRunFacts } from './types';

/**
 * Runs and jobs of GitHub Actions (REST: "List workflow runs for a workflow", "List jobs for a workflow run"), read
 * field by field: the diagnosis needs the run's page, the failed jobs and their failed steps, nothing else.
 */

export function parseWorkflowRun(value: unknown): WorkflowRunFacts {
  const run = record(value, 'a workflow run');
  if (typeof run.id !== 'number' || typeof run.html_url !== 'string') throw new MalformedResponse('a workflow run has no id or html_url');
  return {
    id: run.id,
    url: run.html_url,
    title: typeof run.display_title === 'string' ? run.display_title : typeof run.name === 'string' ? run.name : `run ${run.id}`,
    event: typeof run.event === 'string' ? run.event : '',
    conclusion: typeof run.conclusion === 'string' ? run.conclusion : null,
    createdAt: typeof run.created_at === 'string' ? run.created_at : '',
    attempt: typeof run.run_attempt === 'number' ? run.run_attempt : 1,
  };
}

export function parseWorkflowRuns(value: unknown): WorkflowRunFacts[] {
  return array(record(value, 'the workflow run list'), 'workflow_runs', 'the workflow run list').map(parseWorkflowRun);
}

export function parseFailedJobs(value: unknown): FailedJob[] {
  const jobs = array(record(value, 'the job list'), 'jobs', 'the job list');
  return jobs.flatMap((item) => {
    const job = record(item, 'a job');
    if (typeof job.id !== 'number' || typeof job.name !== 'string') throw new MalformedResponse('a job has no id or name');
    if (job.conclusion !== 'failure' && job.conclusion !== 'timed_out') return [];
    const steps = Array.isArray(job.steps) ? job.steps.filter(isRecord) : [];
    const failed = steps.find((s) => s.conclusion === 'failure' || s.conclusion === 'timed_out');
    return [
      {
        id: job.id,
        name: job.name,
        url: typeof job.html_url === 'string' ? job.html_url : '',
        ...(failed && typeof failed.name === 'string' ? { failedStep: failed.name } : {}),
      },
    ];
  });
}
