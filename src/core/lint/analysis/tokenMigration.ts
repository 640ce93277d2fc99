import { buildStepsOf, hasIdToken, OIDC_TOOLS, scriptBuildsOf, secretUploads, type BuildStep, type SecretUpload } from './oidcPublishing';
import type { PublishStep } from './publishing';
import type { JobModel, WorkflowModel } from './workflowModel';

/**
 * One root cause, one finding: a job that uploads with a token, builds the project and keeps the GITHUB_TOKEN on
 * disk is one job to move to trusted publishing, not three separate problems. token-publishing reports the token
 * and relates the other two; build-in-publish-job and checkout-persists-credentials say they are part of that move.
 */

/** Whether token-publishing reports this token upload (token-overrides-oidc speaks for a job that already has id-token: write). */
export function isReportedTokenUpload(found: SecretUpload, workflow: WorkflowModel): boolean {
  if (workflow.triggers.has('workflow_call')) return true;
  return !found.uploads.some((u) => hasIdToken(workflow, u.job) && OIDC_TOOLS.has(u.tool));
}

/** The token upload of a job that token-publishing reports, if any. */
export function tokenMigrationOf(job: JobModel, workflow: WorkflowModel, text: string): SecretUpload | undefined {
  return secretUploads(workflow, text).find((found) => found.uploads.some((u) => u.job === job) && isReportedTokenUpload(found, workflow));
}

/** The builds build-in-publish-job reports in a job that uploads: its build steps, else the script that must write dist/. */
export function buildsInPublishJob(job: JobModel, uploads: PublishStep[], text: string): BuildStep[] {
  const named = buildStepsOf(job, text);
  return named.length > 0 ? named : scriptBuildsOf(job, uploads, text);
}
