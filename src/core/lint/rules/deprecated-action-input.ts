import { PYPA_DEPRECATED_INPUTS } from '../analysis/pypaInputs';
import { replaceNode } from '../edits/textEdits';
import type { Rule, RuleFinding } from '../engine/types';
import { keySpan } from '../analysis/yamlNodes';

/**
 * pypa/gh-action-pypi-publish renamed its inputs to kebab-case; the underscore spellings are deprecated aliases that
 * print a warning on every run and are to be removed in a future major version.
 */
export const deprecatedActionInput: Rule = {
  meta: { id: 'deprecated-action-input', title: 'Deprecated input of the PyPI publish action', severity: 'warning' },
  check({ facts }) {
    const findings: RuleFinding[] = [];
    for (const { job, step } of facts.pypaSteps) {
      for (const [name, pair] of step.inputs) {
        const canonical = PYPA_DEPRECATED_INPUTS[name];
        if (!canonical) continue;
        const both = step.inputs.has(canonical);
        findings.push({
          message: both
            ? `Job '${job.id}' sets both '${name}' (deprecated) and '${canonical}' on pypa/gh-action-pypi-publish. Remove '${name}' and keep '${canonical}'.`
            : `'${name}' is a deprecated spelling of the pypa/gh-action-pypi-publish input '${canonical}' (job '${job.id}'): the action warns on every run and will drop it in a future major version. Rename it to '${canonical}'.`,
          range: keySpan(pair),
          fixes: both ? undefined : [{ title: `Rename to '${canonical}'`, edits: [replaceNode(pair.key, canonical)] }],
        });
      }
    }
    return findings;
  },
};
