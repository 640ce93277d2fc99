import { parseWorkflow } from '../lint/analysis/workflowModel';
import { stringOf } from '../lint/analysis/yamlNodes';
import { summarizeModel } from '../lint';
import type { ActionsJob, ActionsRun, PendingDeployment } from '../github/releaseTypes';
import type { RunStage } from './types';

/**
 * The names GitHub gives the jobs that upload to PyPI: a job's `name:` when it is plain text, else its id. Matrix
 * jobs get their values appended (`publish (3.12)`), which `isPublishJob` allows for.
 */
export function publishJobNames(fileName: string, text: string): string[] {
  const { workflow } = parseWorkflow(text);
  if (!workflow) return [];
  const summary = summarizeModel(fileName, workflow, text);
  const ids = [...new Set(summary.uploads.filter((u) => u.index === 'pypi').map((u) => u.jobId))];
  return ids.map((id) => {
    const name = stringOf(workflow.job(id)?.pair('name')?.value);
    return name && !name.includes('${{') ? name : id;
  });
}

export function isPublishJob(job: ActionsJob, publishJobs: string[]): boolean {
  // A called workflow's jobs are shown as `caller / callee`.
  const own = job.name.includes(' / ') ? job.name.slice(job.name.lastIndexOf(' / ') + 3) : job.name;
  return publishJobs.some((name) => own === name || own.startsWith(`${name} (`) || job.name === name);
}

/** Which stage a run is in, from the run, its jobs and the approvals it waits for. */
export function stageOf(run: ActionsRun | undefined, jobs: ActionsJob[], pending: PendingDeployment[], publishJobs: string[]): RunStage {
  if (!run) return 'finding';
  if (run.status === 'completed') return run.conclusion === 'success' ? 'success' : 'failure';
  if (pending.length > 0 || run.status === 'waiting') return 'approval';
  const publishing = jobs.filter((job) => isPublishJob(job, publishJobs));
  if (publishing.some((job) => job.status === 'in_progress' || job.status === 'completed')) return 'publish';
  if (jobs.some((job) => job.status === 'in_progress' || job.status === 'completed')) return 'build';
  return 'queued';
}

export const STAGE_LABELS: Readonly<Record<RunStage, string>> = {
  finding: 'Waiting for the workflow run to start',
  queued: 'Queued',
  build: 'Building',
  approval: 'Waiting for approval',
  publish: 'Publishing to PyPI',
  success: 'Published',
  failure: 'Failed',
};

/** The jobs that failed, for the message and the diagnosis. */
export function failedJobs(jobs: ActionsJob[]): ActionsJob[] {
  return jobs.filter((job) => job.conclusion === 'failure' || job.conclusion === 'timed_out' || job.conclusion === 'cancelled');
}

/** The environments the signed-in user may approve (GitHub's `current_user_can_approve`); [] offers only a link. */
export function approvableEnvironments(pending: PendingDeployment[]): number[] {
  return pending.filter((p) => p.currentUserCanApprove).map((p) => p.environmentId);
}

/**
 * A run can succeed without uploading: every publish job was skipped (an `if:` that did not hold). Waiting for the
 * index would then only time out. False when no job is recognised as publishing (nothing can be said).
 */
export function publishWasSkipped(jobs: ActionsJob[], publishJobs: string[]): boolean {
  const publishing = jobs.filter((job) => isPublishJob(job, publishJobs));
  return publishing.length > 0 && publishing.every((job) => job.conclusion === 'skipped');
}
