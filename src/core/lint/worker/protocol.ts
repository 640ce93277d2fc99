import type { WorkflowPublishing } from '../analysis/publishingSummary';
import type { Finding, Fix, LintOptions, Span, TextEdit } from '../engine/types';

/**
 * What the main thread and the check worker say to each other. Everything crosses by structured clone: plain data,
 * so findings go without their `fixes` (built lazily by the engine, and for a large file costlier than the check):
 * the fixes of one finding are asked for when the user asks for code actions on it.
 */
export type WorkerRequest =
  | { id: number; kind: 'check'; text: string; options: LintOptions; fileName: string }
  | { id: number; kind: 'actions'; text: string; options: LintOptions; across: Finding[]; target: { ruleId: string } & Span }
  | { id: number; kind: 'fixAll'; text: string; options: LintOptions; across: Finding[] }
  | { id: number; kind: 'summary'; text: string; fileName: string };

export type WorkerAnswer =
  /** Part of a check's findings: the main thread reads each message in one go, so a large file's come in parts. */
  | { id: number; kind: 'findings'; findings: Finding[] }
  | { id: number; kind: 'check'; findings: Finding[]; summary: WorkflowPublishing }
  | { id: number; kind: 'actions'; fixes: Fix[]; ignore?: Fix }
  | { id: number; kind: 'fixAll'; edits: TextEdit[] }
  | { id: number; kind: 'summary'; summary: WorkflowPublishing }
  | { id: number; kind: 'failed'; message: string };

/**
 * Findings per message. Reading a message is one task of the main thread's loop: thousands of findings at once (a
 * generated 1 MB workflow has about 6,500) take it tens of milliseconds; a thousand take a few.
 */
export const FINDINGS_PER_MESSAGE = 1000;

/** What the worker is started with: it serves checks only when told to (the same file can be loaded on the main thread). Also in esbuild.mjs. */
export const CHECK_WORKER_ROLE = 'trusted-publishing-checks';

/** A finding as plain data, without reading `fixes` (reading it would build the fixes). */
export function withoutFixes(finding: Finding): Finding {
  const plain: Finding = { ruleId: finding.ruleId, severity: finding.severity, message: finding.message, range: { ...finding.range } };
  if (finding.links) plain.links = finding.links;
  if (finding.related) plain.related = finding.related;
  return plain;
}
