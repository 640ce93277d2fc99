import { LineCounter, parseDocument } from 'yaml';
import { applyEdits, lintWorkflow } from '../lint';
import { environmentOf } from '../lint/environments';
import { secretUploads, uploadTarget } from '../lint/oidcPublishing';
import { findPublishSteps } from '../lint/publishing';
import type { LintProject, Severity, TextEdit } from '../lint/types';
import { buildWorkflowModel } from '../lint/workflowModel';
import { pairOf, stringOf } from '../lint/yamlNodes';

/** What the wizard knows about one existing file under `.github/workflows/`. */
export interface WorkflowInspection {
  fileName: string;
  /** The text the inspection was made on (the open editor's, unsaved changes included). */
  text: string;
  counts: Record<Severity, number>;
  /** The checks found an upload with a long-lived token (`token-publishing`). */
  tokenPublishing: boolean;
  /** That rule's first fix, when it has one: the wizard offers to apply it instead of writing a new file. */
  migration?: { title: string; edits: TextEdit[]; migratedText: string };
  /** Names of the repository secrets the uploads read (to delete once the workflow no longer needs them). */
  secrets: string[];
}

export const TOKEN_PUBLISHING = 'token-publishing';

/** Lints `text` once and condenses it to what the wizard's first step shows and offers. */
export function inspectWorkflow(
  fileName: string,
  text: string,
  options: { project?: LintProject; rules?: Record<string, Severity | 'off'> } = {},
): WorkflowInspection {
  // The migration is offered even when the user turned the rule off: it is the wizard's own question.
  const { findings } = lintWorkflow(text, { project: options.project, rules: { ...options.rules, [TOKEN_PUBLISHING]: 'warning' } });
  const shown = findings.filter((f) => f.ruleId !== TOKEN_PUBLISHING || options.rules?.[TOKEN_PUBLISHING] !== 'off');
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of shown) counts[finding.severity] += 1;
  const tokens = findings.filter((f) => f.ruleId === TOKEN_PUBLISHING);
  const fix = tokens.find((f) => f.fixes && f.fixes.length > 0)?.fixes?.[0];
  return {
    fileName,
    text,
    counts,
    tokenPublishing: tokens.length > 0,
    migration: fix ? { title: fix.title, edits: fix.edits, migratedText: applyEdits(text, fix.edits) } : undefined,
    secrets: tokens.length > 0 ? secretNames(text) : [],
  };
}

/** The secrets that carry a token to an upload to PyPI or TestPyPI, by name, in file order, once each. */
export function secretNames(text: string): string[] {
  const document = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false });
  if (document.errors.length > 0) return [];
  const workflow = buildWorkflowModel(document);
  const names = secretUploads(workflow, text)
    .map((upload) => upload.credential.secret ?? upload.secret)
    .filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
  return [...new Set(names)];
}

/** One line for the first step: "2 warnings, 1 error", or "no problems". */
export function summarizeCounts(counts: Record<Severity, number>): string {
  const parts: string[] = [];
  const add = (n: number, one: string) => n > 0 && parts.push(`${n} ${one}${n === 1 ? '' : 's'}`);
  add(counts.error, 'error');
  add(counts.warning, 'warning');
  add(counts.info, 'note');
  return parts.length > 0 ? parts.join(', ') : 'no problems';
}

/** What PyPI's publisher must say for an existing (migrated) workflow, read from its text. */
export interface WorkflowPublisher {
  /** Environment of the job uploading to PyPI; '' when it has none; undefined when no job uploads to PyPI. */
  environment?: string;
  testPypiEnvironment?: string;
  /** What starts it: a published release, a pushed tag, or something else (e.g. workflow_dispatch). */
  trigger: 'release' | 'tag' | 'other';
}

export function workflowPublisher(text: string): WorkflowPublisher {
  const document = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false });
  if (document.errors.length > 0) return { trigger: 'other' };
  const workflow = buildWorkflowModel(document);
  const push = workflow.triggers.get('push');
  const result: WorkflowPublisher = {
    trigger: workflow.triggers.has('release') ? 'release' : push && pairOf(push.config, 'tags') ? 'tag' : 'other',
  };
  for (const publish of findPublishSteps(workflow, text)) {
    const target = uploadTarget(publish, text);
    if (target !== 'pypi' && target !== 'testpypi') continue;
    const name = environmentOf(publish.job)?.name;
    const environment = name ? (stringOf(name) ?? '') : '';
    if (target === 'pypi') result.environment ??= environment;
    else result.testPypiEnvironment ??= environment;
  }
  return result;
}
