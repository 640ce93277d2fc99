import { lintWorkflow } from './lintWorkflow';
import { summarizePublishing } from '../analysis/publishingSummary';
import { WORKSPACE_RULES } from './registry';
import { isSuppressed, suppressedRules } from './suppression';
import { locate } from './reportFormats';
import type { Finding, LintOptions, WorkspaceWorkflow } from './types';

/** A workflow file of a repository, as the caller names it (a path or a URI) and with its text. */
export interface WorkspaceFile {
  file: string;
  text: string;
  /** Options for this file's own checks (its project...); the set's `rules` apply when not given. */
  options?: LintOptions;
}

/**
 * Checks the workflow files of one repository (`.github/workflows/*`): every file on its own, then the rules that
 * compare the files with each other. Returns the findings per file, in source order, with severity settings and
 * suppression comments applied to both kinds alike.
 */
export function lintWorkspace(files: readonly WorkspaceFile[], options: LintOptions = {}): Map<string, Finding[]> {
  const workflows = files.map((f) => ({ file: f.file, text: f.text, summary: summarizePublishing(f.file, f.text) }));
  const across = workspaceFindings(workflows, options);
  const result = new Map<string, Finding[]>();
  for (const f of files) {
    const own = lintWorkflow(f.text, { ...options, ...f.options }).findings;
    result.set(f.file, sortFindings([...own, ...(across.get(f.file) ?? [])]));
  }
  return result;
}

/**
 * Only the rules that compare workflows, from summaries the caller may keep between checks (the editor re-summarizes
 * just the file being edited). Every file of the set gets an entry.
 */
export function workspaceFindings(workflows: readonly WorkspaceWorkflow[], options: Pick<LintOptions, 'rules'> = {}): Map<string, Finding[]> {
  const result = new Map<string, Finding[]>(workflows.map((w) => [w.file, []]));
  const suppression = new Map<string, { suppressed: Map<number, Set<string>>; lineOf: (offset: number) => number }>();
  const suppressionOf = (workflow: WorkspaceWorkflow) => {
    let entry = suppression.get(workflow.file);
    if (!entry) {
      entry = { suppressed: suppressedRules(workflow.text), lineOf: (offset) => locate(workflow.text, offset).line - 1 };
      suppression.set(workflow.file, entry);
    }
    return entry;
  };
  for (const rule of WORKSPACE_RULES) {
    const severity = options.rules?.[rule.meta.id] ?? rule.meta.severity;
    if (severity === 'off') continue;
    for (const { file, ...found } of rule.check(workflows)) {
      const workflow = workflows.find((w) => w.file === file);
      if (!workflow) continue;
      const finding: Finding = { ruleId: rule.meta.id, severity, ...found };
      const { suppressed, lineOf } = suppressionOf(workflow);
      if (!isSuppressed(finding, suppressed, lineOf)) result.get(file)!.push(finding);
    }
  }
  for (const findings of result.values()) sortFindings(findings);
  return result;
}

/**
 * workspaceFindings that remembers its last answer: asked again about the same workflows (same files with the same
 * texts, in any order) with the same rule settings, it answers without comparing them again. "Check All Workflows"
 * asks once per file of a folder, each time about the same set with that file first: the comparison, which grows with
 * the number of uploads in the folder, then runs once per folder instead of once per file. The workflows are compared
 * in the order of their names, so the answer does not depend on which file asked first.
 */
export function rememberingWorkspaceFindings(): typeof workspaceFindings {
  let last: { texts: Map<string, string>; rules: string; result: Map<string, Finding[]> } | undefined;
  return (workflows, options = {}) => {
    const rules = JSON.stringify(options.rules ?? {});
    const same =
      last !== undefined &&
      last.rules === rules &&
      last.texts.size === workflows.length &&
      workflows.every((w) => last!.texts.get(w.file) === w.text);
    if (!same || !last) {
      const byName = [...workflows].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      last = { texts: new Map(workflows.map((w) => [w.file, w.text])), rules, result: workspaceFindings(byName, options) };
    }
    return last.result;
  };
}

export const sortFindings = (findings: Finding[]): Finding[] =>
  findings.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
