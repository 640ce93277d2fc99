import * as path from 'node:path';
import type { FileReader } from '../core/files';
import { findRepository, resolveGitHubRepository } from '../core/git';
import { diagnoseLog, diagnosisJson, formatDiagnosisText, MAX_LOG_CHARS, type DiagnoseContext } from '../core/diagnose';
import { lintProjectOf } from '../core/lint';
import { findPyprojects, readPyprojectFile } from '../core/pyproject';
import { WORKFLOWS_FOLDER } from '../core/publish';

export interface DiagnoseRequest {
  /** A log file, or '-' for standard input. */
  log: string;
  /** The workflow file to compare with (default: every workflow of the repository around cwd). */
  workflow?: string;
  format: 'text' | 'json';
  cwd: string;
  /** Standard input, read once; undefined when there is none to read (a terminal). */
  readStdin?: () => Promise<string>;
}

export interface DiagnoseOutcome {
  output: string;
  /** A bad-input message (printed on stderr). */
  problem?: string;
  /** 0: a known failure was diagnosed; 1: none found; 2: bad input. */
  exitCode: 0 | 1 | 2;
}

/**
 * `trusted-publishing diagnose`: the same diagnosis as the editor's, for CI (a step with `if: failure()` that pipes
 * the job's log in). The workspace around the current folder (workflows, pyproject.toml, the git remote) makes the
 * answer exact when it is there; the log alone is enough.
 */
export async function diagnoseCommand(request: DiagnoseRequest, files: FileReader): Promise<DiagnoseOutcome> {
  let text: string | undefined;
  if (request.log === '-') {
    if (!request.readStdin) return { output: '', problem: 'no log given: pass a log file, or pipe the log into "diagnose -"', exitCode: 2 };
    text = await request.readStdin();
  } else {
    text = await files.readText(path.resolve(request.cwd, request.log));
    if (text === undefined) return { output: '', problem: `${request.log}: no such file, or it cannot be read`, exitCode: 2 };
  }
  if (text.trim() === '') return { output: '', problem: `${request.log === '-' ? 'standard input' : request.log}: the log is empty`, exitCode: 2 };
  if (text.length > MAX_LOG_CHARS) text = text.slice(text.length - MAX_LOG_CHARS);

  const context = await workspaceContext(request, files);
  if (typeof context === 'string') return { output: '', problem: context, exitCode: 2 };
  const report = diagnoseLog(text, context);
  return {
    output: request.format === 'json' ? diagnosisJson(report) : formatDiagnosisText(report),
    exitCode: report.recognised ? 0 : 1,
  };
}

/** What the current folder tells about the release: its workflows, its project, its GitHub repository. A string: bad input. */
async function workspaceContext(request: DiagnoseRequest, files: FileReader): Promise<DiagnoseContext | string> {
  const repository = await findRepository(request.cwd, files);
  const root = repository.ok ? repository.value.root : request.cwd;
  const context: DiagnoseContext = {};

  if (request.workflow !== undefined) {
    const file = path.resolve(request.cwd, request.workflow);
    const workflowText = await files.readText(file);
    if (workflowText === undefined) return `--workflow ${request.workflow}: no such file, or it cannot be read`;
    context.workflows = [{ file: path.relative(request.cwd, file) || file, text: workflowText }];
  } else {
    const dir = path.join(root, ...WORKFLOWS_FOLDER.split('/'));
    const names = (await files.list(dir)).filter((e) => !e.isDirectory && /\.ya?ml$/i.test(e.name)).map((e) => e.name).sort();
    context.workflows = [];
    for (const name of names) {
      const workflowText = await files.readText(path.join(dir, name));
      if (workflowText !== undefined) context.workflows.push({ file: path.relative(request.cwd, path.join(dir, name)), text: workflowText });
    }
  }

  // The project: the repository's one pyproject.toml (several: none is assumed, the log names the distribution).
  const own = path.join(root, 'pyproject.toml');
  const pyprojects = (await files.readText(own)) !== undefined ? [own] : await findPyprojects(root, files);
  if (pyprojects.length === 1) {
    const facts = await readPyprojectFile(pyprojects[0], files);
    if (facts.ok) context.project = { ...lintProjectOf(facts.value), ...(facts.value.version.kind === 'static' ? { version: facts.value.version.value } : {}) };
  }
  const remote = await resolveGitHubRepository(root, files);
  if (remote.kind === 'ok') context.repository = { owner: remote.repository.owner, repo: remote.repository.repo };
  return context;
}
