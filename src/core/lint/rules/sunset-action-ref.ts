import { ACTION_PINS } from '../../publish/actionPins';
import { pinsByTag, replaceUses, writtenName } from '../analysis/actionRefs';
import { PYPA_DEPRECATED_INPUTS } from '../analysis/pypaInputs';
import { replaceNode } from '../edits/textEdits';
import type { Rule, RuleFinding } from '../engine/types';
import { spanOf, stringOf } from '../analysis/yamlNodes';
import { flatMapped } from '../analysis/lists';

/**
 * The PyPA publish action's `master` branch was sunset in 2022: it receives no updates, not even security fixes, and
 * predates trusted publishing. Its README asks users to move to `release/v1`, an exact tag or a SHA. Its Dockerfile
 * installs the newest twine on every run, so an upload with a password or token still works (with a deprecation
 * warning on each input): a warning. Without a password the job expects trusted publishing, which `master` cannot
 * do, and the upload fails: an error.
 */
export const sunsetActionRef: Rule = {
  meta: { id: 'sunset-action-ref', title: 'Publish action used from its sunset master branch', severity: 'error' },
  check({ text, facts }) {
    const findings: RuleFinding[] = [];
    for (const { job, step, uses } of facts.pypaSteps) {
      if (uses.ref !== 'master') continue;
      const withPassword = !!stringOf(step.inputs.get('password')?.value)?.trim();
      const [start, end] = uses.node.range ?? [0, 0];
      const at = text.lastIndexOf('@master', end);
      // In a workflow that pins actions by SHA, release/v1 would be reported by unpinned-action: pin v1 by SHA there.
      const pin = ACTION_PINS['pypa/gh-action-pypi-publish'];
      const sha = !pinsByTag(facts.remoteRefs, uses) ? replaceUses(text, uses.node, `${writtenName(uses)}@${pin.sha}`, pin.version) : undefined;
      // master knows only the underscore inputs; the supported versions call them by their kebab-case names.
      const renames = flatMapped(step.inputs, ([name, pair]) => {
        const canonical = PYPA_DEPRECATED_INPUTS[name];
        return canonical && !step.inputs.has(canonical) ? [replaceNode(pair.key, canonical)] : [];
      });
      const renamed = renames.length > 0 ? ', with its inputs renamed to kebab-case' : '';
      const fixes = sha
        ? [{ title: `Pin pypa/gh-action-pypi-publish to ${pin.version} by SHA${renamed}`, edits: [sha, ...renames] }]
        : at >= start
          ? [{ title: `Use pypa/gh-action-pypi-publish@release/v1${renamed}`, edits: [{ start: at + 1, end: at + '@master'.length, newText: 'release/v1' }, ...renames] }]
          : undefined;
      findings.push({
        ...(withPassword ? { severity: 'warning' as const } : {}),
        message: withPassword
          ? `Job '${job.id}' uses pypa/gh-action-pypi-publish@master, a branch sunset in 2022. It still uploads with a token, but gets no updates, not even security fixes, and cannot use trusted publishing. Use @release/v1 (or an exact tag or commit SHA), as the action's README asks.`
          : `Job '${job.id}' uses pypa/gh-action-pypi-publish@master, which cannot use trusted publishing. That branch was sunset in 2022 and gets no updates: without a password the upload fails to authenticate. Use @release/v1 (or an exact tag or commit SHA), as the action's README asks.`,
        range: spanOf(uses.node),
        fixes,
      });
    }
    return findings;
  },
};
