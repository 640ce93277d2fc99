import { environmentOf } from '../analysis/environments';
import type { Rule, RuleFinding } from '../engine/types';
import { spanOf } from '../analysis/yamlNodes';

/**
 * PyPI compares the environment claim of the OIDC token with the one name typed in the publisher's form. When the
 * workflow computes the name (`${{ inputs.env }}`), which name a run gets is only known at run time: every value it
 * can take needs its own publisher, or the upload fails for some runs.
 */
export const dynamicEnvironment: Rule = {
  meta: { id: 'dynamic-environment', title: 'Environment name computed by an expression', severity: 'info' },
  check({ facts }) {
    const findings: RuleFinding[] = [];
    for (const { job, steps } of facts.publishJobs) {
      const environment = environmentOf(job);
      if (!environment?.dynamic || !environment.name) continue;
      const trusted = steps.filter((s) => facts.trusted(s));
      if (trusted.length === 0) continue;
      findings.push({
        message:
          `The environment of job '${job.id}' is computed, but a trusted publisher names one fixed environment. ` +
          `The name (\`${String(environment.name.value).trim()}\`) is only known when the job runs. ` +
          'Register a publisher for each name this can take, or use a literal name (one job per index if the name picks PyPI or TestPyPI).',
        range: spanOf(environment.name),
        related: trusted.map((s) => ({ range: s.range, message: 'the trusted-publishing upload' })),
      });
    }
    return findings;
  },
};
