import type { WorkflowFacts } from '../analysis/facts';
import { reliesOnOidc, uploadTarget } from '../analysis/oidcPublishing';
import { isPypiSecret } from '../analysis/publishEvidence';
import type { Rule, RuleFinding } from '../engine/types';
import type { JobModel } from '../analysis/workflowModel';
import { pairsOf, spanOf, stringOf } from '../analysis/yamlNodes';
import { secretsIn } from '../analysis/secretNames';

/**
 * Trusted publishing from a reusable workflow. PyPI reads the workflow file name from the OIDC token's
 * `job_workflow_ref` claim, which names the called file, and the repository from `repository`, which names the
 * caller's. So:
 * - called from the same repository, it works when the publisher on PyPI names the called file, although PyPI does
 *   not officially support it yet (pypi/warehouse#11096) and pypa/gh-action-pypi-publish prints a warning: a warning
 *   that says which file name to register;
 * - a reusable workflow of another repository (`owner/repo/.github/workflows/x.yml@ref`) names a file of that other
 *   repository, which no publisher of this project can match: an error, at the call.
 * https://docs.pypi.org/trusted-publishers/troubleshooting/
 */
export const reusableWorkflowPublish: Rule = {
  meta: { id: 'reusable-workflow-publish', title: 'Trusted publishing from a reusable workflow', severity: 'error' },
  check({ text, workflow, location, facts }) {
    const findings: RuleFinding[] = [];
    const call = workflow.triggers.get('workflow_call');
    if (call) {
      const name = location?.fileName?.split(/[\\/]/).pop();
      const file = name ? `this file, \`${name}\`` : "this file's name";
      for (const publish of facts.publishSteps) {
        if (!reliesOnOidc(publish, workflow, text) || uploadTarget(publish, text) === 'other') continue;
        findings.push({
          severity: 'warning',
          message:
            `Job '${publish.job.id}' uses trusted publishing in a reusable workflow (on: workflow_call). Called from a workflow of this repository, it works when ` +
            `the publisher on PyPI names ${file}, not the caller's: PyPI reads the workflow name from the token's job_workflow_ref claim, which names the called file. ` +
            `PyPI does not officially support reusable workflows yet (pypi/warehouse#11096), and pypa/gh-action-pypi-publish prints a warning about it. ` +
            `Called from another repository, PyPI cannot match it at all.`,
          range: publish.range,
          related: [{ range: spanOf(call.node), message: 'this workflow is reusable' }],
        });
      }
    }
    for (const job of workflow.jobs) {
      const called = job.calls;
      if (called?.kind !== 'repository' || !called.path || !/^\.github\/workflows\/[^/]+\.ya?ml$/i.test(called.path)) continue;
      if (!tradesOidcToken(job, facts)) continue;
      findings.push({
        message:
          `Job '${job.id}' calls a reusable workflow of another repository with \`id-token: write\`, which PyPI cannot match. ` +
          `If ${called.raw} publishes with trusted publishing, the upload fails: the token's job_workflow_ref claim names a workflow of ${called.action}, not of this repository. ` +
          `Publish from a workflow of this repository (a copy of that workflow, or a job of its own that uploads the built artifact).`,
        range: spanOf(called.node),
      });
    }
    return findings;
  },
};

/**
 * The calling job lets the called workflow publish with trusted publishing: it grants `id-token: write`, the
 * called workflow is named for PyPI or publishing, and no PyPI secret is handed to it, nor every secret (`inherit`): a token upload
 * needs no OIDC match.
 */
function tradesOidcToken(job: JobModel, facts: WorkflowFacts): boolean {
  if (!job.calls || !/pypi|publish/i.test(job.calls.raw)) return false;
  if (facts.permissions(job).level('id-token') !== 'write') return false;
  const secrets = job.pair('secrets')?.value;
  // `secrets: inherit` may hand it a PyPI token: then it may not need trusted publishing at all.
  if (stringOf(secrets) === 'inherit') return false;
  const handed = pairsOf(secrets).some((p) => isPypiSecret(String(p.key.value)) || secretsIn(stringOf(p.value) ?? '').some(isPypiSecret));
  return !handed;
}
