import { INDEX_NAMES, type PublishIndex } from '../analysis/publishingSummary';
import { EVENTS, sharedEvent, type UploadReach } from '../analysis/triggerOverlap';
import type { Span, WorkspaceRule, WorkspaceRuleFinding, WorkspaceWorkflow } from '../engine/types';
import { sameProject, type UploadProject } from '../analysis/uploadProject';

/** An upload as it runs: from the workflow that starts it (a call to a reusable workflow counts for the caller). */
interface Publisher extends UploadReach {
  file: string;
  index: PublishIndex;
  range: Span;
  project: UploadProject;
  /** The reusable workflow whose upload this is, when the upload is made through a call. */
  via?: string;
}

const MAX_FIRST_SENTENCE = 120;

/** The last segment of a path or URI: how people know a workflow. */
export const workflowName = (file: string): string => file.split(/[\\/]/).pop() ?? file;

/**
 * Two workflows of one repository that upload to the same index, started by the same release: both run, and
 * whichever uploads second fails with "File already exists" (the release looks failed although it went out). It
 * typically happens when a new `release.yml` is added next to an older `publish.yml`. Reported on both files, at
 * each upload, with the other upload as related information.
 */
export const duplicatePublishingWorkflow: WorkspaceRule = {
  meta: { id: 'duplicate-publishing-workflow', title: 'Two workflows upload the same release', severity: 'warning' },
  check(workflows) {
    const byName = new Map(workflows.map((w) => [workflowName(w.file), w]));
    const publishers = workflows.flatMap((w) => publishersOf(w, byName));
    // Each upload is compared with the uploads of the other files only, and once per file and index: a generated
    // workflow with thousands of jobs costs as many comparisons as it has uploads, not their square.
    const byFile = new Map<string, Publisher[]>();
    for (const publisher of publishers) {
      const ofFile = byFile.get(publisher.file);
      if (ofFile) ofFile.push(publisher);
      else byFile.set(publisher.file, [publisher]);
    }
    const findings: WorkspaceRuleFinding[] = [];
    const reported = new Set<string>();
    for (const a of publishers) {
      for (const [file, others] of byFile) {
        const key = `${a.file}\n${file}\n${a.index}`;
        if (file === a.file || reported.has(key)) continue;
        for (const b of others) {
          // A monorepo's workflows that publish different packages on one release are not duplicates.
          if (a.index !== b.index || !sameProject(a.project, b.project)) continue;
          const event = sharedEvent(a, b);
          if (!event) continue;
          reported.add(key);
          findings.push({
            file: a.file,
            message: message(a, b, event),
            range: a.range,
            related: [{ file: b.file, range: b.range, message: `the upload to ${INDEX_NAMES[b.index]} in ${workflowName(b.file)}` }],
          });
          break;
        }
      }
    }
    return findings;
  },
};

/**
 * The uploads that run when this workflow runs: its own, and those of the reusable workflows of the repository it
 * calls (on its own triggers, at the call). A reusable workflow's own uploads count only for the triggers it has
 * besides `workflow_call`.
 */
function publishersOf(workflow: WorkspaceWorkflow, byName: ReadonlyMap<string, WorkspaceWorkflow>): Publisher[] {
  const { summary } = workflow;
  if (summary.invalid) return [];
  const tagPatterns = summary.tagPatterns ?? [];
  const own = summary.uploads.map((u) => ({ file: workflow.file, index: u.index, range: u.range, project: u.project, releaseTypes: u.releaseTypes, onTagPush: u.onTagPush, tagPatterns }));
  const called = summary.localCalls.flatMap((call) => {
    const callee = byName.get(call.fileName);
    if (!callee || callee === workflow || callee.summary.invalid) return [];
    return callee.summary.uploads.map((u) => ({
      file: workflow.file,
      index: u.index,
      range: call.range,
      project: u.project,
      releaseTypes: call.releaseTypes,
      onTagPush: call.onTagPush,
      tagPatterns,
      via: callee.file,
    }));
  });
  return [...own, ...called];
}

function message(a: Publisher, b: Publisher, event: string): string {
  const self = workflowName(a.file);
  const other = workflowName(b.file);
  const index = INDEX_NAMES[a.index];
  const candidates = [
    `${self} and ${other} both upload to ${index} on ${event}: the second upload fails with "File already exists".`,
    `${self} and ${other} both upload to ${index} on ${event}: the second fails with "File already exists".`,
    `${other} also uploads to ${index} on ${event}: the second upload fails with "File already exists".`,
    `${other} also uploads to ${index} on ${event}: the second fails with "File already exists".`,
    `${other} also uploads to ${index} on ${event}: one of the two uploads fails.`,
  ];
  const first = candidates.find((c) => c.length <= MAX_FIRST_SENTENCE) ?? candidates[candidates.length - 1];
  const via = a.via ? ` (${self} uploads through ${workflowName(a.via)})` : '';
  const why = event === EVENTS.releaseAndTag ? ' Publishing a release from GitHub\'s page pushes its tag when the tag is new.' : '';
  return (
    `${first}${why} Keep one publishing workflow${via}: delete ${other} or this one, or take the upload or the trigger out of one of them. ` +
    `PyPI trusts one workflow file per trusted publisher.`
  );
}
