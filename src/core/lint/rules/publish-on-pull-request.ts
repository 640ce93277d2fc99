import { requireJobCondition } from '../edits/conditionEdits';
import { seenNote } from '../analysis/publishing';
import { canPublish, PULL_REQUEST_RUN, tagGuardKeepsTriggers } from '../analysis/runContexts';
import type { Fix, Rule, RuleFinding } from '../engine/types';
import { trimmedSpanOf } from '../edits/trimmedSpan';
import { spanOf } from '../analysis/yamlNodes';

const NOT_A_PULL_REQUEST = "github.event_name != 'pull_request'";
const TAG_ONLY = "startsWith(github.ref, 'refs/tags/')";

/**
 * A workflow that runs for pull requests runs the pull request's code. If its publish job can run then too, any
 * branch pushed by a collaborator can upload a release, and a pull request's build ends up next to the upload
 * credentials. Publishing should be reachable only from a release or a tag.
 */
export const publishOnPullRequest: Rule = {
  meta: { id: 'publish-on-pull-request', title: 'Publish job can run for pull requests', severity: 'warning' },
  check({ text, workflow, facts }) {
    const trigger = workflow.triggers.get('pull_request');
    if (!trigger) return [];
    const findings: RuleFinding[] = [];
    for (const { job, steps } of facts.publishJobs) {
      if (!canPublish(workflow, steps, PULL_REQUEST_RUN)) continue;
      const condition = job.pair('if');
      const guard = (title: string, expression: string): Fix[] => {
        const edit = requireJobCondition(text, job, expression);
        return edit ? [{ title, edits: [edit] }] : [];
      };
      const fixes: Fix[] = job.node.flow
        ? []
        : [
            ...guard(`Skip job '${job.id}' for pull requests`, NOT_A_PULL_REQUEST),
            ...(steps.some((s) => s.index === 'pypi') && tagGuardKeepsTriggers(workflow) ? guard(`Publish from job '${job.id}' only for tags`, TAG_ONLY) : []),
          ];
      findings.push({
        message:
          `Job '${job.id}' uploads packages and can run for pull requests. ` +
          `This workflow triggers on pull_request and ${condition ? 'the job\'s condition does not exclude them' : 'the job has no `if:`'}${seenNote(steps).replace(/^ \(/, ' (the upload: ')}. ` +
          'A pull request from a branch of this repository gets the OIDC token and the secrets, so it would publish its own build. ' +
          `Guard the job, e.g. \`if: ${NOT_A_PULL_REQUEST}\`, or publish only from tags or releases.`,
        range: condition?.value ? trimmedSpanOf(text, condition.value) : spanOf(job.keyNode),
        related: [{ range: spanOf(trigger.node), message: 'the pull_request trigger' }, ...steps.map((s) => ({ range: s.range, message: 'the upload' }))],
        fixes,
      });
    }
    return findings;
  },
};
