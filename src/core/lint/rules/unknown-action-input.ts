import { PYPA_INPUTS, isKnownPypaInput } from '../analysis/pypaInputs';
import { replaceNode } from '../edits/textEdits';
import type { Rule, RuleFinding } from '../engine/types';
import { keySpan, stringOf } from '../analysis/yamlNodes';

/**
 * GitHub only warns ("Unexpected input(s)") about an input an action does not declare, and runs the step without it.
 * For the publish action that silently changes the upload: a misspelt `repository-url` uploads to PyPI instead of
 * TestPyPI, a `username` is ignored, a token under `token:` never reaches twine.
 */

/** Names people write for an input, by what they meant. */
const ALIASES: Readonly<Record<string, string>> = {
  username: 'user',
  token: 'password',
  'api-token': 'password',
  api_token: 'password',
  'pypi-token': 'password',
  pypi_token: 'password',
  'pypi-password': 'password',
  pypi_password: 'password',
  attestation: 'attestations',
  'packages-directory': 'packages-dir',
  'package-dir': 'packages-dir',
  'dist-dir': 'packages-dir',
  dist_dir: 'packages-dir',
  'repo-url': 'repository-url',
  'repository-uri': 'repository-url',
  'index-url': 'repository-url',
  'upload-url': 'repository-url',
  url: 'repository-url',
  repository: 'repository-url',
};

export const unknownActionInput: Rule = {
  meta: { id: 'unknown-action-input', title: 'Input the PyPI publish action does not have', severity: 'error' },
  check({ facts }) {
    const findings: RuleFinding[] = [];
    for (const { job, step } of facts.pypaSteps) {
      for (const [name, pair] of step.inputs) {
        if (isKnownPypaInput(name)) continue;
        let meant: string | undefined = ALIASES[name.toLowerCase()] ?? closest(name);
        // `repository-url` takes a URL: `repository: testpypi` is a name, not something to rename blindly.
        if (meant === 'repository-url' && !/^\s*(https?:\/\/|\$\{\{)/.test(stringOf(pair.value) ?? '')) meant = undefined;
        const taken = meant !== undefined && (step.inputs.has(meant) || (meant.includes('-') && step.inputs.has(meant.replace(/-/g, '_'))));
        findings.push({
          message: `pypa/gh-action-pypi-publish has no input '${name}' (job '${job.id}').${meant ? ` Did you mean '${meant}'?` : ''} GitHub ignores an unknown input with only a warning, so the step runs without it. Its inputs are ${PYPA_INPUTS.join(', ')}.`,
          range: keySpan(pair),
          fixes: meant && !taken ? [{ title: `Rename to '${meant}'`, edits: [replaceNode(pair.key, meant)] }] : undefined,
        });
      }
    }
    return findings;
  },
};

/** The input within two edits of `name` (ignoring `_`/`-` and case), when exactly one is. */
function closest(name: string): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/_/g, '-');
  const near = PYPA_INPUTS.filter((input) => distance(norm(name), input) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
