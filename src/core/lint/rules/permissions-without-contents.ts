import { grantJobPermissions } from '../edits/jobEdits';
import { levelIn } from '../analysis/permissions';
import type { Fix, Rule, RuleFinding } from '../engine/types';
import type { JobModel, StepModel } from '../analysis/workflowModel';
import { replaceNode } from '../edits/textEdits';
import { keySpan, pairOf, stringOf, type MapPair } from '../analysis/yamlNodes';
import { later } from '../engine/fixesLater';

/**
 * A job-level `permissions` block drops every scope it does not list. Adding `permissions: id-token: write` to a job
 * that checks out the repository therefore takes `contents: read` away, and actions/checkout of a private
 * repository fails ("Repository not found"). A public repository can be checked out without a token, so there it is
 * only a note; a warning when the repository is known to be private.
 * https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token
 */
export const permissionsWithoutContents: Rule = {
  meta: { id: 'permissions-without-contents', title: 'Job permissions leave out contents: read', severity: 'info' },
  check({ text, workflow, location }) {
    const isPrivate = location?.private === true;
    const findings: RuleFinding[] = [];
    for (const job of workflow.jobs) {
      const permissions = job.pair('permissions');
      if (!permissions || levelIn(permissions.value, 'contents') !== 'none') continue;
      // Most jobs whose block leaves out contents (the upload job's `id-token: write`) check nothing out.
      const checkouts = job.steps.filter(checksOutWithJobToken);
      if (checkouts.length === 0) continue;
      // `contents: none` written out: change its level rather than adding a second `contents` key.
      const explicit = pairOf(permissions.value, 'contents');
      findings.push({
        severity: isPrivate ? 'warning' : undefined,
        message: isPrivate
          ? `Job '${job.id}' checks out this private repository without \`contents: read\`, so the checkout fails. ` +
            `A job-level permissions block drops every scope it does not list; add \`contents: read\` to the block.`
          : `Job '${job.id}' checks out the repository without \`contents: read\`, which fails in a private repository. ` +
            `A job-level permissions block drops every scope it does not list; add \`contents: read\` to keep the job working if it ever is.`,
        range: keySpan(permissions),
        related: checkouts.flatMap((s) => (s.uses?.node.range ? [{ range: { start: s.uses.node.range[0], end: s.uses.node.range[1] }, message: 'the checkout that needs contents: read' }] : [])),
        fixes: later(grantContentsRead, text, job, explicit),
      });
    }
    return findings;
  },
};

/** A checkout of this repository with the job's GITHUB_TOKEN (another token, or another repository, is not affected). */
function checksOutWithJobToken(step: StepModel): boolean {
  if (step.uses?.action !== 'actions/checkout' || step.inputs.has('token')) return false;
  const repository = stringOf(step.inputs.get('repository')?.value);
  return !repository || /^\$\{\{\s*github\.repository\s*\}\}$/.test(repository.trim());
}

/** The fix: `contents: read` added to the job's permissions block, or its `contents: none` changed to `read`. */
function grantContentsRead(text: string, job: JobModel, explicit: MapPair | undefined): Fix[] {
  return [{ title: `Add contents: read to job '${job.id}'`, edits: [explicit?.value ? replaceNode(explicit.value, 'read') : grantJobPermissions(text, job, [['contents', 'read']])] }];
}
