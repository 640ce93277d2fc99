import { isScalar, Scalar } from 'yaml';
import { replaceNode } from '../edits/textEdits';
import type { Rule, RuleFinding } from '../engine/types';
import { itemsOf, spanOf, valueOf } from '../analysis/yamlNodes';

/**
 * YAML reads an unquoted `3.10` as the number 3.1, so setup-python installs Python 3.1 (or fails). Only numbers
 * that read back differently are reported: `3.9` unquoted works, and flagging it would be noise.
 */
export const floatPythonVersion: Rule = {
  meta: { id: 'float-python-version', title: 'Python version written as a number', severity: 'error' },
  check({ text, workflow }) {
    const findings: RuleFinding[] = [];
    for (const job of workflow.jobs) {
      for (const step of job.steps) {
        const pair = step.inputs.get('python-version');
        const value = pair?.value;
        if (!isScalar(value) || value.type !== Scalar.PLAIN || typeof value.value !== 'number' || !value.range) continue;
        const written = text.slice(value.range[0], value.range[1]);
        const read = String(value.value);
        if (written === read) continue;
        findings.push({
          message: `python-version ${written} is read by YAML as the number ${read}. setup-python then looks for Python ${read}, not ${written}. Quote it: '${written}'.`,
          range: spanOf(value),
          fixes: [{ title: `Quote the version: '${written}'`, edits: [replaceNode(value, `'${written}'`)] }],
        });
      }
    }
    // Matrix values feed python-version through an expression: check numbers in strategy.matrix.python(-version) too.
    for (const job of workflow.jobs) {
      const strategy = job.pair('strategy');
      if (!strategy) continue;
      const matrix = valueOf(strategy.value, 'matrix');
      const versions = valueOf(matrix, 'python-version') ?? valueOf(matrix, 'python');
      for (const item of itemsOf(versions)) {
        if (!isScalar(item) || item.type !== Scalar.PLAIN || typeof item.value !== 'number' || !item.range) continue;
        const written = text.slice(item.range[0], item.range[1]);
        if (written === String(item.value)) continue;
        findings.push({
          message: `Matrix Python version ${written} is read by YAML as the number ${item.value}. Jobs given it look for Python ${item.value}, not ${written}. Quote it: '${written}'.`,
          range: spanOf(item),
          fixes: [{ title: `Quote the version: '${written}'`, edits: [replaceNode(item, `'${written}'`)] }],
        });
      }
    }
    return findings;
  },
};
