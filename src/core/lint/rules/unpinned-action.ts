import { isFullSha } from '../../publish/actionPins';
import { parseVersion, pinOf, replaceUses, writtenName } from '../actionRefs';
import { isPublishingWorkflow } from '../publishers';
import { PYPA_PUBLISH_ACTION } from '../publishing';
import type { Rule, RuleFinding } from '../types';
import type { ActionReference } from '../workflowModel';
import { spanOf } from '../yamlNodes';

/**
 * A workflow that publishes runs with a token that can upload the project, so every action it runs is part of the
 * release. A tag or branch can be moved by whoever controls the action's repository (as in the tj-actions incident);
 * a full commit SHA cannot. A workflow pinned by exact release tags throughout (`@v4.2.1`, and the PyPA action's
 * documented `@release/v1`), as this extension's tag mode writes it, is a deliberate choice and is left alone; in any
 * other workflow, every action not pinned by SHA is reported.
 */

/** Reusable workflows that must be called by tag: they verify their own ref (SLSA's builders do). */
const TAG_ONLY = new Set(['slsa-framework/slsa-github-generator']);

export const unpinnedAction: Rule = {
  meta: { id: 'unpinned-action', title: 'Action not pinned to a commit SHA in a publishing workflow', severity: 'info', advice: true },
  check({ text, workflow }) {
    if (!isPublishingWorkflow(workflow, text)) return [];
    const refs: Array<{ job: string; ref: ActionReference; step: boolean }> = [];
    for (const job of workflow.jobs) {
      if (job.calls) refs.push({ job: job.id, ref: job.calls, step: false });
      for (const step of job.steps) if (step.uses) refs.push({ job: job.id, ref: step.uses, step: true });
    }
    const remote = refs.filter((r) => r.ref.kind === 'repository' && !TAG_ONLY.has(r.ref.action));
    // Pinned by exact release tags throughout (this extension's tag mode): a consistent choice, left alone.
    if (remote.every((r) => refKind(r.ref) === 'version')) return [];
    const findings: RuleFinding[] = [];
    for (const { job, ref, step } of remote) {
      if (ref.ref !== undefined && isFullSha(ref.ref)) continue;
      // sunset-action-ref speaks about this one.
      if (ref.action === PYPA_PUBLISH_ACTION && ref.ref === 'master') continue;
      const pinned = step ? pinOf(ref) : undefined;
      const edit = pinned && replaceUses(text, ref.node, `${writtenName(ref)}@${pinned.pin.sha}`, pinned.pin.version);
      const current = ref.ref && parseVersion(ref.ref);
      const newerMajor = pinned && current && parseVersion(pinned.pin.version)!.major !== current.major;
      const what = step ? 'action' : 'reusable workflow';
      findings.push({
        message: `In job '${job}', ${ref.raw} is not pinned to a commit SHA${ref.ref === undefined ? ' (it names no ref at all)' : ''}. This workflow publishes to a package index, and whoever controls that ${what} can move a tag or branch to other code, which then runs next to your upload credentials. Pin it to a full commit SHA with the version as a comment (\`@<sha> # vX.Y.Z\`) and let Dependabot update it.`,
        range: spanOf(ref.node),
        fixes: edit
          ? [
              {
                title: `Pin to ${pinned.pin.version} by SHA${newerMajor ? ` (a newer major than ${ref.ref}: check its release notes)` : ''}`,
                edits: [edit],
              },
            ]
          : undefined,
      });
    }
    return findings;
  },
};

/** `version`: an exact release tag (or the PyPA action's release/v1 branch); `moving`: anything else. */
function refKind(ref: ActionReference): 'version' | 'moving' {
  if (ref.ref === undefined) return 'moving';
  if (ref.action === PYPA_PUBLISH_ACTION && ref.ref === 'release/v1') return 'version';
  const version = /^v?\d+\.\d+\.\d+(?:[-+.][0-9A-Za-z.-]+)?$/.test(ref.ref);
  return version ? 'version' : 'moving';
}
