import { requireJobCondition, requireStepCondition } from '../edits/conditionEdits';
import { seenNote, type PublishStep } from '../analysis/publishing';
import type { JobModel, WorkflowModel } from '../analysis/workflowModel';
import { later } from '../engine/fixesLater';
import { branchRun, canPublish, pushRefs, tagGuardKeepsTriggers } from '../analysis/runContexts';
import type { Fix, Rule, RuleFinding, TextEdit } from '../engine/types';
import { trimmedSpanOf } from '../edits/trimmedSpan';
import { spanOf } from '../analysis/yamlNodes';

type BranchEvent = 'push' | 'workflow_dispatch' | 'schedule';

const TAG_ONLY = "startsWith(github.ref, 'refs/tags/')";

/**
 * A condition that compares the ref or the event with a value computed at run time (`github.ref ==
 * format('refs/tags/v{0}', inputs.version)`, `contains(fromJSON(vars.RELEASE_REFS), github.ref)`) is a guard this
 * reader cannot evaluate: guarded, unknown, so no finding.
 */
const GUARDED = { computedRefTests: 'guard' } as const;

/**
 * A PyPI release cannot be taken back: a version number, once uploaded, is used up even if the file is deleted.
 * When a branch push, a manual dispatch on any branch or a schedule can reach the upload, whatever happens to be on
 * that branch gets released. Releases should come from a tag (or a GitHub release, which has one).
 */
export const publishFromAnyRef: Rule = {
  meta: { id: 'publish-from-any-ref', title: 'PyPI upload reachable from a branch', severity: 'warning' },
  check({ text, workflow, facts }) {
    const { triggers } = workflow;
    if (!triggers.has('push') && !triggers.has('workflow_dispatch') && !triggers.has('schedule')) return [];
    const events = (['push', 'workflow_dispatch', 'schedule'] as const).filter((event) => (event === 'push' ? pushRefs(workflow).branches : triggers.has(event)));
    if (events.length === 0) return [];
    const findings: RuleFinding[] = [];
    for (const { job, steps } of facts.publishJobs) {
      const pypi = steps.filter((s) => s.index === 'pypi');
      if (pypi.length === 0) continue;
      // A manual or scheduled run is deliberate, and an environment can hold it for approval or limit it to tags
      // (settings this file does not show); a branch push cannot be held back that way.
      const deliberateOk = job.pair('environment') !== undefined;
      const reaching = events.filter((event) => (event === 'push' || !deliberateOk) && canPublish(workflow, pypi, branchRun(event), GUARDED));
      if (reaching.length === 0) continue;
      const condition = job.pair('if');
      const how = reaching.map((e) => (e === 'push' ? 'a branch push' : e === 'workflow_dispatch' ? 'a manual run on any branch' : 'the schedule')).join(', ');
      findings.push({
        message:
          `Job '${job.id}' uploads to PyPI and can run from ${how}. ` +
          `Whatever is on that branch would be released${seenNote(pypi).replace(/^ \(/, ' (the upload: ')}, and a version number cannot be reused once uploaded. ` +
          `Publish only from tags, e.g. \`if: ${TAG_ONLY}\` on the job, or trigger the workflow on published releases.`,
        range: condition?.value ? trimmedSpanOf(text, condition.value) : spanOf(job.keyNode),
        related: [
          ...reaching.flatMap((e) => {
            const trigger = workflow.triggers.get(e);
            return trigger ? [{ range: spanOf(trigger.node), message: `the ${e} trigger` }] : [];
          }),
          ...pypi.map((s) => ({ range: s.range, message: 'the upload to PyPI' })),
        ],
        fixes: later(tagGuard, text, workflow, job, steps, pypi, reaching),
      });
    }
    return findings;
  },
};

/** A job that also uploads elsewhere (TestPyPI on every push) keeps doing so: then the PyPI steps get the guard. */
function tagGuard(text: string, workflow: WorkflowModel, job: JobModel, steps: PublishStep[], pypi: PublishStep[], reaching: BranchEvent[]): Fix[] | undefined {
  if (job.node.flow || !tagGuardKeepsTriggers(workflow)) return undefined;
  if (pypi.length === steps.length) {
    const edit = requireJobCondition(text, job, TAG_ONLY);
    return edit ? [{ title: `Publish from job '${job.id}' only for tags`, edits: [edit] }] : undefined;
  }
  const unguarded = pypi.filter((s) => reaching.some((e) => canPublish(workflow, [s], branchRun(e), GUARDED)));
  if (unguarded.some((s) => s.step.node.flow)) return undefined;
  const edits = [...new Set(unguarded.map((s) => s.step))].map((step) => requireStepCondition(text, step, TAG_ONLY));
  // A condition that cannot be joined (not a readable expression) leaves no fix: a partial one would stay open.
  return edits.every((e) => e !== undefined) ? [{ title: 'Upload to PyPI only for tags', edits: edits as TextEdit[] }] : undefined;
}
