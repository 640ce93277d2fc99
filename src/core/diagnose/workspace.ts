import {
  environmentOf,
  indentUnit,
  insertJobKey,
  lintWorkspace,
  parseWorkflow,
  replaceNode,
  summarizePublishing,
  uploadsTo,
  type Finding,
  type LintProject,
  type PublishIndex,
  type WorkflowPublishing,
} from '../lint';
import { workflowsPublishingTo } from '../publish';
import type { WorkflowEdit } from './types';

/**
 * The workspace's workflows as the diagnosis needs them: which one published, what it presents to PyPI now, and the
 * checks' fixes for the problem the log shows (a failed release is often a problem the checks also know, and their
 * fixes are already tested to keep comments and layout).
 */
export interface WorkspaceWorkflows {
  files: Array<{ file: string; text: string; summary: WorkflowPublishing }>;
  /** The workflow a release to the index runs: the file named (from the claims) when the workspace has it, else the only one that publishes there. */
  publishing(index: PublishIndex, fileName?: string): { file: string; text: string; summary: WorkflowPublishing } | undefined;
  /** The first fix of each finding of these rules, in the given file or in any. */
  fixesOf(ruleIds: readonly string[], file?: string): Array<WorkflowEdit & { message: string }>;
  findingsOf(ruleIds: readonly string[], file?: string): Array<Finding & { file: string }>;
}

export const baseName = (file: string): string => file.split(/[\\/]/).pop() ?? file;

export function workspaceWorkflows(workflows: ReadonlyArray<{ file: string; text: string }>, project?: LintProject, environments?: { pypi?: string; testpypi?: string }): WorkspaceWorkflows {
  const files = workflows.map((w) => ({ ...w, summary: summarizePublishing(baseName(w.file), w.text) }));
  let findings: Map<string, Finding[]> | undefined;
  const allFindings = () =>
    (findings ??= lintWorkspace(
      files.map((f) => ({ file: f.file, text: f.text, options: project ? { project } : {} })),
      environments ? { environments } : {},
    ));
  const findingsOf = (ruleIds: readonly string[], file?: string) =>
    [...allFindings()].flatMap(([name, list]) => (file === undefined || name === file ? list.filter((f) => ruleIds.includes(f.ruleId)).map((f) => ({ ...f, file: name })) : []));
  return {
    files,
    publishing(index, fileName) {
      if (fileName) {
        const named = files.find((f) => f.summary.fileName === fileName);
        if (named) return named;
      }
      const publishing = workflowsPublishingTo(
        files.map((f) => f.summary),
        index,
      );
      return publishing.length === 1 ? files.find((f) => f.summary === publishing[0]) : undefined;
    },
    findingsOf,
    fixesOf(ruleIds, file) {
      return findingsOf(ruleIds, file).flatMap((f) => (f.fixes?.[0] ? [{ file: f.file, title: f.fixes[0].title, edits: f.fixes[0].edits, message: f.message }] : []));
    },
  };
}

/** The environment every upload job of the workflow to the index runs in: a name, '' for none, undefined when they differ or it is computed. */
export function environmentOfUploads(summary: WorkflowPublishing, index: PublishIndex): string | undefined {
  const environments = [...new Set(uploadsTo(summary, index).map((u) => u.environment))];
  return environments.length === 1 ? environments[0] : undefined;
}

/**
 * Runs each upload job of the workflow to the index in environment `name`: replaces the name it has, or adds an
 * `environment:` key. One edit per job; none for a job whose environment is computed at run time.
 */
export function setEnvironmentEdit(file: { file: string; text: string; summary: WorkflowPublishing }, index: PublishIndex, name: string): WorkflowEdit | undefined {
  const { workflow } = parseWorkflow(file.text);
  if (!workflow) return undefined;
  const jobIds = [...new Set(uploadsTo(file.summary, index).map((u) => u.jobId))];
  const edits = jobIds.flatMap((id) => {
    const job = workflow.job(id);
    if (!job || job.node.flow) return [];
    const environment = environmentOf(job);
    if (!environment) return [insertJobKey(file.text, job, [`environment:`, `${indentUnit(file.text)}name: ${name}`])];
    if (environment.dynamic || !environment.name) return [];
    return [replaceNode(environment.name, name)];
  });
  if (edits.length === 0) return undefined;
  const jobs = jobIds.map((id) => `'${id}'`).join(', ');
  return { file: file.file, title: `Run job ${jobs} of ${file.summary.fileName} in environment '${name}'`, edits };
}
