import { isScalar, type Node } from 'yaml';
import { environmentOf } from './environments';
import { opaqueUploads, weakUploads, type Evidence } from './publishEvidence';
import type { JobModel, StepModel, WorkflowModel } from './workflowModel';
import { pairOf, pairsOf, stringOf } from './yamlNodes';
import type { Span } from '../engine/types';
import { secretsIn } from './secretNames';
import { flatMapped } from './lists';
import { keptOn } from './keptOn';

/**
 * How an upload is recognised. The named tools are `certain` evidence; `script` (a repository script, a task runner
 * or a command of another name) and `action` (a third-party action or a local one) are `strong` evidence, read from
 * what the step is given. Rules about a tool's own inputs and options only apply to the named tools.
 */
export type PublishTool = 'pypa-action' | 'maturin-action' | 'twine' | 'uv' | 'pdm' | 'hatch' | 'poetry' | 'flit' | 'maturin' | 'setuptools' | 'script' | 'action';

/** `certain`: the step names the upload; `strong`: a credential (or `id-token: write`) reaches a script; `weak`: names only. */
export type EvidenceStrength = 'certain' | 'strong' | 'weak';

/** The tools whose upload no command names: the step is recognised by what it is given. */
export const isOpaque = (tool: PublishTool): tool is 'script' | 'action' => tool === 'script' || tool === 'action';

/** The upload is pypa/gh-action-pypi-publish. */
export const isPypaAction = (publish: PublishStep): boolean => publish.tool === 'pypa-action';

