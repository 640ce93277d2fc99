import type { WorkflowFacts } from '../analysis/facts';
import { isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import { matrixValues } from '../analysis/oidcPublishing';
import { replaceNode } from '../edits/textEdits';
import type { Rule, RuleFinding } from '../engine/types';
import { isPypaAction } from '../analysis/publishing';
import type { JobModel } from '../analysis/workflowModel';
import { itemsOf, pairOf, spanOf, stringOf, stringsOf } from '../analysis/yamlNodes';

/**
 * pypa/gh-action-pypi-publish is a Docker container action, and GitHub runs container actions on Linux runners
 * only: on a Windows or macOS runner the step fails before uploading anything.
 * https://github.com/pypa/gh-action-pypi-publish#non-goals
 */
export const nonLinuxPublishRunner: Rule = {
  meta: { id: 'non-linux-publish-runner', title: 'pypa/gh-action-pypi-publish on a Windows or macOS runner', severity: 'error' },
  check({ facts }) {
    const findings: RuleFinding[] = [];
    for (const { job, steps } of facts.publishJobs) {
      const runsOn = job.pair('runs-on')?.value;
      if (!runsOn || !steps.some(isPypaAction)) continue;
      // A step gated on the matrix or the runner (`if: runner.os == 'Linux'`) only runs where its author meant it to.
      // Only a matrix `runs-on` asks: most upload jobs run on a Linux label, which says no without reading the steps.
      const gated = () => steps.every((p) => !isPypaAction(p) || /\b(matrix|runner)\./.test(stringOf(p.step.ifPair?.value) ?? ''));
      const os = runnerOs(job, runsOn, gated);
      if (!os) continue;
      const pypa = steps.filter(isPypaAction);
      const fixable = isScalar(runsOn) && runsOn.type === Scalar.PLAIN && !/\$\{\{/.test(stringOf(runsOn) ?? '') && onlyUploads(job, facts, os);
      findings.push({
        message:
          `Job '${job.id}' runs pypa/gh-action-pypi-publish on ${/\$\{\{/.test(stringOf(runsOn) ?? '') ? `its ${os} matrix legs` : os}, where it cannot run. ` +
          'It is a Docker container action, which GitHub runs on Linux runners only: the upload fails. ' +
          `Build the ${os} wheels in their own job, upload them as an artifact, and publish from a job with \`runs-on: ubuntu-latest\`.`,
        range: spanOf(runsOn),
        related: pypa.map((p) => ({ range: p.range, message: 'the container action' })),
        ...(fixable ? { fixes: [{ title: 'Run the publish job on ubuntu-latest', edits: [replaceNode(runsOn, 'ubuntu-latest')] }] } : {}),
      });
    }
    return findings;
  },
};

const osOf = (label: string): 'Windows' | 'macOS' | undefined =>
  /^windows\b/i.test(label) ? 'Windows' : /^macos\b/i.test(label) || /^macOS$/i.test(label) ? 'macOS' : undefined;

/**
 * The OS of `runs-on` when it is surely Windows or macOS: a label, a list of labels (self-hosted `[self-hosted,
 * windows]`), `{ labels: ... }`, or `${{ matrix.os }}` whose every value is such a label (or some value, when the
 * upload is not gated on the matrix or the runner).
 */
function runnerOs(job: JobModel, runsOn: Node | null | undefined, gated: () => boolean): string | undefined {
  if (isMap(runsOn)) return runnerOs(job, pairOf(runsOn, 'labels')?.value, gated);
  if (isSeq(runsOn)) {
    const found = stringsOf(runsOn).map(osOf).find(Boolean);
    return found;
  }
  const label = stringOf(runsOn);
  if (label === undefined) return undefined;
  if (!/\$\{\{/.test(label)) return osOf(label.trim());
  const values = matrixValues(job, label);
  if (!values) return undefined;
  const systems = values.map((v) => (isSeq(v) ? itemsOf(v).map(stringOf).map((l) => (l ? osOf(l) : undefined)).find(Boolean) : osOf(stringOf(v) ?? '')));
  // Every leg on Windows or macOS; or some, when the upload is not limited to the Linux legs.
  if (systems.some((s) => !s) && (gated() || systems.every((s) => !s))) return undefined;
  return [...new Set(systems.filter(Boolean))].join(' and ');
}

/** The job only moves files and uploads: no build, no shell that only exists on Windows. Then Linux runs it as well. */
function onlyUploads(job: JobModel, facts: WorkflowFacts, os: string): boolean {
  if (facts.projectBuilds(job).length > 0) return false;
  // Windows runs `run:` scripts with PowerShell by default; on Linux they would run in bash.
  if (os.includes('Windows') && job.steps.some((s) => s.run)) return false;
  const shells = [stringOf(pairOf(pairOf(job.pair('defaults')?.value, 'run')?.value, 'shell')?.value), ...job.steps.map((s) => stringOf(pairOf(s.node, 'shell')?.value))];
  if (shells.some((s) => s && /^(pwsh|powershell|cmd)$/i.test(s.trim()))) return false;
  // Setup actions for the other OS, or anything not about moving artifacts, may not work the same on Linux.
  return job.steps.every((s) => !s.uses || /^actions\/(checkout|download-artifact|upload-artifact|setup-python)$/.test(s.uses.action) || s.uses.action === 'pypa/gh-action-pypi-publish');
}
