import { seenNote } from '../analysis/publishing';
import type { Rule } from '../engine/types';
import { spanOf } from '../analysis/yamlNodes';

/**
 * `pull_request_target` runs with the base repository's secrets and write token for pull requests from anyone's
 * fork. A workflow that publishes has no business running that way: PyPI refuses OIDC tokens minted for this event,
 * and any job that builds or runs the pull request's code there can steal what the workflow holds.
 */
export const pullRequestTargetPublish: Rule = {
  meta: { id: 'pull-request-target-publish', title: 'Publishing workflow triggered by pull_request_target', severity: 'error' },
  check({ workflow, facts }) {
    const trigger = workflow.triggers.get('pull_request_target');
    if (!trigger) return [];
    const steps = facts.publishSteps;
    if (steps.length === 0) return [];
    const jobs = [...new Set(steps.map((s) => s.job.id))].map((id) => `'${id}'`).join(', ');
    return [
      {
        message:
          `Job ${jobs} publishes in a workflow that runs on pull_request_target. ` +
          `That event gives pull requests from forks the repository's secrets and a write token${seenNote(steps).replace(/^ \(/, ' (the upload: ')}, and PyPI does not accept trusted-publishing tokens from it. ` +
          'Move publishing to its own workflow triggered by a release or a tag push, and test pull requests with pull_request.',
        range: spanOf(trigger.node),
        related: steps.map((s) => ({ range: s.range, message: 'the upload in this workflow' })),
      },
    ];
  },
};
