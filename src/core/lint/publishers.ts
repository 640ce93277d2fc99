import { findPublishJobs } from './publishing';
import type { JobModel, WorkflowModel } from './workflowModel';
import { pairsOf } from './yamlNodes';

/**
 * Jobs that publish to a package index, more broadly than findPublishJobs: also the ones that do it through a
 * third-party action (`JRubics/poetry-publish`, `casperdcl/deploy-pypi`...) or a reusable workflow that receives a
 * PyPI secret or is named for publishing. Rules about the trust boundary of a release (pins, persisted
 * credentials, caches) apply to those workflows too; rules about the upload's own inputs do not.
 */
const PUBLISH_ACTION = /pypi.*(?:publish|upload|deploy|release)|(?:publish|upload|deploy|release).*pypi|poetry-publish|twine/i;

export function publishingJobs(workflow: WorkflowModel, text: string): JobModel[] {
  const known = new Set(findPublishJobs(workflow, text).map((p) => p.job));
  for (const job of workflow.jobs) {
    if (known.has(job)) continue;
    const viaAction = job.steps.some((s) => s.uses?.kind === 'repository' && PUBLISH_ACTION.test(`${s.uses.action}/${s.uses.path ?? ''}`));
    const viaWorkflow =
      job.calls?.kind === 'repository' &&
      (pairsOf(job.pair('secrets')?.value).some((p) => /pypi/i.test(String(p.key.value))) || /pypi/i.test(job.calls.path ?? ''));
    if (viaAction || viaWorkflow) known.add(job);
  }
  return workflow.jobs.filter((j) => known.has(j));
}

export const isPublishingWorkflow = (workflow: WorkflowModel, text: string): boolean => publishingJobs(workflow, text).length > 0;
