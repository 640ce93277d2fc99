import { ACTION_PINS } from '../../publish/actionPins';
import { pinsByTag, replaceUses, writtenName } from '../analysis/actionRefs';
import type { Rule, RuleFinding } from '../engine/types';
import { spanOf } from '../analysis/yamlNodes';

/**
 * The PyPA publish action's `master` branch was sunset: it receives no updates, not even security fixes, predates
 * trusted publishing and keeps an old twine. Its README asks users to move to `release/v1`, an exact tag or a SHA.
 */
export const sunsetActionRef: Rule = {
  meta: { id: 'sunset-action-ref', title: 'Publish action used from its sunset master branch', severity: 'error' },
  check({ text, workflow, facts }) {
    const findings: RuleFinding[] = [];
    for (const { job, uses } of facts.pypaSteps) {
      if (uses.ref !== 'master') continue;
      const [start, end] = uses.node.range ?? [0, 0];
      const at = text.lastIndexOf('@master', end);
      // In a workflow that pins actions by SHA, release/v1 would be reported by unpinned-action: pin v1 by SHA there.
      const pin = ACTION_PINS['pypa/gh-action-pypi-publish'];
      const sha = !pinsByTag(workflow, uses) ? replaceUses(text, uses.node, `${writtenName(uses)}@${pin.sha}`, pin.version) : undefined;
      const fixes = sha
        ? [{ title: `Pin pypa/gh-action-pypi-publish to ${pin.version} by SHA`, edits: [sha] }]
        : at >= start
          ? [{ title: 'Use pypa/gh-action-pypi-publish@release/v1', edits: [{ start: at + 1, end: at + '@master'.length, newText: 'release/v1' }] }]
          : undefined;
      findings.push({
        message: `Job '${job.id}' uses pypa/gh-action-pypi-publish@master. That branch was sunset in 2022 and gets no updates, not even security fixes: it predates trusted publishing and its old twine rejects current package metadata. Use @release/v1 (or an exact tag or commit SHA), as the action's README asks.`,
        range: spanOf(uses.node),
        fixes,
      });
    }
    return findings;
  },
};
