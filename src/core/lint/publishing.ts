import { isScalar, type Node } from 'yaml';
import type { JobModel, StepModel, WorkflowModel } from './workflowModel';
import { stringOf } from './yamlNodes';
import type { Span } from './types';

export type PublishTool = 'pypa-action' | 'maturin-action' | 'twine' | 'uv' | 'pdm' | 'hatch' | 'poetry' | 'flit' | 'maturin';

export interface PublishStep {
  job: JobModel;
  step: StepModel;
  tool: PublishTool;
  /** Where the upload is named: the `uses:` value, or the command inside `run:`. */
  range: Span;
  /** Which index it uploads to, as far as the step says. */
  index: 'pypi' | 'testpypi' | 'other';
}

export const PYPA_PUBLISH_ACTION = 'pypa/gh-action-pypi-publish';

/** Upload commands in `run:` scripts. The match is searched in the source, so its offsets are exact. */
const UPLOAD_COMMANDS: Array<{ tool: PublishTool; pattern: RegExp }> = [
  { tool: 'twine', pattern: /\btwine\s+upload\b/ },
  { tool: 'uv', pattern: /\buv\s+publish\b/ },
  { tool: 'pdm', pattern: /\bpdm\s+publish\b/ },
  { tool: 'hatch', pattern: /\bhatch\s+publish\b/ },
  { tool: 'poetry', pattern: /\bpoetry\s+publish\b/ },
  { tool: 'flit', pattern: /\bflit\s+publish\b/ },
  { tool: 'maturin', pattern: /\bmaturin\s+(?:publish|upload)\b/ },
];

/**
 * Every step of the workflow that uploads distributions to a package index. Many rules ask, often once per job: the
 * answer is kept per parsed workflow (and text), so a workflow with many jobs is read once, not once per job.
 * Callers must not change the array.
 */
export function findPublishSteps(workflow: WorkflowModel, text: string): readonly PublishStep[] {
  const known = publishStepsOf.get(workflow);
  if (known?.text === text) return known.steps;
  const steps = workflow.jobs.flatMap((job) => job.steps.flatMap((step) => publishStepsIn(job, step, text)));
  publishStepsOf.set(workflow, { text, steps });
  return steps;
}

const publishStepsOf = new WeakMap<WorkflowModel, { text: string; steps: PublishStep[] }>();

/** Jobs holding at least one publish step, with their steps. */
export function findPublishJobs(workflow: WorkflowModel, text: string): Array<{ job: JobModel; steps: PublishStep[] }> {
  const steps = findPublishSteps(workflow, text);
  return workflow.jobs.flatMap((job) => {
    const own = steps.filter((s) => s.job === job);
    return own.length > 0 ? [{ job, steps: own }] : [];
  });
}

function publishStepsIn(job: JobModel, step: StepModel, text: string): PublishStep[] {
  if (step.uses?.action === PYPA_PUBLISH_ACTION) {
    const url = stringOf(step.inputs.get('repository-url')?.value) ?? stringOf(step.inputs.get('repository_url')?.value);
    return [{ job, step, tool: 'pypa-action', range: usesSpan(step), index: indexOfUrl(url) }];
  }
  if (step.uses?.action === 'pyo3/maturin-action') {
    const command = stringOf(step.inputs.get('command')?.value);
    if (command === 'upload' || command === 'publish') {
      const args = stringOf(step.inputs.get('args')?.value) ?? '';
      return [{ job, step, tool: 'maturin-action', range: usesSpan(step), index: indexOfCommand(args, step) }];
    }
    return [];
  }
  if (!step.run?.range) return [];
  const [start, end] = step.run.range;
  const source = text.slice(start, end);
  const found: PublishStep[] = [];
  for (const { tool, pattern } of UPLOAD_COMMANDS) {
    const match = pattern.exec(source);
    if (match) {
      const lineEnd = source.indexOf('\n', match.index);
      const commandLine = source.slice(match.index, lineEnd === -1 ? undefined : lineEnd);
      found.push({ job, step, tool, range: { start: start + match.index, end: start + match.index + match[0].length }, index: indexOfCommand(commandLine, step) });
    }
  }
  return found;
}

function usesSpan(step: StepModel): Span {
  const range = step.uses?.node.range;
  return range ? { start: range[0], end: range[1] } : { start: step.node.range?.[0] ?? 0, end: step.node.range?.[0] ?? 0 };
}

export function indexOfUrl(url: string | undefined): PublishStep['index'] {
  if (url === undefined || url.trim() === '') return 'pypi';
  if (/test\.pypi\.org/i.test(url)) return 'testpypi';
  if (/(^|\/\/)(upload\.)?pypi\.org/i.test(url)) return 'pypi';
  return url.includes('${{') ? 'other' : 'other';
}

/** The index a command line targets: `--repository testpypi`, `-r testpypi`, `--repository-url`, `--publish-url`, or env. */
function indexOfCommand(commandLine: string, step: StepModel): PublishStep['index'] {
  const url = /--(?:repository-url|publish-url|index-url)[=\s]+(\S+)/.exec(commandLine)?.[1];
  if (url) return indexOfUrl(url);
  const name = /(?:--repository|-r)[=\s]+(\S+)/.exec(commandLine)?.[1];
  if (name) return /test/i.test(name) ? 'testpypi' : name === 'pypi' ? 'pypi' : 'other';
  for (const key of ['TWINE_REPOSITORY_URL', 'UV_PUBLISH_URL', 'PDM_PUBLISH_REPO', 'MATURIN_REPOSITORY_URL', 'HATCH_INDEX_REPO']) {
    const value = stringOf(step.env.get(key)?.value);
    if (value) return indexOfUrl(value);
  }
  const repository = stringOf(step.env.get('TWINE_REPOSITORY')?.value) ?? stringOf(step.env.get('MATURIN_REPOSITORY')?.value);
  if (repository) return /test/i.test(repository) ? 'testpypi' : 'pypi';
  return 'pypi';
}

/** True for a scalar that is an expression (`${{ ... }}`) rather than a literal. */
export function isExpression(node: Node | null | undefined): boolean {
  return isScalar(node) && /\$\{\{/.test(String(node.value ?? ''));
}
