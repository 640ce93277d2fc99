import { ACTION_PINS, isFullSha, type ActionName } from '../../publish/actionPins';
import { majorOfRef, pinOf, replaceUses, versionOf, writtenName } from '../analysis/actionRefs';
import type { TextEdit } from '../engine/types';
import type { ActionReference, WorkflowModel } from '../analysis/workflowModel';

/**
 * upload-artifact and download-artifact hand files from one job to the next, and an artifact written by one
 * generation is read only by the matching one: they move together, as one generation.
 */
export const ARTIFACT_PAIR: ReadonlySet<string> = new Set(['actions/upload-artifact', 'actions/download-artifact']);

/**
 * Versions 1 to 3 of the artifact actions stopped working on github.com on 2025-01-30: a job that uses one fails.
 * https://github.blog/changelog/2024-04-16-deprecation-notice-v3-of-the-artifact-actions/
 */
export const LAST_RETIRED_ARTIFACT_MAJOR = 3;

/**
 * The reference is an artifact action of a retired major: by tag, by a SHA the table of release commits knows, or by
 * a SHA whose comment names the version.
 */
export function isRetiredArtifactAction(ref: ActionReference, text?: string): boolean {
  if (ref.kind !== 'repository' || ref.path || !ARTIFACT_PAIR.has(ref.action)) return false;
  const major = text === undefined ? majorOfRef(ref) : versionOf(text, ref)?.major;
  return major !== undefined && major <= LAST_RETIRED_ARTIFACT_MAJOR;
}

/**
 * Edits that move every upload-artifact and download-artifact of the workflow to the table's current release,
 * pinned by SHA with the version as a comment; `targets` says which, for a fix's title. Undefined when one of them
 * cannot be rewritten safely.
 */
export function upgradeArtifactPair(text: string, workflow: WorkflowModel): { edits: TextEdit[]; targets: string } | undefined {
  const edits: TextEdit[] = [];
  const names = new Set<ActionName>();
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      const other = step.uses && pinOf(step.uses);
      if (!step.uses || !other || !ARTIFACT_PAIR.has(other.name)) continue;
      names.add(other.name);
      if (step.uses.ref === other.pin.sha || (versionOf(text, step.uses)?.text === other.pin.version && isFullSha(step.uses.ref ?? ''))) continue;
      const edit = replaceUses(text, step.uses.node, `${writtenName(step.uses)}@${other.pin.sha}`, other.pin.version);
      if (!edit) return undefined;
      edits.push(edit);
    }
  }
  const targets = [...names].sort().reverse().map((name) => `${name.split('/')[1]} ${ACTION_PINS[name].version}`);
  return { edits, targets: targets.length > 1 ? `${targets.join(' and ')} together` : `to ${targets[0]}` };
}
