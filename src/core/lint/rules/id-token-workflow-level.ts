import { isMap } from 'yaml';
import { insertJobKey } from '../edits/jobEdits';
import { flowText, jobPermissionGrant, OIDC_TOOLS, ownsLine, uploadTarget } from '../analysis/oidcPublishing';
import { lineEnd, removePair } from '../edits/textEdits';
import type { Rule, TextEdit } from '../engine/types';
import type { JobModel, WorkflowModel } from '../analysis/workflowModel';
import { pairOf, pairSpan, pairsOf, stringOf, type MapPair } from '../analysis/yamlNodes';

/** Actions that use the job's OIDC token for something else (signing, attestations, cloud logins, other uploads). */
const OIDC_ACTION = /(publish|release|pypi|oidc|attest|sigstore|sign|auth|login|credential|token|deploy)/i;

/**
 * `id-token: write` in the workflow-level block reaches every job that has no block of its own: build and test
 * jobs that run third-party code (build backends, test dependencies, actions) can then mint a token that PyPI
 * accepts for this project. Only the publish job should hold it.
 * https://docs.pypi.org/trusted-publishers/security-model/
 */
export const idTokenWorkflowLevel: Rule = {
  meta: { id: 'id-token-workflow-level', title: 'id-token: write granted to every job', severity: 'warning' },
  check({ text, workflow, facts }) {
    const top = workflow.pair('permissions');
    const idToken = pairOf(top?.value, 'id-token');
    if (!top || !idToken || stringOf(idToken.value) !== 'write') return [];
    const publishes = facts.publishSteps;
    if (publishes.length === 0) return [];
    const inheriting = workflow.jobs.filter((job) => !job.pair('permissions'));
    const needsToken = (job: JobModel) =>
      !!job.calls ||
      // Uploads that can use trusted publishing keep it, even with a token for now (token-overrides-oidc speaks about that).
      publishes.some((p) => p.job === job && OIDC_TOOLS.has(p.tool) && uploadTarget(p, text) !== 'other') ||
      job.steps.some((s) => s.uses && s.uses.kind !== 'local' && OIDC_ACTION.test(s.uses.action + (s.uses.path ?? '')));
    const exposed = inheriting.filter((job) => !needsToken(job));
    // When every job that inherits it needs the token, moving it changes nothing.
    if (exposed.length === 0) return [];
    const owners = inheriting.filter(needsToken);
    const fix = moveToJobs(text, workflow, top, idToken, owners);
    const ownersText = owners.length > 0 ? ` to ${owners.map((j) => `'${j.id}'`).join(', ')}` : ' to the job that publishes';
    return [
      {
        message:
          `\`id-token: write\` is granted at workflow level, so ${exposed.length === 1 ? 'job' : 'jobs'} ${exposed.map((j) => `'${j.id}'`).join(', ')} can mint a token PyPI trusts. ` +
          `${exposed.length === 1 ? 'That job runs' : 'Those jobs run'} build or test code that could then publish this project. Remove it from the workflow-level permissions and grant it only${ownersText} (in a job-level permissions block).`,
        range: pairSpan(idToken),
        related: exposed.map((job) => ({ range: { start: job.keyNode.range?.[0] ?? 0, end: job.keyNode.range?.[1] ?? 0 }, message: `'${job.id}' gets id-token: write without needing it` })),
        ...(fix ? { fixes: [fix] } : {}),
      },
    ];
  },
};

/**
 * Deletes `id-token: write` from the workflow-level block (leaving `{}` when it was the only scope) and gives each
 * job that needs it a job-level block with `id-token: write` and the scopes it inherited until now.
 */
function moveToJobs(text: string, workflow: WorkflowModel, top: MapPair, idToken: MapPair, owners: JobModel[]) {
  const map = top.value;
  if (!isMap(map)) return undefined;
  const remaining = pairsOf(map).filter((p) => p !== idToken);
  const edits: TextEdit[] = [];
  if (map.flow) {
    edits.push({ start: map.range?.[0] ?? 0, end: map.range?.[1] ?? 0, newText: flowText(text, remaining) });
  } else {
    if (!ownsLine(text, idToken)) return undefined;
    edits.push(removePair(text, idToken));
    if (remaining.length === 0) {
      // `permissions:` would be left empty: `{}` keeps "nothing granted", which is what the other jobs had apart from id-token.
      const keyEnd = top.key.range?.[1] ?? 0;
      const colon = text.indexOf(':', keyEnd);
      if (colon === -1 || colon >= lineEnd(text, keyEnd)) return undefined;
      edits.push({ start: colon + 1, end: colon + 1, newText: ' {}' });
    }
  }
  for (const job of owners) {
    const grant = jobPermissionGrant(text, workflow, job, [['id-token', 'write']], 'id-token');
    edits.push('edit' in grant ? grant.edit : insertJobKey(text, job, grant.lines));
  }
  const title =
    owners.length > 0 ? `Move id-token: write to job ${owners.map((j) => `'${j.id}'`).join(', ')}` : 'Remove id-token: write from the workflow-level permissions';
  return { title, edits };
}
