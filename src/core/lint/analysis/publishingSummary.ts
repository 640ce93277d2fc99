import { analyzeWorkflow } from './facts';
import { environmentOf } from './environments';
import { MAX_CHECKED_LENGTH } from '../engine/limits';
import { uploadLabel, uploadTarget } from './oidcPublishing';
import { indexOfUrl, type PublishStep } from './publishing';
import { canPublish, jobCanRun, pushRefs, releaseRun, releaseTypes, TAG_PUSH_RUN } from './runContexts';
import type { Span } from '../engine/types';
import { uploadProject, type UploadProject } from './uploadProject';
import { parseWorkflow, type JobModel, type WorkflowModel } from './workflowModel';
import { pairOf, pairsOf, stringOf, stringsOf } from './yamlNodes';
import { secretsIn } from './secretNames';

/**
 * What one workflow file publishes, in the terms PyPI's publisher form and the wizard speak: per job and index, how
 * the upload authenticates and which GitHub environment the job runs in. Read from the same facts the checks use
 * (`findPublishSteps`, `secretUploads`, `usesTrustedPublishing`, `publishingJobs`), so the wizard, the values and
 * the checks never disagree about whether a workflow publishes.
 */

export type PublishIndex = 'pypi' | 'testpypi';

export interface JobUpload {
  jobId: string;
  index: PublishIndex;
  /** `trusted`: no credential reaches the upload and the tool trades the OIDC token; `token`: a secret does. */
  auth: 'trusted' | 'token' | 'unknown';
  /** The repository secrets that reach the upload, by name. */
  secrets: string[];
  /** The job's environment name; '' when it has none; undefined when an expression computes it. */
  environment: string | undefined;
  /** How it uploads, for people: `pypa/gh-action-pypi-publish`, `twine upload`, `JRubics/poetry-publish`... */
  tool: string;
  /** Where the upload is named in the file. */
  range: Span;
  /** The job's key, where findings about the whole job go. */
  jobRange: Span;
  /** The `release` activity types that can start this upload (its job's and step's `if:` taken into account). */
  releaseTypes: string[];
  /** A pushed tag can start this upload (the `push` trigger fires on tags and no `if:` rules it out). */
  onTagPush: boolean;
  /** Which project it publishes, as far as the workflow says (for monorepos that publish several). */
  project: UploadProject;
}

/** A job that runs a reusable workflow of the same repository (`uses: ./.github/workflows/publish.yml`). */
export interface LocalCall {
  jobId: string;
  /** The called file's name, e.g. `publish.yml`. */
  fileName: string;
  /** The `uses:` value. */
  range: Span;
  /** As for an upload: the release types and tag pushes that can start the calling job. */
  releaseTypes: string[];
  onTagPush: boolean;
}

export interface WorkflowPublishing {
  fileName: string;
  /** One entry per job and index, in file order. */
  uploads: JobUpload[];
  /** The events that start the workflow (`release`, `push`, `workflow_dispatch`...). */
  triggers: string[];
  /** `push:` tag patterns, when the workflow runs on pushed tags (`['v*']`); `[]` for every tag. */
  tagPatterns?: string[];
  /** `release:` activity types (every type when `types:` is not given, as GitHub does). */
  releaseTypes?: string[];
  /** Jobs that run reusable workflows of the same repository: their uploads happen on this workflow's triggers. */
  localCalls: LocalCall[];
  /** The workflow is called by other workflows (`on: workflow_call`). */
  reusable: boolean;
  /** The file is not valid YAML: nothing could be read. */
  invalid?: boolean;
  /** The file is larger than the checks read (`MAX_CHECKED_LENGTH`): nothing was read. */
  tooLarge?: boolean;
}

export function summarizePublishing(fileName: string, text: string): WorkflowPublishing {
  if (text.length > MAX_CHECKED_LENGTH) return { fileName, uploads: [], triggers: [], reusable: false, localCalls: [], tooLarge: true };
  const { workflow } = parseWorkflow(text);
  if (!workflow) return { fileName, uploads: [], triggers: [], reusable: false, localCalls: [], invalid: true };
  return summarizeModel(fileName, workflow, text);
}

