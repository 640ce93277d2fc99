import * as path from 'node:path';
import type { FileReader } from '../core/files';
import { diagnoseLog, diagnosisJson, formatDiagnosisText, MAX_LOG_CHARS, readDiagnoseContext, type DiagnoseContext } from '../core/diagnose';

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

/** What the current folder tells about the release; `--workflow` narrows the workflows to one file. A string: bad input. */
async function workspaceContext(request: DiagnoseRequest, files: FileReader): Promise<DiagnoseContext | string> {
  const { root, context } = await readDiagnoseContext(request.cwd, files);
  if (request.workflow !== undefined) {
    const file = path.resolve(request.cwd, request.workflow);
    const text = await files.readText(file);
    if (text === undefined) return `--workflow ${request.workflow}: no such file, or it cannot be read`;
    return { ...context, workflows: [{ file: path.relative(request.cwd, file) || file, text }] };
  }
  // Named as the user would type them from where they are.
  return { ...context, workflows: context.workflows?.map((w) => ({ ...w, file: path.relative(request.cwd, path.join(root, w.file)) })) };
}
