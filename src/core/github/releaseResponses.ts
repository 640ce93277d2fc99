import { parseEnvironment, array, isRecord, MalformedResponse, record } from './responses';
import type { ActionsJob, ActionsRun, CreatedRelease, PendingDeployment } from './releaseTypes';

/** Runtime readers of the answers releasing needs: every field is checked before use, as for the other calls. */

const text = (value: Record<string, unknown>, key: string, what: string): string => {
  const field = value[key];
  if (typeof field !== 'string') throw new MalformedResponse(`${what} has no ${key}`);
  return field;
};

const id = (value: Record<string, unknown>, what: string): number => {
  if (typeof value.id !== 'number') throw new MalformedResponse(`${what} has no numeric id`);
  return value.id;
};

/** `GET .../git/ref/tags/{tag}`: the object a tag points at (a commit for a lightweight tag, a tag object otherwise). */
export function parseTagRef(data: unknown): string {
  const ref = record(data, 'the tag');
  return text(record(ref.object, 'the tag object'), 'sha', 'the tag object');
}

export function parseCreatedRelease(data: unknown): CreatedRelease {
  const release = record(data, 'the release');
  return { id: id(release, 'the release'), tagName: text(release, 'tag_name', 'the release'), url: text(release, 'html_url', 'the release') };
}

export function parseActionsRun(data: unknown): ActionsRun {
  const what = 'a workflow run';
  const run = record(data, what);
  return {
    id: id(run, what),
    url: text(run, 'html_url', what),
    path: typeof run.path === 'string' ? run.path : '',
    event: typeof run.event === 'string' ? run.event : '',
    headSha: text(run, 'head_sha', what),
    status: typeof run.status === 'string' ? run.status : 'queued',
    conclusion: typeof run.conclusion === 'string' ? run.conclusion : null,
    createdAt: typeof run.created_at === 'string' ? run.created_at : '',
    attempt: typeof run.run_attempt === 'number' ? run.run_attempt : 1,
  };
}

export function parseActionsRuns(data: unknown): ActionsRun[] {
  return array(record(data, 'the workflow run list'), 'workflow_runs', 'the workflow run list').map(parseActionsRun);
}

export function parseActionsJobs(data: unknown): ActionsJob[] {
  return array(record(data, 'the job list'), 'jobs', 'the job list').map((item) => {
    const job = record(item, 'a job');
    return {
      id: id(job, 'a job'),
      name: text(job, 'name', 'a job'),
      status: typeof job.status === 'string' ? job.status : 'queued',
      conclusion: typeof job.conclusion === 'string' ? job.conclusion : null,
      url: typeof job.html_url === 'string' ? job.html_url : '',
    };
  });
}

/** `GET .../pending_deployments`: a bare list. */
export function parsePendingDeployments(data: unknown): PendingDeployment[] {
  if (!Array.isArray(data)) throw new MalformedResponse('the pending deployments are not a list');
  return data.map((item) => {
    const pending = record(item, 'a pending deployment');
    const environment = record(pending.environment, 'a pending deployment environment');
    const reviewers = (Array.isArray(pending.reviewers) ? pending.reviewers : []).flatMap((entry) => {
      if (!isRecord(entry) || !isRecord(entry.reviewer)) return [];
      const name = entry.type === 'Team' ? entry.reviewer.slug : entry.reviewer.login;
      return typeof name === 'string' ? [name] : [];
    });
    return {
      environmentId: id(environment, 'a pending deployment environment'),
      environment: text(environment, 'name', 'a pending deployment environment'),
      currentUserCanApprove: pending.current_user_can_approve === true,
      reviewers,
      waitTimerMinutes: typeof pending.wait_timer === 'number' ? pending.wait_timer : 0,
    };
  });
}

export function parseEnvironmentSummary(data: unknown): { name: string; id: number; reviewers: string[] } {
  const state = parseEnvironment(data);
  return { name: state.name, id: state.id, reviewers: state.reviewers.map((r) => r.name) };
}
