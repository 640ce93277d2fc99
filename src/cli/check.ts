import * as path from 'node:path';
import type { FileReader } from '../core/files';
import { readPyprojectFile } from '../core/pyproject';
import {
  formatGithub,
  formatJson,
  formatSarif,
  formatText,
  lintProjectOf,
  lintWorkspace,
  locateFinding,
  projectForWorkflow,
  type Finding,
  type LintProject,
  type LocatedFinding,
  type WorkspaceFile,
} from '../core/lint';

export type CheckFormat = 'text' | 'json' | 'sarif' | 'github';

export interface CheckRequest {
  paths: string[];
  format: CheckFormat;
  pyproject?: string;
  /** The repository is private (`--private`): findings that only matter there are warnings. */
  private?: boolean;
  cwd: string;
  version: string;
}

export interface CheckOutcome {
  output: string;
  /** One line per path that could not be read (printed on stderr). */
  problems: string[];
  /** 0: no error findings; 1: some; 2: a path could not be read (the others were still checked). */
  exitCode: 0 | 1 | 2;
}

const isWorkflowFile = (name: string) => /\.ya?ml$/i.test(name);

/**
 * Checks workflow files: every file named (as a workflow, whatever its folder), and every `.github/workflows/*.yml`
 * of each folder named. Project facts come from --pyproject, else from the repository of each workflow. Files of one
 * folder are also compared with each other (two workflows publishing the same release), as GitHub runs them together.
 */
export async function checkWorkflows(request: CheckRequest, files: FileReader, lint: typeof lintWorkspace = lintWorkspace): Promise<CheckOutcome> {
  const problems: string[] = [];
  const targets: string[] = [];
  for (const given of request.paths.length > 0 ? request.paths : ['.']) {
    const absolute = path.resolve(request.cwd, given);
    if ((await files.readText(absolute)) !== undefined) {
      targets.push(absolute);
      continue;
    }
    const kind = files.kind ? await files.kind(absolute) : (await files.list(absolute)).length > 0 ? 'directory' : 'missing';
    if (kind !== 'directory') {
      problems.push(kind === 'missing' ? `${given}: no such file or folder` : `${given}: cannot be read (permission denied or not a regular file)`);
      continue;
    }
    const workflowsDir = path.join(absolute, '.github', 'workflows');
    const listed = await files.list(workflowsDir);
    const entries = listed.filter((e) => !e.isDirectory && isWorkflowFile(e.name));
    if (entries.length === 0) {
      const shownDir = path.join(given, '.github', 'workflows');
      problems.push(
        listed.length > 0
          ? `${given}: ${shownDir} holds no .yml or .yaml file`
          : (await files.list(absolute)).length === 0
            ? `${given}: the folder is empty (give workflow files, or a repository folder with ${path.join('.github', 'workflows')})`
            : `${given}: a folder without ${path.join('.github', 'workflows')} (give workflow files, or a repository folder)`,
      );
      continue;
    }
    targets.push(...entries.map((e) => path.join(workflowsDir, e.name)).sort());
  }

  let fixedProject: LintProject | undefined;
  if (request.pyproject) {
    const facts = await readPyprojectFile(path.resolve(request.cwd, request.pyproject), files);
    if (!facts.ok) problems.push(`${request.pyproject}: ${facts.error.message}`);
    else {
      fixedProject = lintProjectOf(facts.value);
    }
  }

  // One set per folder: the workflows GitHub runs side by side.
  const folders = new Map<string, Array<WorkspaceFile & { target: string }>>();
  for (const target of [...new Set(targets)]) {
    const text = await files.readText(target);
    if (text === undefined) {
      problems.push(`${path.relative(request.cwd, target)}: cannot be read`);
      continue;
    }
    const project = fixedProject ?? (await projectForWorkflow(target, files)).project;
    const shown = path.relative(request.cwd, target) || target;
    const folder = folders.get(path.dirname(target)) ?? [];
    folder.push({ target, file: shown, text, options: { project, ...(request.private ? { location: { fileName: path.basename(target), private: true } } : {}) } });
    folders.set(path.dirname(target), folder);
  }

  const located: LocatedFinding[] = [];
  for (const folder of folders.values()) {
    const findings = checkFolder(folder, problems, lint);
    const textOf = (file: string) => folder.find((f) => f.file === file)?.text;
    for (const { file, text } of folder) for (const finding of findings.get(file) ?? []) located.push(locateFinding(file, text, finding, textOf));
  }

  // Text output says "No problems found." only when everything asked for was checked.
  const output =
    request.format === 'text' && located.length === 0 && problems.length > 0
      ? ''
      : request.format === 'json'
      ? formatJson(located)
      : request.format === 'sarif'
        ? formatSarif(located, request.version)
        : request.format === 'github'
          ? formatGithub(located)
          : formatText(located);
  const exitCode = problems.length > 0 ? 2 : located.some((f) => f.severity === 'error') ? 1 : 0;
  return { output, problems, exitCode };
}

/**
 * The findings of one folder's workflows. A defect of ours that throws on one file must not hide the others: the
 * folder is then checked file by file, and the file that fails is named, with a request to report it.
 */
function checkFolder(folder: Array<WorkspaceFile & { target: string }>, problems: string[], lint: typeof lintWorkspace): Map<string, Finding[]> {
  try {
    return lint(folder);
  } catch {
    const findings = new Map<string, Finding[]>();
    for (const file of folder) {
      try {
        findings.set(file.file, lint([file]).get(file.file) ?? []);
      } catch (error) {
        problems.push(`internal error in ${file.file}: ${error instanceof Error ? error.message : String(error)}; please report it with the file`);
      }
    }
    return findings;
  }
}
