import * as path from 'node:path';
import type { FileReader } from '../files';
import { summarizePublishing, uploadsTo, type PublishIndex, type WorkflowPublishing } from '../lint/analysis/publishingSummary';
import type { ReleasePlan } from './types';

/**
 * PyPI matches a trusted publisher on the workflow file that runs the upload and on its job's environment. When the
 * repository already has a workflow that publishes, those are the values to register, whatever the settings say;
 * the settings' defaults only describe a workflow that does not exist yet.
 */

/** The Workflow name and Environment name to register for one index, and where they come from. */
export interface PublisherOrigin {
  workflow: string;
  /** '' when the publish job has no environment (PyPI's field is then left empty). */
  environment: string;
  /** For people: "from .github/workflows/publish.yaml, job 'pypi-publish'". */
  source: string;
  /** True when read from a workflow in the repository; false for the workflow still to be written. */
  existing: boolean;
}

export const WORKFLOWS_FOLDER = '.github/workflows';

/** Every workflow file of a repository, summarized (file order by name). Unreadable or invalid files are kept as such. */
export async function readWorkflowSummaries(repositoryRoot: string, files: FileReader): Promise<Array<WorkflowPublishing & { text: string }>> {
  const dir = path.join(repositoryRoot, ...WORKFLOWS_FOLDER.split('/'));
  const names = (await files.list(dir))
    .filter((e) => !e.isDirectory && /\.ya?ml$/i.test(e.name))
    .map((e) => e.name)
    .sort();
  const summaries: Array<WorkflowPublishing & { text: string }> = [];
  for (const name of names) {
    const text = await files.readText(path.join(dir, name));
    if (text !== undefined) summaries.push({ ...summarizePublishing(name, text), text });
  }
  return summaries;
}

/**
 * The workflows that upload to the index, in file-name order. A caller that uploads only through reusable workflows of
 * the repository that upload there themselves is left out: PyPI reads the workflow file name from the token's
 * `job_workflow_ref` claim, which names the called file, so the called file is the one to register.
 */
export function workflowsPublishingTo(summaries: readonly WorkflowPublishing[], index: PublishIndex): WorkflowPublishing[] {
  return summaries.filter((s) => uploadsTo(s, index).length > 0 && !publishesThroughCalls(s, summaries, index));
}

/**
 * True when every upload of the workflow (to the index, or to any) is a call to a reusable workflow of the repository
 * that uploads there itself: the called file, not this one, is the publisher PyPI sees.
 */
export function publishesThroughCalls(summary: WorkflowPublishing, summaries: readonly WorkflowPublishing[], index?: PublishIndex): boolean {
  const uploads = index ? uploadsTo(summary, index) : summary.uploads;
  if (uploads.length === 0) return false;
  return uploads.every((u) =>
    summary.localCalls.some((c) => {
      if (c.jobId !== u.jobId || c.fileName === summary.fileName) return false;
      const called = summaries.find((s) => s.fileName === c.fileName);
      return !!called && called.reusable && uploadsTo(called, u.index).length > 0;
    }),
  );
}

/** The values that the workflow's publish job presents to the index. */
export function originFromWorkflow(summary: WorkflowPublishing, index: PublishIndex): PublisherOrigin {
  const uploads = uploadsTo(summary, index);
  const upload = uploads.find((u) => u.environment !== undefined && u.environment !== '') ?? uploads[0];
  const jobs = [...new Set(uploads.map((u) => u.jobId))].map((id) => `'${id}'`).join(', ');
  const environment = upload?.environment ?? '';
  const note =
    upload?.environment === undefined
      ? '; its environment is computed at run time: enter the name it takes for a release'
      : environment === ''
        ? '; the job has no environment, so leave the field empty (or add one to the job and enter it here)'
        : '';
  return {
    workflow: summary.fileName,
    environment,
    source: `from ${WORKFLOWS_FOLDER}/${summary.fileName}, job ${jobs}${note}`,
    existing: true,
  };
}

/** The values of the workflow the wizard or `init` would write, from the plan (the settings' defaults and choices). */
export function plannedOrigin(plan: ReleasePlan, index: PublishIndex): PublisherOrigin {
  return {
    workflow: plan.workflowFileName,
    environment: index === 'pypi' ? plan.environment : plan.testPypiEnvironment,
    source: `for the workflow the wizard will write (${WORKFLOWS_FOLDER}/${plan.workflowFileName}); no workflow in the repository publishes to ${index === 'pypi' ? 'PyPI' : 'TestPyPI'} yet`,
    existing: false,
  };
}

export type OriginChoice =
  | { kind: 'existing'; origin: PublisherOrigin; workflow: WorkflowPublishing }
  /** Several workflows publish to the index: the user says which one PyPI should trust. */
  | { kind: 'ask'; workflows: WorkflowPublishing[] }
  | { kind: 'planned'; origin: PublisherOrigin };

/**
 * Which publisher to show for the index: the workflow the user named (`preferred`, a file name: the planned one
 * when it does not publish yet), else the only workflow that publishes there, else the planned workflow.
 */
export function choosePublisherOrigin(
  summaries: readonly WorkflowPublishing[],
  index: PublishIndex,
  plan: ReleasePlan,
  preferred?: string,
): OriginChoice {
  const publishing = workflowsPublishingTo(summaries, index);
  if (preferred !== undefined) {
    // A named file that does not publish (yet) is the one the user is about to write or migrate.
    const named = publishing.find((s) => s.fileName === preferred);
    return named ? { kind: 'existing', origin: originFromWorkflow(named, index), workflow: named } : { kind: 'planned', origin: plannedOrigin(plan, index) };
  }
  if (publishing.length === 1) return { kind: 'existing', origin: originFromWorkflow(publishing[0], index), workflow: publishing[0] };
  if (publishing.length > 1) return { kind: 'ask', workflows: publishing };
  return { kind: 'planned', origin: plannedOrigin(plan, index) };
}

/** The indexes the repository's workflows publish to, in the order PyPI, TestPyPI. */
export function indexesPublished(summaries: readonly WorkflowPublishing[]): PublishIndex[] {
  return (['pypi', 'testpypi'] as const).filter((index) => workflowsPublishingTo(summaries, index).length > 0);
}

/**
 * The indexes to show publisher values for: those the repository's workflows (or the one named) publish to, else
 * the planned workflow's. The repository's own workflows decide; the plan describes a workflow still to write.
 */
export function publisherIndexes(summaries: readonly WorkflowPublishing[], plan: ReleasePlan, preferred?: string): PublishIndex[] {
  const published = indexesPublished(preferred === undefined ? summaries : summaries.filter((s) => s.fileName === preferred));
  if (published.length > 0) return published;
  return [...(plan.pypi ? (['pypi'] as const) : []), ...(plan.testPypi ? (['testpypi'] as const) : [])];
}
