import { isMap, isScalar, type YAMLMap } from 'yaml';
import { indentUnit, insertIntoMap, replaceNode } from './textEdits';
import type { TextEdit } from './types';
import type { JobModel } from './workflowModel';
import { pairsOf, stringOf } from './yamlNodes';

/** Where a new job-level key reads best: before `steps:` when there is one, else at the end of the job. */
export function insertJobKey(text: string, job: JobModel, lines: string[]): TextEdit {
  const steps = job.pair('steps');
  return insertIntoMap(text, job.node, lines, steps ? { before: steps } : {});
}

/**
 * Makes a job's permissions grant `grants` (scope → level) on top of what it has: inserts the scopes into a block
 * map, rewrites a flow map or `read-all`-style scalar as a flow map, or adds a job-level block.
 */
export function grantJobPermissions(text: string, job: JobModel, grants: Array<[string, string]>): TextEdit {
  const pair = job.pair('permissions');
  const unit = indentUnit(text);
  if (!pair) return insertJobKey(text, job, ['permissions:', ...grants.map(([scope, level]) => `${unit}${scope}: ${level}`)]);
  const value = pair.value;
  if (isMap(value) && !value.flow && value.items.length > 0) {
    const existing = new Set(pairsOf(value).map((p) => String(p.key.value)));
    const missing = grants.filter(([scope]) => !existing.has(scope));
    return insertIntoMap(text, value as YAMLMap, missing.map(([scope, level]) => `${scope}: ${level}`));
  }
  const current: Array<[string, string]> = isMap(value) ? pairsOf(value).map((p) => [String(p.key.value), stringOf(p.value) ?? '']) : [];
  if (isScalar(value) && stringOf(value) === 'read-all') current.push(['contents', 'read']);
  const merged = new Map(current);
  for (const [scope, level] of grants) if (merged.get(scope) !== 'write') merged.set(scope, level);
  const flow = `{ ${[...merged].map(([scope, level]) => `${scope}: ${level}`).join(', ')} }`;
  if (value && value.range) return replaceNode(value, flow);
  // `permissions:` with nothing after it.
  const end = pair.key.range?.[2] ?? pair.key.range?.[1] ?? 0;
  return { start: end, end, newText: ` ${flow}` };
}

export const checksOut = (job: JobModel): boolean => job.steps.some((s) => s.uses?.action === 'actions/checkout');
