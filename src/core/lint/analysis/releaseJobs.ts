import { analyzeWorkflow } from './facts';
import type { JobModel, WorkflowModel } from './workflowModel';
import { flatMapped } from './lists';

/**
 * The jobs whose work ends up in a release: the jobs that publish, and the jobs they wait for that build
 * distributions or store artifacts. A cache or a token in one of these can change what is uploaded.
 */
export function releaseJobs(workflow: WorkflowModel, text: string): JobModel[] {
  const facts = analyzeWorkflow(workflow, text);
  const publishing = facts.publishingJobs;
  if (publishing.length === 0) return [];
  const ids = new Set(publishing.map((j) => j.id));
  const queue = flatMapped(publishing, (j) => j.needs);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const job = workflow.job(id);
    if (!job) continue;
    if (facts.distributionBuilds(job).length > 0 || facts.uploads(job).length > 0) ids.add(id);
    queue.push(...job.needs);
  }
  return workflow.jobs.filter((j) => ids.has(j.id));
}