export function summarizeModel(fileName: string, workflow: WorkflowModel, text: string): WorkflowPublishing {
  const uploads: JobUpload[] = [];
  const add = (upload: JobUpload) => {
    const same = uploads.find((u) => u.jobId === upload.jobId && u.index === upload.index);
    if (!same) {
      uploads.push(upload);
      return;
    }
    // One job, one index: a token anywhere in it decides how the job authenticates.
    if (upload.auth === 'token' || same.auth === 'unknown') same.auth = upload.auth;
    same.secrets = [...new Set([...same.secrets, ...upload.secrets])];
    same.releaseTypes = [...new Set([...same.releaseTypes, ...upload.releaseTypes])];
    same.onTagPush ||= upload.onTagPush;
  };
  const types = releaseTypes(workflow);
  const tagPush = pushRefs(workflow).tags;
  // When can an upload run: per release type and for a tag push, as the checks of triggers evaluate `if:`.
  const reach = (can: (context: ReturnType<typeof releaseRun>) => boolean) => ({
    releaseTypes: types.filter((action) => can(releaseRun(action))),
    onTagPush: tagPush && can(TAG_PUSH_RUN),
  });
  const stepReach = (publish: PublishStep) => reach((context) => canPublish(workflow, [publish], context));
  const jobReach = (job: JobModel) => reach((context) => jobCanRun(workflow, job, context) !== false);
  const facts = analyzeWorkflow(workflow, text);
  const tokens = facts.secretUploads;
  const steps = facts.publishSteps;
  for (const publish of steps) {
    const secrets = tokens.filter((t) => t.uploads.some((u) => u.range.start === publish.range.start)).map((t) => t.secret);
    const target = uploadTarget(publish, text);
    // An index URL computed at run time counts when a PyPI secret goes with it (secretUploads keeps only those).
    const index = target === 'unknown' && secrets.length > 0 ? (secrets.every((s) => /test/i.test(s)) ? 'testpypi' : 'pypi') : target;
    if (index !== 'pypi' && index !== 'testpypi') continue;
    add({
      jobId: publish.job.id,
      index,
      auth: secrets.length > 0 ? 'token' : facts.trusted(publish) ? 'trusted' : 'unknown',
      secrets,
      environment: environmentName(publish.job),
      tool: uploadLabel(publish),
      range: publish.range,
      jobRange: jobSpan(publish.job),
      ...stepReach(publish),
      project: uploadProject(workflow, publish.job, text),
    });
  }
  // Jobs with a recognised upload are read above, also when it goes to another index; the rest upload through a
  // third-party action or a called workflow.
  const known = new Set(steps.map((s) => s.job.id));
  for (const job of facts.publishingJobs) {
    if (known.has(job.id)) continue;
    const secrets = secretsPassed(job);
    const step = job.steps.find((s) => s.uses?.kind === 'repository' && /pypi|publish|twine/i.test(s.uses.raw));
    const named = job.calls ?? step?.uses;
    add({
      jobId: job.id,
      index: indexOfJob(job, secrets),
      auth: secrets.length > 0 ? 'token' : 'unknown',
      secrets,
      environment: environmentName(job),
      tool: named ? named.raw.split('@')[0] : 'a publishing action',
      range: named?.node.range ? { start: named.node.range[0], end: named.node.range[1] } : jobSpan(job),
      jobRange: jobSpan(job),
      ...jobReach(job),
      project: uploadProject(workflow, job, text),
    });
  }
  const localCalls: LocalCall[] = workflow.jobs.flatMap((job) => {
    const calls = job.calls;
    if (calls?.kind !== 'local' || !/^\.\/\.github\/workflows\/[^/]+\.ya?ml$/i.test(calls.raw)) return [];
    const range = calls.node.range ? { start: calls.node.range[0], end: calls.node.range[1] } : jobSpan(job);
    return [{ jobId: job.id, fileName: calls.raw.split('/').pop()!, range, ...jobReach(job) }];
  });
  uploads.sort((a, b) => a.range.start - b.range.start);
  const push = workflow.triggers.get('push');
  const tags = pairOf(push?.config, 'tags');
  return {
    fileName,
    uploads,
    triggers: [...workflow.triggers.keys()],
    ...(tagPush ? { tagPatterns: stringsOf(tags?.value) } : {}),
    ...(workflow.triggers.has('release') ? { releaseTypes: types } : {}),
    localCalls,
    reusable: workflow.triggers.has('workflow_call'),
  };
}

