import { isMap, isScalar, type YAMLMap } from 'yaml';
import { indentUnit, insertIntoMap, lineEnd, removePair, replaceNode, setPairValue } from './textEdits';
import type { TextEdit } from '../engine/types';
import type { StepModel } from '../analysis/workflowModel';
import { pairOf, pairsOf, type MapPair } from '../analysis/yamlNodes';

/**
 * Minimal edits of a step's `with:` inputs, in the file's own layout: set one input (replacing its value, adding it
 * to a block or flow `with:`, or creating `with:` after `uses:`), or remove one (with `with:` itself when it would be
 * left empty). Undefined when the layout is one these edits cannot change safely (a step written as a flow map).
 */

/** Sets `with.<key>` of a step to `value` (YAML source text, e.g. `false`, `0`, `dist/`). */
export function setStepInput(text: string, step: StepModel, key: string, value: string): TextEdit | undefined {
  const existing = step.inputs.get(key);
  if (existing) {
    // `key:` with no value: written after the colon.
    return setPairValue(text, existing, value);
  }
  const withValue = step.withPair?.value;
  if (step.withPair) {
    if (isMap(withValue) && withValue.items.length > 0) {
      if (!withValue.flow) return insertIntoMap(text, withValue as YAMLMap, [`${key}: ${value}`]);
      return insertIntoFlowMap(text, withValue as YAMLMap, `${key}: ${value}`);
    }
    // `with:` empty or `with: {}`.
    if (withValue && withValue.range && !(isScalar(withValue) && withValue.value === null)) return replaceNode(withValue, `{ ${key}: ${value} }`);
    if (step.node.flow) return undefined;
    const unit = indentUnit(text);
    const at = lineEnd(text, step.withPair.key.range?.[1] ?? 0);
    const column = (step.withPair.key.range?.[0] ?? 0) - text.lastIndexOf('\n', (step.withPair.key.range?.[0] ?? 1) - 1) - 1;
    return { start: at, end: at, newText: `\n${' '.repeat(column)}${unit}${key}: ${value}`.replace(/\n/g, eolOf(text)) };
  }
  if (step.node.flow) return undefined;
  const uses = pairOf(step.node, 'uses');
  const unit = indentUnit(text);
  return insertIntoMap(text, step.node, ['with:', `${unit}${key}: ${value}`], uses ? { after: uses } : {});
}

/** Removes `with.<key>` (and `with:` when nothing else is left in it). */
export function removeStepInputs(text: string, step: StepModel, keys: string[]): TextEdit[] | undefined {
  const withValue = step.withPair?.value;
  if (!step.withPair || !isMap(withValue) || withValue.flow) return undefined;
  const pairs = keys.map((k) => step.inputs.get(k)).filter((p): p is MapPair => p !== undefined);
  if (pairs.length === 0) return undefined;
  if (pairsOf(withValue).every((p) => pairs.includes(p)) && !step.node.flow) return [removePair(text, step.withPair)];
  return pairs.map((p) => removePair(text, p));
}

function insertIntoFlowMap(text: string, map: YAMLMap, entry: string): TextEdit | undefined {
  const end = map.range?.[1];
  if (end === undefined || text[end - 1] !== '}') return undefined;
  const inner = text.slice(map.range![0] + 1, end - 1);
  const at = end - 1 - (inner.length - inner.trimEnd().length);
  return { start: at, end: at, newText: `, ${entry}` };
}

const eolOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');
