import { applyEdits, editsOverlap, lintWorkflow, locate } from '../lint';
import { insertJobKey } from '../lint/edits/jobEdits';
import { secretUploads } from '../lint/analysis/oidcPublishing';
import { describePublishing, summarizePublishing, uploadsTo, type PublishIndex, type WorkflowPublishing } from '../lint/analysis/publishingSummary';
import type { Fix, LintProject, NewEnvironments, Severity, Span, TextEdit } from '../lint/engine/types';
import { parseWorkflow } from '../lint/analysis/workflowModel';
import { originFromWorkflow } from '../publish/existingPublishers';

/** One finding of the checks, as the wizard lists it for a workflow it keeps. */
export interface WorkflowFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** 1-based line of the finding's start. */
  line: number;
  range: Span;
  /** The finding's first fix: the same edit the editor's quick fix makes. */
  fix?: Fix;
}

/** What the wizard knows about one existing file under `.github/workflows/`. */
export interface WorkflowInspection {
  fileName: string;
  /** The text the inspection was made on (the open editor's, unsaved changes included). */
  text: string;
  counts: Record<Severity, number>;
  /** What the file publishes and how, from the same facts as the checks. */
  publishing: WorkflowPublishing;
  /** `describePublishing`: one sentence per index; empty when the file does not publish. */
  description: string[];
  /** Some upload reads a long-lived token (`token-publishing` or `token-overrides-oidc`). */
  tokenPublishing: boolean;
  /** Every token fix of the file at once: the wizard offers it instead of writing a new file. */
  migration?: { title: string; edits: TextEdit[]; migratedText: string };
  /** Names of the repository secrets the uploads read (to delete once the workflow no longer needs them). */
  secrets: string[];
  /** What the checks found (rules the user turned off left out), in file order. */
  findings: WorkflowFinding[];
}

export const TOKEN_PUBLISHING = 'token-publishing';
export const TOKEN_OVERRIDES_OIDC = 'token-overrides-oidc';
/** The rules whose fixes take a token out of an upload. */
const TOKEN_RULES: readonly string[] = [TOKEN_PUBLISHING, TOKEN_OVERRIDES_OIDC];

export interface InspectOptions {
  project?: LintProject;
  rules?: Record<string, Severity | 'off'>;
  /** The environment a migrated job without one gets: the wizard's choice (the settings' by default). */
  environments?: NewEnvironments;
}

/** Lints `text` once and condenses it to what the wizard's first step shows and offers. */
export function inspectWorkflow(fileName: string, text: string, options: InspectOptions = {}): WorkflowInspection {
  // The migration is offered even when the user turned the token rules off: it is the wizard's own question.
  const forced = Object.fromEntries(TOKEN_RULES.map((id) => [id, options.rules?.[id] === 'off' ? 'warning' : (options.rules?.[id] ?? 'warning')]));
  const { findings } = lintWorkflow(text, { project: options.project, rules: { ...options.rules, ...forced }, environments: options.environments });
  const shown = findings.filter((f) => options.rules?.[f.ruleId] !== 'off');
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of shown) counts[finding.severity] += 1;
  const tokens = findings.filter((f) => TOKEN_RULES.includes(f.ruleId));
  const publishing = summarizePublishing(fileName, text);
  const tokenPublishing = tokens.length > 0 || publishing.uploads.some((u) => u.auth === 'token');
  return {
    fileName,
    text,
    counts,
    publishing,
    description: describePublishing(publishing),
    tokenPublishing,
    migration: migrationOf(text, tokens.flatMap((f) => (f.fixes?.[0] ? [f.fixes[0]] : [])), publishing, options.environments),
    secrets: tokenPublishing ? secretNames(text) : [],
    findings: shown.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: locate(text, f.range.start).line,
      range: f.range,
      ...(f.fixes?.[0] ? { fix: f.fixes[0] } : {}),
    })),
  };
}

