import { compareVersions } from '../analysis/actionRefs';
import { PYPA_DEPRECATED_INPUTS } from '../analysis/pypaInputs';
import { replaceNode } from '../edits/textEdits';
import type { Rule, RuleFinding } from '../engine/types';
import { keySpan } from '../analysis/yamlNodes';

/**
 * pypa/gh-action-pypi-publish renamed its inputs to kebab-case in v1.7.0; the underscore spellings are deprecated
 * aliases that print a warning on every run and are to be removed in a future major version. Before v1.7.0, and on
 * the sunset `master` branch, the underscore spellings are the only ones: renamed, the input would be ignored (a
 * TestPyPI upload would go to PyPI). sunset-action-ref and outdated-publish-action speak about those versions.
 */
const KEBAB_CASE_SINCE: [number, number, number] = [1, 7, 0];
export const deprecatedActionInput: Rule = {
  meta: { id: 'deprecated-action-input', title: 'Deprecated input of the PyPI publish action', severity: 'warning' },
  check({ facts }) {
    const findings: RuleFinding[] = [];
    for (const { job, step, uses } of facts.pypaSteps) {
      if (uses.ref === 'master') continue;
      const version = facts.version(uses);
      if (version?.major === 1 && version.minor !== undefined && compareVersions(version, KEBAB_CASE_SINCE) < 0) continue;
      for (const [name, pair] of step.inputs) {
        const canonical = PYPA_DEPRECATED_INPUTS[name];
        if (!canonical) continue;
        const both = step.inputs.has(canonical);
        findings.push({
          message: both
            ? `Job '${job.id}' sets both '${name}' (deprecated) and '${canonical}' on pypa/gh-action-pypi-publish. Remove '${name}' and keep '${canonical}'.`
            : `Job '${job.id}' uses '${name}', a deprecated spelling of the input '${canonical}'. pypa/gh-action-pypi-publish warns on every run and will drop it in a future major version. Rename it to '${canonical}'.`,
          range: keySpan(pair),
          fixes: both ? undefined : [{ title: `Rename to '${canonical}'`, edits: [replaceNode(pair.key, canonical)] }],
        });
      }
    }
    return findings;
  },
};
