import { checksOut, grantJobPermissions } from '../edits/jobEdits';
import type { Fix, Rule, RuleFinding } from '../engine/types';
import type { JobModel } from '../analysis/workflowModel';
import { OIDC_TOOLS } from '../analysis/oidcPublishing';
import { keySpan } from '../analysis/yamlNodes';
import { later } from '../engine/fixesLater';

/**
 * Trusted publishing needs an OIDC token, and GitHub only issues one to a job granted `id-token: write`. Without it
 * the upload fails at release time with "missing or insufficient OIDC token permissions".
 */
export const missingIdToken: Rule = {
  meta: { id: 'missing-id-token', title: 'Publish job cannot request an OIDC token', severity: 'error' },
  check({ text, facts }) {
    const findings: RuleFinding[] = [];
    for (const { job, steps } of facts.publishJobs) {
      const usesOidc = steps.some((s) => OIDC_TOOLS.has(s.tool) && facts.credentials(s).length === 0);
      if (!usesOidc) continue;
      const permissions = facts.permissions(job);
      if (permissions.level('id-token') === 'write') continue;
      const grants: Array<[string, string]> = [['id-token', 'write'], ...(checksOut(job) && permissions.source !== 'job' ? [['contents', 'read'] as [string, string]] : [])];
      const where =
        permissions.source === 'job'
          ? 'its permissions block does not grant it'
          : permissions.source === 'workflow'
            ? 'the workflow-level permissions do not grant it'
            : 'no permissions block grants it';
      findings.push({
        message: `Job '${job.id}' publishes with trusted publishing but cannot get an OIDC token. GitHub issues one only to a job granted \`id-token: write\`, and ${where}. Add \`id-token: write\` to this job's permissions (only to this job).`,
        range: permissions.source === 'job' && permissions.pair ? keySpan(permissions.pair) : keySpan({ key: job.keyNode, value: job.node } as never),
        related: steps.map((s) => ({ range: s.range, message: 'the upload that needs the token' })),
        fixes: later(grantIdToken, text, job, grants),
      });
    }
    return findings;
  },
};

function grantIdToken(text: string, job: JobModel, grants: Array<[string, string]>): Fix[] {
  return [{ title: `Grant id-token: write to job '${job.id}'`, edits: [grantJobPermissions(text, job, grants)] }];
}
