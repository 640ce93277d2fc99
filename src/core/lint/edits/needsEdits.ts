import { isScalar, isSeq, type YAMLSeq } from 'yaml';
import { insertJobKey } from './jobEdits';
import { columnOf, fillEmptyValue, hasEmptyValue, lineEnd, replaceNode } from './textEdits';
import type { TextEdit } from '../engine/types';
import type { JobModel } from '../analysis/workflowModel';
import { stringOf } from '../analysis/yamlNodes';

/** Adds a job id to a job's `needs:` in the form it is written in (none, scalar, flow list or block list). */
export function addNeeds(text: string, job: JobModel, id: string): TextEdit | undefined {
  const pair = job.pair('needs');
  if (!pair) return insertJobKey(text, job, [`needs: [${id}]`]);
  const value = pair.value;
  // `needs:` with nothing after it: `[id]` goes after the colon (`needs:[id]` would be another key).
  if (hasEmptyValue(pair)) return fillEmptyValue(text, pair, `[${id}]`);
  if (isScalar(value) && value.range) {
    const current = stringOf(value);
    return current ? replaceNode(value, `[${current}, ${id}]`) : replaceNode(value, `[${id}]`);
  }
  if (isSeq(value) && value.range) {
    const seq = value as YAMLSeq;
    const last = seq.items.at(-1) as { range?: [number, number, number] } | undefined;
    if (seq.flow) {
      const end = value.range[1];
      if (text[end - 1] !== ']') return undefined;
      if (!last?.range) return replaceNode(value, `[${id}]`);
      return { start: last.range[1], end: last.range[1], newText: `, ${id}` };
    }
    if (!last?.range) return undefined;
    const dash = text.lastIndexOf('-', last.range[0]);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const at = lineEnd(text, last.range[1]);
    return { start: at, end: at, newText: `${eol}${' '.repeat(columnOf(text, dash))}- ${id}` };
  }
  return undefined;
}
