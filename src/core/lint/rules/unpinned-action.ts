import { isFullSha } from '../../publish/actionPins';
import { ARTIFACT_PAIR, isRetiredArtifactAction, upgradeArtifactPair } from '../edits/artifactUpgrade';
import { majorOfRef, parseVersion, pinOf, pinsByTag, replaceUses, writtenName } from '../analysis/actionRefs';
import { PYPA_PUBLISH_ACTION } from '../analysis/publishing';
import type { Fix, Rule, RuleFinding } from '../engine/types';
import type { ActionReference, WorkflowModel } from '../analysis/workflowModel';
import { spanOf } from '../analysis/yamlNodes';
import { later } from '../engine/fixesLater';

/**
 * A workflow that publishes runs with a token that can upload the project, so every action it runs is part of the
 * release. A tag or branch can be moved by whoever controls the action's repository (as in the tj-actions incident);
 * a full commit SHA cannot. A workflow pinned by exact release tags throughout (`@v4.2.1`, and the PyPA action's
 * documented `@release/v1`), as this extension's tag mode writes it, is a deliberate choice and is left alone; in any
 * other workflow, every action not pinned by SHA is reported.
 *
 * The fix pins to the commit the table of known releases gives, when that release has the major version the user
 * wrote. Otherwise pinning means upgrading, a separate fix that says so; the two halves of an artifact hand-over
 * (upload-artifact and download-artifact) are upgraded together, as one generation.
 */
export const unpinnedAction: Rule = {
  meta: { id: 'unpinned-action', title: 'Action not pinned to a commit SHA in a publishing workflow', severity: 'info', advice: true },
  check({ text, workflow, facts }) {
    if (facts.publishingJobs.length === 0) return [];
    const remote = facts.remoteRefs;
    // Pinned by exact release tags throughout (this extension's tag mode): a consistent choice, left alone.
    if (pinsByTag(remote)) return [];
    // One finding per action and job: a job that runs the same action three times is one thing to pin, not three.
    const groups = new Map<string, Array<{ job: string; ref: ActionReference; step: boolean }>>();
    for (const use of remote) {
      const { ref } = use;
      if (ref.ref !== undefined && isFullSha(ref.ref)) continue;
      // sunset-action-ref and retired-artifact-action speak about these.
      if (ref.action === PYPA_PUBLISH_ACTION && ref.ref === 'master') continue;
      if (isRetiredArtifactAction(ref, text)) continue;
      const key = `${use.job}\u0000${ref.action}/${ref.path ?? ''}`;
      const group = groups.get(key);
      if (group) group.push(use);
      else groups.set(key, [use]);
    }
    const findings: RuleFinding[] = [];
    for (const uses of groups.values()) {
      const { job, ref, step } = uses[0];
      const what = step ? 'action' : 'reusable workflow';
      const times = uses.length > 1 ? ` The job uses it ${uses.length} times.` : '';
      const finding: RuleFinding = {
        message: `${
          step ? `Job '${job}' uses ${ref.raw}, not pinned to a commit SHA${ref.ref === undefined ? ' (it names no ref at all)' : ''}.` : `Job '${job}' calls a reusable workflow not pinned to a commit SHA. It calls ${ref.raw}.`
        }${times} This workflow publishes to a package index, and whoever controls that ${what} can move a tag or branch to other code, which then runs next to your upload credentials. Pin it to a full commit SHA with the version as a comment (\`@<sha> # vX.Y.Z\`) and let Dependabot update it.`,
        range: spanOf(ref.node),
        fixes: step ? later(pinAll, text, workflow, uses) : undefined,
      };
      if (uses.length > 1) finding.related = uses.slice(1).map((o) => ({ range: spanOf(o.ref.node), message: `${o.ref.raw}, also not pinned` }));
      findings.push(finding);
    }
    return findings;
  },
};


/** One fix that pins every use of the group (the artifact pair's upgrade already covers the whole workflow). */
function pinAll(text: string, workflow: WorkflowModel, uses: ReadonlyArray<{ ref: ActionReference }>): Fix[] | undefined {
  const fixes = uses.map((u) => pinFix(text, workflow, u.ref));
  return fixes.length > 0 && fixes.every((f) => f !== undefined) ? [mergeFixes(fixes as Fix[])] : undefined;
}

/** The pin to the table's release when it has the major the user wrote; else the upgrade, titled as one. */
function pinFix(text: string, workflow: WorkflowModel, ref: ActionReference): Fix | undefined {
  const pinned = pinOf(ref);
  if (!pinned) return undefined;
  const major = majorOfRef(ref);
  const tableMajor = parseVersion(pinned.pin.version)!.major;
  if (major === tableMajor) {
    const edit = replaceUses(text, ref.node, `${writtenName(ref)}@${pinned.pin.sha}`, pinned.pin.version);
    return edit && { title: `Pin to ${pinned.pin.version} by SHA`, edits: [edit] };
  }
  const from = ref.ref === undefined ? 'no ref' : ref.ref;
  if (!ARTIFACT_PAIR.has(pinned.name)) {
    const edit = replaceUses(text, ref.node, `${writtenName(ref)}@${pinned.pin.sha}`, pinned.pin.version);
    return edit && { title: `Upgrade ${pinned.name} from ${from} to ${pinned.pin.version} and pin it by SHA (a new major: check its release notes)`, edits: [edit] };
  }
  const upgrade = upgradeArtifactPair(text, workflow);
  return upgrade && { title: `Upgrade ${upgrade.targets}, pinned by SHA (from ${from}, a new major: check the release notes)`, edits: upgrade.edits };
}

/** One fix from the fixes of several uses: the first title, every distinct edit once. */
function mergeFixes(fixes: Fix[]): Fix {
  const seen = new Set<string>();
  const edits = fixes.flatMap((f) => f.edits).filter((e) => {
    const key = `${e.start}:${e.end}:${e.newText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { title: fixes[0].title, edits: edits.sort((a, b) => a.start - b.start) };
}
