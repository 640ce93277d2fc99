import type { WorkflowFacts } from './facts';
import { OIDC_TOOLS, scriptBuildsOf, type BuildStep, type SecretUpload } from './oidcPublishing';
import type { PublishStep } from './publishing';
import type { JobModel } from './workflowModel';

/**
 * One root cause, one finding: a job that uploads with a token, builds the project and keeps the GITHUB_TOKEN on
 * disk is one job to move to trusted publishing, not three separate problems. token-publishing reports the token
 * and relates the other two; build-in-publish-job and checkout-persists-credentials say they are part of that move.
 */

/** Whether token-publishing reports this token upload (token-overrides-oidc speaks for a job that already has id-token: write). */
export function isReportedTokenUpload(found: SecretUpload, facts: WorkflowFacts): boolean {
  if (facts.workflow.triggers.has('workflow_call')) return true;
  return !found.uploads.some((u) => facts.hasIdToken(u.job) && OIDC_TOOLS.has(u.tool));
}

/** The token upload of a job that token-publishing reports, if any. */
export function tokenMigrationOf(job: JobModel, facts: WorkflowFacts): SecretUpload | undefined {
  return facts.secretUploads.find((found) => found.uploads.some((u) => u.job === job) && isReportedTokenUpload(found, facts));
}

/** The builds build-in-publish-job reports in a job that uploads: its build steps, else the script that must write dist/. */
export function buildsInPublishJob(job: JobModel, uploads: PublishStep[], facts: WorkflowFacts): BuildStep[] {
  const named = facts.projectBuilds(job);
  return named.length > 0 ? named : scriptBuildsOf(job, uploads, facts.text);
}
