import { isScalar } from 'yaml';
import { insertJobKey } from './jobEdits';
import { conditionExpression } from '../analysis/expressions';
import { fillEmptyValue, insertIntoMap } from './textEdits';
import type { TextEdit } from '../engine/types';
import type { JobModel, StepModel } from '../analysis/workflowModel';
import { pairsOf, type MapPair } from '../analysis/yamlNodes';

/** A YAML scalar for an `if:` value: plain when YAML reads it back unchanged, else single-quoted. */
export function yamlConditionText(condition: string): string {
  const plainSafe = /^[^\s!&*?|>'"%@`#,[\]{}-]/.test(condition) && !/: | #|:$|\s$/.test(condition);
  return plainSafe ? condition : `'${condition.replace(/'/g, "''")}'`;
}

/** The expression of an `if:` value, without `${{ }}`, on one line. */
export function conditionSource(value: unknown): string {
  const text = String(value).trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(text);
  return (wrapped ? wrapped[1] : text).replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Makes a block-style job run only when `condition` holds: adds `if: <condition>` (after `runs-on:`, else before
 * `steps:`), or joins it to an existing job-level `if:` with `&&`.
 */
export function requireJobCondition(text: string, job: JobModel, condition: string): TextEdit | undefined {
  const existing = job.pair('if');
  if (existing) return joinCondition(text, existing, condition);
  const runsOn = job.pair('runs-on');
  const line = `if: ${yamlConditionText(condition)}`;
  if (runsOn) return insertIntoMap(text, job.node, [line], { after: runsOn });
  return insertJobKey(text, job, [line]);
}

/** The same for one step of a block-style steps list: joins an existing `if:`, or adds one after the step's first key. */
export function requireStepCondition(text: string, step: StepModel, condition: string): TextEdit | undefined {
  if (step.ifPair) return joinCondition(text, step.ifPair, condition);
  const first = pairsOf(step.node)[0];
  return insertIntoMap(text, step.node, [`if: ${yamlConditionText(condition)}`], { after: first });
}

/**
 * Undefined when the existing condition is not an expression this reader can join to (a syntax error, or text mixed
 * with `${{ }}`, which GitHub reads as a non-empty string): `(…) && condition` would not be read as a conjunction
 * either, the finding would stay, and applying the fix again would wrap the condition again.
 */
function joinCondition(text: string, existing: MapPair, condition: string): TextEdit | undefined {
  if (isScalar(existing.value) && existing.value.range && existing.value.value !== null) {
    const merged = `(${conditionSource(existing.value.value)}) && ${condition}`;
    const read = conditionExpression(merged);
    if (read?.kind !== 'binary' || read.op !== '&&') return undefined;
    const [start, end] = existing.value.range;
    const trailingBreak = /\r?\n$/.exec(text.slice(start, end))?.[0] ?? '';
    return { start, end, newText: yamlConditionText(merged) + trailingBreak };
  }
  // `if:` with no value: write one after the colon.
  return fillEmptyValue(text, existing, yamlConditionText(condition));
}
