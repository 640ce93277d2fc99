import type { WorkflowPublishing } from '../lint';
import type { ReleaseTrigger } from './types';

/** GitHub's `release` activities that a published (non-draft) release fires. `released` only for a full release. */
const FIRED_BY_PUBLISHING = ['published', 'created', 'released'];

export type TriggerChoice =
  | { ok: true; trigger: ReleaseTrigger; tagPatterns?: string[]; note?: string; releaseTypes: string[] }
  | { ok: false; reason: string };

/**
 * How a release starts the workflow's PyPI upload, from the publishing summary the checks share: a published GitHub
 * release (the release is created with its tag), or a pushed tag (only the tag is created). A workflow that does
 * both is started by the release; its tag push starts it as well, which the `duplicate-release-trigger` check reports.
 */
export function chooseTrigger(summary: WorkflowPublishing): TriggerChoice {
  if (summary.invalid) return { ok: false, reason: `${summary.fileName} is not valid YAML` };
  if (summary.tooLarge) return { ok: false, reason: `${summary.fileName} is too large to read` };
  const uploads = summary.uploads.filter((u) => u.index === 'pypi');
  // A caller of a reusable publishing workflow of the same repository uploads on its own triggers.
  const starts = uploads.length > 0 ? uploads : summary.localCalls;
  if (starts.length === 0) return { ok: false, reason: `${summary.fileName} does not upload to PyPI` };
  const releaseTypes = [...new Set(starts.flatMap((s) => s.releaseTypes))];
  const byRelease = releaseTypes.some((type) => FIRED_BY_PUBLISHING.includes(type));
  const byTag = starts.some((s) => s.onTagPush);
  if (byRelease) {
    return {
      ok: true,
      trigger: 'release',
      releaseTypes,
      ...(summary.tagPatterns ? { tagPatterns: summary.tagPatterns } : {}),
      ...(byTag ? { note: `${summary.fileName} also runs on the pushed tag: the release's tag starts it a second time` } : {}),
    };
  }
  if (byTag) return { ok: true, trigger: 'tag', releaseTypes, tagPatterns: summary.tagPatterns ?? [] };
  const triggers = summary.triggers.length > 0 ? summary.triggers.join(', ') : 'no event';
  return { ok: false, reason: `${summary.fileName} uploads to PyPI on ${triggers}, neither on a published release nor on a pushed tag` };
}

/**
 * The workflows a release can start, for "Release…" to choose from: those that upload to PyPI (or call a reusable
 * workflow of the repository that does) and run on some event of their own, not only when called. The one named by
 * `preferred` (the workflow file name setting) comes first.
 */
export function releaseWorkflows<T extends WorkflowPublishing>(summaries: readonly T[], preferred?: string): T[] {
  const starts = summaries.filter(
    (s) => (s.uploads.some((u) => u.index === 'pypi') || s.localCalls.length > 0) && s.triggers.some((t) => t !== 'workflow_call'),
  );
  return [...starts.filter((s) => s.fileName === preferred), ...starts.filter((s) => s.fileName !== preferred)];
}
