import { exportedTokens, stepId, tokenJobOutputs } from '../analysis/exportedTokens';
import type { Rule, RuleFinding } from '../engine/types';
import type { JobModel, StepModel } from '../analysis/workflowModel';
import { keySpan, pairOf, stringOf } from '../analysis/yamlNodes';

/**
 * A PyPI token written to `$GITHUB_ENV` becomes an environment variable of every later step of the job (build
 * backends, test plugins, third-party actions), and the runner prints those variables in each step's log header
 * (masked only if the script masked the value). A token passed to other jobs through a job output leaves the job that
 * PyPI's publisher and the environment's protection were about. Hand the token to the one step that uploads, or let
 * pypa/gh-action-pypi-publish mint and use it inside one step. A step output read by a later step of the same job (the
 * shape of PyPI's own manual-exchange example) is not reported.
 */
export const pypiTokenExported: Rule = {
  meta: { id: 'pypi-token-exported', title: 'PyPI token handed on through GITHUB_ENV or a job output', severity: 'warning' },
  check({ text, workflow }) {
    // A token is written to $GITHUB_ENV only by a script that names one of the runner's files (exportedTokens reads
    // each script's writes), and passed on only through a job's `outputs:`: most workflows have neither. A job's
    // writes are read once, for both.
    const namesFiles = /GITHUB_(?:ENV|OUTPUT)/.test(text);
    const findings: RuleFinding[] = [];
    for (const job of workflow.jobs) {
      const exported = namesFiles ? exportedTokens(job, text) : [];
      for (const token of exported) {
        if (token.file !== 'GITHUB_ENV') continue;
        findings.push({
          message:
            `${stepName(token.step, job)} writes ${token.source} to $GITHUB_ENV as ${token.name}. ` +
            'Every later step of the job then gets it as an environment variable, build tools and actions included' +
            (token.minted ? ", and each of those steps lists it in its log header (in clear unless the script masked it). " : '. ') +
            (token.minted
              ? 'Pass the token in the `env:` of the one step that uploads, or let pypa/gh-action-pypi-publish mint and use it within one step.'
              : 'Pass the secret in the `env:` of the one step that uploads; better, switch to trusted publishing and delete the secret.'),
          range: token.range,
        });
      }
      if (!job.pair('outputs')) continue;
      for (const { pair, token } of tokenJobOutputs(job, text, exported)) {
        const output = String(pair.key.value);
        findings.push({
          severity: 'error',
          message:
            `Job '${job.id}' passes ${token.source} to other jobs as its output '${output}'. ` +
            'Job outputs travel through GitHub to every job that needs this one: a masked token is dropped on the way (the ' +
            'upload then fails) and an unmasked one reaches jobs and logs that PyPI never trusted. ' +
            'Mint the token in the job that uploads, or let pypa/gh-action-pypi-publish do it there.',
          range: keySpan(pair),
          related: token.range ? [{ range: token.range, message: `${token.name} written to $GITHUB_OUTPUT` }] : undefined,
        });
      }
    }
    return findings;
  },
};

const stepName = (step: StepModel, job: JobModel) => {
  const name = stringOf(pairOf(step.node, 'name')?.value) ?? stepId(step);
  return name ? `Step '${name}' of job '${job.id}'` : `Step ${step.index + 1} of job '${job.id}'`;
};