export interface PublishStep {
  job: JobModel;
  step: StepModel;
  tool: PublishTool;
  /** Where the upload is named: the `uses:` value, or the command inside `run:`. */
  range: Span;
  /** Which index it uploads to, as far as the step says. */
  index: 'pypi' | 'testpypi' | 'other';
  strength: EvidenceStrength;
  /** For strong evidence: what runs and what reaches it, for messages. */
  evidence?: Evidence;
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
  { tool: 'setuptools', pattern: /\bsetup\.py\b[^\n;&|#]*\supload\b/ },
];

const UPLOAD_WORD = /publish|upload/;

/**
 * Every step of the workflow that uploads distributions to a package index: the ones that name the upload, and in
 * jobs without one, the steps a credential or `id-token: write` shows to upload (strong evidence). `weak: true` adds,
 * in jobs with neither, the steps whose name alone says they publish; rules never ask for those. Many rules ask,
 * often once per job: the answer is kept per parsed workflow (and text), so a workflow with many jobs is read once,
 * not once per job. Callers must not change the array.
 */
export function findPublishSteps(workflow: WorkflowModel, text: string, options: { weak?: boolean } = {}): readonly PublishStep[] {
  const key = options.weak ? 'weak' : 'steps';
  const known = publishStepsOf.get(workflow);
  const cached = known?.text === text ? known[key] : undefined;
  if (cached) return cached;
  const steps = readPublishSteps(workflow, text, options);
  publishStepsOf.set(workflow, { ...(known?.text === text ? known : {}), text, [key]: steps });
  return steps;
}

const publishStepsOf = keptOn<WorkflowModel, { text: string; steps?: PublishStep[]; weak?: PublishStep[] }>('publish steps');

function readPublishSteps(workflow: WorkflowModel, text: string, options: { weak?: boolean }): PublishStep[] {
  return flatMapped(workflow.jobs, (job) => {
    const named = flatMapped(job.steps, (step) => publishStepsIn(job, step, text));
    if (named.length > 0) return named;
    const strong = opaqueUploads(workflow, job, text);
    const [uploads, strength] = strong.length > 0 || !options.weak ? [strong, 'strong' as const] : [weakUploads(job, text), 'weak' as const];
    return uploads.map(({ step, range, index, evidence }) => ({
      job,
      step,
      tool: step.uses ? ('action' as const) : ('script' as const),
      range,
      index,
      strength,
      evidence,
    }));
  });
}

/**
 * ` (its step 'Publish' runs \`scripts/publish\` with ...)` when an upload is recognised by what a step is given rather
 * than by its name, so that a finding says what it saw; '' otherwise.
 */
export const seenNote = (steps: readonly PublishStep[]): string => {
  const sentence = firstEvidence(steps);
  return sentence ? ` (${sentence})` : '';
};

/** What showed the first upload recognised by what it is given (evidenceSentence), if any. */
export function firstEvidence(steps: readonly PublishStep[]): string | undefined {
  for (const step of steps) {
    const sentence = evidenceSentence(step);
    if (sentence) return sentence;
  }
  return undefined;
}

/** "its step 'Publish' runs `scripts/publish` with `TWINE_PASSWORD` from the secret PYPI_TOKEN", for messages. */
export function evidenceSentence(publish: PublishStep): string | undefined {
  const evidence = publish.evidence;
  if (!evidence) return undefined;
  const name = stringOf(pairOf(publish.step.node, 'name')?.value);
  return `${name ? `its step '${name}'` : 'it'} ${publish.tool === 'action' ? 'uses' : 'runs'} \`${evidence.what}\` with ${evidence.via}`;
}

/** Jobs holding at least one publish step, with their steps. */
export function findPublishJobs(workflow: WorkflowModel, text: string): Array<{ job: JobModel; steps: PublishStep[] }> {
  const steps = findPublishSteps(workflow, text);
  return flatMapped(workflow.jobs, (job) => {
    const own = steps.filter((s) => s.job === job);
    return own.length > 0 ? [{ job, steps: own }] : [];
  });
}

function publishStepsIn(job: JobModel, step: StepModel, text: string): PublishStep[] {
  if (step.uses?.action === PYPA_PUBLISH_ACTION) {
    const url = stringOf(step.inputs.get('repository-url')?.value) ?? stringOf(step.inputs.get('repository_url')?.value);
    return [{ job, step, tool: 'pypa-action', range: usesSpan(step), index: indexOfUrl(url), strength: 'certain' }];
  }
  if (step.uses?.action === 'pyo3/maturin-action') {
    const command = stringOf(step.inputs.get('command')?.value);
    if (command === 'upload' || command === 'publish') {
      const args = stringOf(step.inputs.get('args')?.value) ?? '';
      return [{ job, step, tool: 'maturin-action', range: usesSpan(step), index: indexOfCommand(args, step, job), strength: 'certain' }];
    }
    return [];
  }
  if (!step.run?.range) return [];
  const [start, end] = step.run.range;
  const source = text.slice(start, end);
  // Every upload command says `publish` or `upload`: a script with neither word (most are) is not searched further.
  if (!UPLOAD_WORD.test(source)) return [];
  // The command as the shell gets it: a folded scalar joins its lines, and `\` at a line end continues the command.
  const script = String(step.run.value ?? '').replace(/\\\r?\n/g, ' ');
  const found: PublishStep[] = [];
  for (const { tool, pattern } of UPLOAD_COMMANDS) {
    const match = pattern.exec(source);
    if (match) {
      const at = pattern.exec(script);
      const lineEnd = at ? script.indexOf('\n', at.index) : -1;
      const commandLine = at ? script.slice(at.index, lineEnd === -1 ? undefined : lineEnd) : match[0];
      found.push({ job, step, tool, range: { start: start + match.index, end: start + match.index + match[0].length }, index: indexOfCommand(commandLine, step, job), strength: 'certain' });
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

/**
 * The index a command line targets: `--repository testpypi`, `-r testpypi`, `--repository-url`, `--publish-url`, or
 * the URL and repository variables of the step's or the job's env. When none says, the names of the secrets handed
 * to the upload and the job's environment can say TestPyPI; PyPI otherwise (the tools' default).
 */
function indexOfCommand(commandLine: string, step: StepModel, job: JobModel): PublishStep['index'] {
  const url = /--(?:repository-url|publish-url|index-url)[=\s]+(\S+)/.exec(commandLine)?.[1];
  if (url) return indexOfUrl(url);
  const name = /(?:--repository|-r)[=\s]+(\S+)/.exec(commandLine)?.[1];
  if (name) return /test/i.test(name) ? 'testpypi' : name === 'pypi' ? 'pypi' : 'other';
  const jobEnv = new Map(pairsOf(pairOf(job.node, 'env')?.value).map((p) => [String(p.key.value), p]));
  for (const env of [step.env, jobEnv]) {
    for (const key of ['TWINE_REPOSITORY_URL', 'UV_PUBLISH_URL', 'PDM_PUBLISH_REPO', 'MATURIN_REPOSITORY_URL', 'HATCH_INDEX_REPO']) {
      const value = stringOf(env.get(key)?.value);
      if (value) return indexOfUrl(value);
    }
    const repository = stringOf(env.get('TWINE_REPOSITORY')?.value) ?? stringOf(env.get('MATURIN_REPOSITORY')?.value);
    if (repository) return /test/i.test(repository) ? 'testpypi' : 'pypi';
  }
  const secrets = flatMapped([...step.env.values(), ...jobEnv.values()], (p) => secretsIn(stringOf(p.value) ?? ''));
  const secretsSayTest = secrets.length > 0 && secrets.every((s) => /test/i.test(s));
  const environment = environmentOf(job);
  const environmentUrl = environment?.url ? stringOf(environment.url) : undefined;
  const environmentName = environment?.name ? stringOf(environment.name) : undefined;
  const environmentSaysTest = (!!environmentUrl && /test\.pypi\.org/i.test(environmentUrl)) || (!!environmentName && /test[-_]?pypi/i.test(environmentName));
  // Without a credential (trusted publishing) the tool's default, PyPI, is what happens, whatever the environment's name.
  const neutral = secrets.length > 0 && !secrets.some((s) => /pypi/i.test(s) && !/test/i.test(s));
  return secretsSayTest || (neutral && environmentSaysTest) ? 'testpypi' : 'pypi';
}

/** True for a scalar that is an expression (`${{ ... }}`) rather than a literal. */
export function isExpression(node: Node | null | undefined): boolean {
  return isScalar(node) && /\$\{\{/.test(String(node.value ?? ''));
}
