import { isMap, isScalar, type YAMLMap } from 'yaml';
import { indentUnit, insertIntoMap, setPairValue } from './textEdits';
import type { TextEdit } from '../engine/types';
import type { JobModel } from '../analysis/workflowModel';
import { pairsOf, stringOf } from '../analysis/yamlNodes';

/** Where a new job-level key reads best: before `steps:` when there is one, else at the end of the job. */
export function insertJobKey(text: string, job: JobModel, lines: string[]): TextEdit {
  const steps = job.pair('steps');
  return insertIntoMap(text, job.node, lines, steps ? { before: steps } : {});
}

/** A grant that `level` already gives: write covers read; `none`, empty or unknown text gives nothing. */
const covers = (level: string | undefined, wanted: string): boolean => level === wanted || (level === 'write' && wanted === 'read');

/**
 * Makes a job's permissions grant `grants` (scope → level) on top of what it has: raises the level of scopes it has
 * (`id-token: read` becomes `write`), inserts the missing ones into a block map, rewrites a flow map or
 * `read-all`-style scalar as a flow map, fills an empty `permissions:`, or adds a job-level block. One edit: when a
 * block map needs both a raised level and new scopes, the text between them is carried over unchanged.
 */
export function grantJobPermissions(text: string, job: JobModel, grants: Array<[string, string]>): TextEdit {
  const pair = job.pair('permissions');
  const unit = indentUnit(text);
  if (!pair) return insertJobKey(text, job, ['permissions:', ...grants.map(([scope, level]) => `${unit}${scope}: ${level}`)]);
  const value = pair.value;
  if (isMap(value) && !value.flow && value.items.length > 0) {
    const existing = new Map(pairsOf(value).map((p) => [String(p.key.value), p]));
    const raised = grants
      .filter(([scope, level]) => existing.has(scope) && !covers(stringOf(existing.get(scope)!.value), level))
      .flatMap(([scope, level]) => setPairValue(text, existing.get(scope)!, level) ?? []);
    const missing = grants.filter(([scope]) => !existing.has(scope));
    const inserted = missing.length > 0 ? insertIntoMap(text, value as YAMLMap, missing.map(([scope, level]) => `${scope}: ${level}`)) : undefined;
    return joinEdits(text, [...raised, ...(inserted ? [inserted] : [])]);
  }
  const current: Array<[string, string]> = isMap(value) ? pairsOf(value).map((p) => [String(p.key.value), stringOf(p.value) ?? '']) : [];
  if (isScalar(value) && stringOf(value) === 'read-all') current.push(['contents', 'read']);
  const merged = new Map(current);
  for (const [scope, level] of grants) if (!covers(merged.get(scope), level)) merged.set(scope, level);
  const flow = `{ ${[...merged].map(([scope, level]) => `${scope}: ${level}`).join(', ')} }`;
  // `permissions:` with nothing (or only a comment) after it: the value goes after the colon.
  return setPairValue(text, pair, flow) ?? { start: 0, end: 0, newText: '' };
}

/** Several edits as one (sorted, not overlapping): the text between them is kept as it is. */
export function joinEdits(text: string, edits: TextEdit[]): TextEdit {
  if (edits.length === 0) return { start: 0, end: 0, newText: '' };
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let newText = '';
  for (let i = 0; i < sorted.length; i++) {
    newText += sorted[i].newText;
    if (i + 1 < sorted.length) newText += text.slice(sorted[i].end, sorted[i + 1].start);
  }
  return { start: sorted[0].start, end: sorted.at(-1)!.end, newText };
}

export const checksOut = (job: JobModel): boolean => job.steps.some((s) => s.uses?.action === 'actions/checkout');
