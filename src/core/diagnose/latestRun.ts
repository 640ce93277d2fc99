import type { WorkflowRunFacts } from '../github/types';
import type { WorkflowPublishing } from '../lint';
import { tagMatches } from '../release/tagPattern';

/**
 * Whether the latest release of a publishing workflow failed on GitHub: the facts behind the CodeLens on the
 * workflow file and the wizard's "Diagnose failed release" button. Runs are GitHub's "List workflow runs for a
 * workflow", newest first.
 */

/** The conclusions of a run that did not publish because something broke (not `cancelled` or `skipped`: someone chose those). */
const FAILED = new Set(['failure', 'timed_out', 'startup_failure']);

/**
 * A run the workflow made for a release: a published release (`release` event), or a pushed tag that its `push:
 * tags:` patterns accept (`head_branch` is the tag). Runs of other events (a branch push, a manual run, a schedule)
 * may build or test, but are not what a release shows.
 */
export function isReleaseRun(run: Pick<WorkflowRunFacts, 'event' | 'headBranch'>, summary: Pick<WorkflowPublishing, 'triggers' | 'tagPatterns'>): boolean {
  if (run.event === 'release') return true;
  if (run.event !== 'push' || summary.tagPatterns === undefined || run.headBranch === undefined) return false;
  // Without patterns every tag is a release, but a branch push is not: tell them apart by the usual tag spelling.
  return summary.tagPatterns.length > 0 ? tagMatches(run.headBranch, summary.tagPatterns) : /^v?\d/.test(run.headBranch);
}

/**
 * The newest release run, when it failed; undefined when it succeeded, is still running, was cancelled, or the
 * workflow has no release run among those listed.
 */
export function failedLatestReleaseRun(runs: readonly WorkflowRunFacts[], summary: Pick<WorkflowPublishing, 'triggers' | 'tagPatterns'>): WorkflowRunFacts | undefined {
  const latest = runs.find((run) => isReleaseRun(run, summary));
  return latest && latest.conclusion !== null && FAILED.has(latest.conclusion) ? latest : undefined;
}

/** `2 hours ago`, `3 days ago`, `just now`: how long ago `iso` was, for a person; '' when the time is not readable. */
export function timeAgo(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  const units: Array<[string, number]> = [
    ['year', 365 * 86400],
    ['month', 30 * 86400],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

/** `#123, 2 hours ago`: the run as GitHub lists it. */
export function runLabel(run: Pick<WorkflowRunFacts, 'id' | 'number' | 'createdAt'>, now: number): string {
  const when = timeAgo(run.createdAt, now);
  return `#${run.number ?? run.id}${when ? `, ${when}` : ''}`;
}
