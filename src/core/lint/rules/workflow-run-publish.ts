import type { WorkflowFacts } from '../analysis/facts';
import type { Rule, RuleFinding, Span } from '../engine/types';
import type { JobModel } from '../analysis/workflowModel';
import { spanOf, stringOf } from '../analysis/yamlNodes';

const INDIRECT_TRIGGERS = ['workflow_run', 'repository_dispatch'];

/**
 * A publish that is started by another workflow (`workflow_run`) or by an API call (`repository_dispatch`), or that
 * uploads files built in another run, releases something this workflow never built nor checked: which commit, which
 * tag and which files get uploaded is decided elsewhere, possibly by a run on a pull request. Build and publish in
 * the same workflow, started by a release or a tag.
 */
export const workflowRunPublish: Rule = {
  meta: { id: 'workflow-run-publish', title: 'Publishing what another run produced', severity: 'warning' },
  check({ text, workflow, facts }) {
    const steps = facts.publishSteps;
    if (steps.length === 0) return [];
    const findings: RuleFinding[] = [];
    const related = steps.map((s) => ({ range: s.range, message: 'the upload' }));
    for (const event of INDIRECT_TRIGGERS) {
      const trigger = workflow.triggers.get(event);
      if (!trigger) continue;
      findings.push({
        message:
          event === 'workflow_run'
            ? 'This workflow publishes when another workflow completes (workflow_run): the commit, tag and files it releases are chosen by that other run, which can be a run for a pull request. Trigger the upload with a published release or a tag push, in the workflow that builds the files.'
            : 'This workflow publishes on repository_dispatch: any holder of a token with write access can start an upload with a payload of its choice. Trigger the upload with a published release or a tag push instead.',
        range: spanOf(trigger.node),
        related,
      });
    }
    for (const job of jobsFeedingUploads(facts)) {
      for (const step of job.steps) {
        const found = crossRunDownload(step, text);
        if (!found) continue;
        findings.push({
          message: `Job '${job.id}' takes the files it publishes from another workflow run (${found.how}). Nothing ties those files to this run's commit or tag. Build the distributions in this workflow and pass them between its jobs with upload-artifact/download-artifact.`,
          range: found.range,
          related,
        });
      }
    }
    return findings;
  },
};

/** Publish jobs and the jobs they need (directly or not): where the uploaded files come from. */
function jobsFeedingUploads(facts: WorkflowFacts): JobModel[] {
  const { workflow } = facts;
  const result = new Set<JobModel>();
  const visit = (job: JobModel) => {
    if (result.has(job)) return;
    result.add(job);
    job.needs.forEach((id) => {
      const needed = workflow.job(id);
      if (needed) visit(needed);
    });
  };
  facts.publishJobs.forEach(({ job }) => visit(job));
  return workflow.jobs.filter((j) => result.has(j));
}

function crossRunDownload(step: JobModel['steps'][number], text: string): { how: string; range: Span } | undefined {
  const action = step.uses?.action;
  if (action === 'dawidd6/action-download-artifact') {
    return { how: `${step.uses!.raw} downloads artifacts of other runs`, range: spanOf(step.uses!.node) };
  }
  if (action === 'actions/download-artifact') {
    // `github-token` alone still reads this run (run-id defaults to github.run_id); `run-id` or `repository` reach elsewhere.
    const input = [step.inputs.get('run-id'), step.inputs.get('repository')].find(
      (pair) => pair && stringOf(pair.value) && !/github\.(run_id|repository)\b|GITHUB_RUN_ID/.test(stringOf(pair.value)!),
    );
    if (input) return { how: `download-artifact with \`${String(input.key.value)}\``, range: spanOf(input.key) };
  }
  if (step.run?.range) {
    const [start, end] = step.run.range;
    const line = /\bgh\s+run\s+download\b[^\n]*/.exec(text.slice(start, end));
    const match = line && !/github\.run_id|GITHUB_RUN_ID/.test(line[0]) ? /\bgh\s+run\s+download\b/.exec(line[0]) : null;
    if (line && match) return { how: '`gh run download`', range: { start: start + line.index, end: start + line.index + match[0].length } };
  }
  return undefined;
}