/**
 * The inspection again with a migration that names new environments `environments` (the user's choice, which may
 * differ from the settings the first inspection used). Only the token rules run: nothing else changes.
 */
export function withMigrationEnvironments(inspection: WorkflowInspection, environments: NewEnvironments): WorkflowInspection {
  if (!inspection.migration) return inspection;
  const rules = Object.fromEntries(TOKEN_RULES.map((id) => [id, 'warning' as const]));
  const { findings } = lintWorkflow(inspection.text, { rules, environments });
  const fixes = findings.filter((f) => TOKEN_RULES.includes(f.ruleId)).flatMap((f) => (f.fixes?.[0] ? [f.fixes[0]] : []));
  return { ...inspection, migration: migrationOf(inspection.text, fixes, inspection.publishing, environments) };
}

const sameEdit = (a: TextEdit, b: TextEdit): boolean => a.start === b.start && a.end === b.end && a.newText === b.newText;

/**
 * One migration from every token fix of the file (one per job and secret: a workflow with two uploading jobs has
 * two), then an environment for each job it switched that has none, named as the user chose. A fix whose edits
 * collide with one already taken is left out; the editor still offers it afterwards.
 */
function migrationOf(text: string, fixes: Fix[], before: WorkflowPublishing, environments: NewEnvironments | undefined): WorkflowInspection['migration'] {
  const edits: TextEdit[] = [];
  const titles: string[] = [];
  for (const fix of fixes) {
    const fresh = fix.edits.filter((e) => !edits.some((taken) => sameEdit(taken, e)));
    if (fresh.some((e) => edits.some((taken) => editsOverlap(taken, e)))) continue;
    if (fresh.length === 0) continue;
    edits.push(...fresh);
    if (!titles.includes(fix.title)) titles.push(fix.title);
  }
  if (edits.length === 0) return undefined;
  const switched = applyEdits(text, edits);
  const after = summarizePublishing(before.fileName, switched);
  const tokenJobs = [...new Set(before.uploads.filter((u) => u.auth === 'token').map((u) => u.jobId))];
  const { workflow } = parseWorkflow(text);
  if (!workflow) return undefined;
  for (const jobId of tokenJobs) {
    const uploads = after.uploads.filter((u) => u.jobId === jobId);
    if (uploads.length === 0 || uploads.some((u) => u.environment !== '') || uploads.some((u) => u.auth === 'token')) continue;
    const job = workflow.jobs.find((j) => j.id === jobId);
    if (!job || job.node.flow) continue;
    const index: PublishIndex = uploads.every((u) => u.index === 'testpypi') ? 'testpypi' : 'pypi';
    const edit = insertJobKey(text, job, [`environment: ${environments?.[index] || index}`]);
    if (edits.some((taken) => editsOverlap(taken, edit))) continue;
    edits.push(edit);
    titles.push(`run job '${jobId}' in environment '${environments?.[index] || index}'`);
  }
  return { title: titles.join('; '), edits, migratedText: applyEdits(text, edits) };
}

/** The secrets that carry a token to an upload to PyPI or TestPyPI, by name, in file order, once each. */
export function secretNames(text: string): string[] {
  const { workflow } = parseWorkflow(text);
  if (!workflow) return [];
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
  return publisherOfSummary(summarizePublishing('', text));
}

/** The publisher a summarized workflow presents: the environment of its publish job per index, and its trigger. */
export function publisherOfSummary(summary: WorkflowPublishing): WorkflowPublisher {
  const result: WorkflowPublisher = {
    // A tag trigger is a `tags:` filter; a bare `push` runs on every push, tags among them, which is no release trigger.
    trigger: summary.triggers.includes('release') ? 'release' : summary.tagPatterns?.length ? 'tag' : 'other',
  };
  if (uploadsTo(summary, 'pypi').length > 0) result.environment = originFromWorkflow(summary, 'pypi').environment;
  if (uploadsTo(summary, 'testpypi').length > 0) result.testPypiEnvironment = originFromWorkflow(summary, 'testpypi').environment;
  return result;
}
