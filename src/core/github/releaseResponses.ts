import { isRecord, MalformedResponse, number, parseEnvironment, record, string } from './responses';
import type { CreatedRelease, PendingDeployment } from './releaseTypes';

/** Runtime readers of the answers releasing needs: every field is checked before use, as for the other calls. */

/** `GET .../git/ref/tags/{tag}`: the object a tag points at (a commit for a lightweight tag, a tag object otherwise). */
export function parseTagRef(data: unknown): string {
  const ref = record(data, 'the tag');
  return string(record(ref.object, 'the tag object'), 'sha', 'the tag object');
}

/** One entry of `GET /repos/{owner}/{repo}/tags`: its name. */
export function parseTagName(data: unknown): string {
  return string(record(data, 'a tag'), 'name', 'a tag');
}

export function parseCreatedRelease(data: unknown): CreatedRelease {
  const release = record(data, 'the release');
  return { id: number(release, 'id', 'the release'), tagName: string(release, 'tag_name', 'the release'), url: string(release, 'html_url', 'the release') };
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
      environmentId: number(environment, 'id', 'a pending deployment environment'),
      environment: string(environment, 'name', 'a pending deployment environment'),
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
