import { effectivePermissions } from './permissions';
import { isPypiSecret } from './publishEvidence';
import { findPublishJobs } from './publishing';
import type { JobModel, WorkflowModel } from './workflowModel';
import { pairsOf, stringOf } from './yamlNodes';
import { secretsIn } from './secretNames';

/**
 * Jobs that publish to a package index, more broadly than findPublishJobs: also the ones that call a reusable
 * workflow (local or remote) that receives a PyPI secret, or that is named for PyPI and gets `secrets: inherit` or
 * `id-token: write`. Third-party and local actions given a PyPI secret are publish steps already (strong evidence).
 * Names alone (an action or a workflow named for PyPI that gets no credential) are weak evidence and do not count.
 * Rules about the trust boundary of a release (pins, persisted credentials, caches) apply to those workflows too;
 * rules about the upload's own inputs do not.
 */
export function publishingJobs(workflow: WorkflowModel, text: string): JobModel[] {
  const known = new Set(findPublishJobs(workflow, text).map((p) => p.job));
  for (const job of workflow.jobs) {
    if (known.has(job) || !job.calls) continue;
    const secrets = job.pair('secrets')?.value;
    const handed = pairsOf(secrets).some((p) => /pypi/i.test(String(p.key.value)) || secretsIn(stringOf(p.value) ?? '').some(isPypiSecret));
    const named = /pypi/i.test(`${job.calls.raw}`);
    const inherits = stringOf(secrets) === 'inherit';
    if (handed || (named && (inherits || effectivePermissions(workflow, job).level('id-token') === 'write'))) known.add(job);
  }
  return workflow.jobs.filter((j) => known.has(j));
}