/** The uploads of a workflow to one index. */
export const uploadsTo = (summary: WorkflowPublishing, index: PublishIndex): JobUpload[] => summary.uploads.filter((u) => u.index === index);

export const INDEX_NAMES: Readonly<Record<PublishIndex, string>> = { pypi: 'PyPI', testpypi: 'TestPyPI' };

/**
 * One sentence per index for people: "publish.yaml publishes to PyPI with trusted publishing, environment `publish`";
 * "publish.yml uploads to PyPI with the secret PYPI_TOKEN". Empty when the workflow does not publish.
 */
export function describePublishing(summary: WorkflowPublishing): string[] {
  return (['pypi', 'testpypi'] as const).flatMap((index) => {
    const uploads = uploadsTo(summary, index);
    if (uploads.length === 0) return [];
    const jobs = uploads.map((u) => `'${u.jobId}'`).join(', ');
    const secrets = [...new Set(uploads.flatMap((u) => u.secrets))];
    const environments = [...new Set(uploads.map((u) => u.environment))];
    const where =
      environments.length !== 1
        ? 'in several environments'
        : environments[0] === undefined
          ? 'in an environment computed at run time'
          : environments[0] === ''
            ? 'without an environment'
            : `environment ${environments[0]}`;
    const how =
      secrets.length > 0
        ? `uploads to ${INDEX_NAMES[index]} with ${secrets.length === 1 ? 'the secret' : 'the secrets'} ${secrets.join(', ')}`
        : uploads.every((u) => u.auth === 'trusted')
          ? `publishes to ${INDEX_NAMES[index]} with trusted publishing`
          : `uploads to ${INDEX_NAMES[index]} (${uploads.map((u) => u.tool).join(', ')}; credentials not visible in the file)`;
    return [`${summary.fileName} ${how}, ${where} (job ${jobs})`];
  });
}

function environmentName(job: JobModel): string | undefined {
  const environment = environmentOf(job);
  if (!environment) return '';
  if (environment.dynamic) return undefined;
  return environment.name ? (stringOf(environment.name) ?? '') : '';
}

const jobSpan = (job: JobModel): Span => ({ start: job.keyNode.range?.[0] ?? 0, end: job.keyNode.range?.[1] ?? 0 });

/** Secrets a third-party publishing action or a called workflow receives (`with:`, `secrets:`, `env:`). */
function secretsPassed(job: JobModel): string[] {
  const values = [
    ...pairsOf(job.pair('secrets')?.value).map((p) => stringOf(p.value) ?? ''),
    ...job.steps.flatMap((s) => [...s.inputs.values(), ...s.env.values()].map((p) => stringOf(p.value) ?? '')),
    ...pairsOf(job.pair('env')?.value).map((p) => stringOf(p.value) ?? ''),
  ];
  const names = values.flatMap(secretsIn).filter((n) => /pypi|twine/i.test(n));
  return [...new Set(names)];
}

/** TestPyPI when the job's URLs, secrets or environment say so; PyPI otherwise. */
function indexOfJob(job: JobModel, secrets: string[]): PublishIndex {
  const environment = environmentOf(job);
  const url = environment?.url ? stringOf(environment.url) : undefined;
  if (url && indexOfUrl(url) === 'testpypi') return 'testpypi';
  const urls = job.steps.flatMap((s) => [...s.inputs.values()].map((p) => stringOf(p.value) ?? '')).filter((v) => /^https?:/.test(v));
  if (urls.some((u) => indexOfUrl(u) === 'testpypi')) return 'testpypi';
  if (secrets.length > 0 && secrets.every((s) => /test_?pypi/i.test(s))) return 'testpypi';
  return 'pypi';
}
