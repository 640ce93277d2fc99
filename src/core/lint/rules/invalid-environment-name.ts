import { validateEnvironmentName } from '../../publish/environmentName';
import { environmentOf } from '../analysis/environments';
import type { Rule, RuleFinding } from '../engine/types';
import { spanOf } from '../analysis/yamlNodes';

/**
 * The environment name has to be typed into PyPI's publisher form, and that form refuses some names (quotes,
 * commas, semicolons, backslashes, control characters, surrounding spaces, more than 255 characters). A workflow
 * using such a name can never match a publisher.
 */
export const invalidEnvironmentName: Rule = {
  meta: { id: 'invalid-environment-name', title: "Environment name PyPI's form rejects", severity: 'error' },
  check({ facts }) {
    const findings: RuleFinding[] = [];
    for (const { job, steps } of facts.publishJobs) {
      const environment = environmentOf(job);
      if (!environment?.name || environment.dynamic || environment.name.value === null) continue;
      if (!steps.some((s) => facts.trusted(s))) continue;
      const name = String(environment.name.value);
      const problem = validateEnvironmentName(name);
      if (!problem) continue;
      findings.push({
        message: `PyPI's publisher form rejects the environment name of job '${job.id}'. ${problem} Rename the environment (here and in the repository's Settings > Environments) to plain letters, digits, '-' or '_', such as 'pypi'.`,
        range: spanOf(environment.name),
      });
    }
    return findings;
  },
};
