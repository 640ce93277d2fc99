import { isScalar, type Node, type YAMLMap } from 'yaml';
import type { TextEdit } from '../engine/types';
import { pairsOf, type MapPair } from '../analysis/yamlNodes';

/**
 * Minimal text edits on YAML source, in the file's own indentation and line endings. The yaml library's printer
 * would drop the user's layout and some comments, so fixes never re-print: they insert, replace or delete lines.
 */

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the line break ending the line of `offset` (the `\r` of a CRLF), or the text's end. */
export function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  if (end === -1) return text.length;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

/** The offset just after the line break (LF or CRLF) that ends the line of `offset`, or the text's end. */
export function nextLineStart(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

export function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The file's indentation step: the smallest positive indentation of a mapping key line, else two spaces. */
export function indentUnit(text: string): string {
  // Asked once per fix, and fixes are computed for every finding: remember the answer for the text at hand, or a
  // workflow with many findings costs findings × length.
  if (text === lastIndent.text) return lastIndent.unit;
  lastIndent = { text, unit: measureIndentUnit(text) };
  return lastIndent.unit;
}

let lastIndent = { text: '', unit: '  ' };

function measureIndentUnit(text: string): string {
  let smallest = Infinity;
  for (const match of text.matchAll(/^( +)[^\s#-]/gm)) if (match[1].length < smallest) smallest = match[1].length;
  return ' '.repeat(Number.isFinite(smallest) ? smallest : 2);
}

/** The column at which the keys of a block map start. */
export function keyColumn(text: string, map: YAMLMap): number {
  const first = pairsOf(map)[0];
  return columnOf(text, first?.key.range?.[0] ?? map.range?.[0] ?? 0);
}

/**
 * Inserts `lines` (already relative-indented with `indentUnit`, first line at the map's key level) as new keys of
 * a block map: after the pair `after`, or before the pair `before`, or after the map's last pair.
 */
export function insertIntoMap(text: string, map: YAMLMap, lines: string[], where: { after?: MapPair; before?: MapPair } = {}): TextEdit {
  const eol = newlineOf(text);
  const indent = ' '.repeat(keyColumn(text, map));
  const block = lines.map((l) => (l === '' ? '' : indent + l));
  if (where.before?.key.range) {
    const at = lineStart(text, where.before.key.range[0]);
    return { start: at, end: at, newText: block.join(eol) + eol };
  }
  const anchor = where.after ?? pairsOf(map).at(-1);
  const endOfValue = endOfNode(anchor?.value ?? anchor?.key ?? null, map);
  const at = lineEnd(text, Math.max(endOfValue - 1, 0));
  return { start: at, end: at, newText: eol + block.join(eol) };
}

/**
 * Gives a `key:` that has no value one: writes ` newText` right after the colon, so that YAML reads it as the value
 * of the same key (`key:newText` would be another key) and a trailing comment keeps its space before the `#`.
 * Undefined when no colon follows the key on its line (an explicit `? key` entry).
 */
export function fillEmptyValue(text: string, pair: MapPair, newText: string): TextEdit | undefined {
  const keyEnd = pair.key.range?.[1];
  if (keyEnd === undefined) return undefined;
  const colon = /^[ \t]*:/.exec(text.slice(keyEnd, lineEnd(text, keyEnd)));
  if (!colon) return undefined;
  const at = keyEnd + colon[0].length;
  const after = text[at];
  const spaceAfter = after === undefined || after === '\r' || after === '\n' || after === ' ' || after === '\t' ? '' : ' ';
  return { start: at, end: at, newText: ` ${newText}${spaceAfter}` };
}

/** Whether a pair's value is missing or empty (`key:` with nothing, or only a comment, after it). */
export function hasEmptyValue(pair: MapPair): boolean {
  const value = pair.value;
  return !value || (isScalar(value) && value.value === null && value.range?.[0] === value.range?.[1]);
}

/** Sets a pair's value: replaces the value text, or fills an empty `key:`. */
export function setPairValue(text: string, pair: MapPair, newText: string): TextEdit | undefined {
  if (!hasEmptyValue(pair) && pair.value?.range) return replaceNode(pair.value, newText);
  return fillEmptyValue(text, pair, newText);
}

/** Replaces a node's value text (not its trailing comment). */
export function replaceNode(node: Node, newText: string): TextEdit {
  const [start, end] = node.range ?? [0, 0];
  return { start, end, newText };
}

/**
 * Deletes a `key: value` pair of a block map with the whole lines it stands on (its own trailing comment goes with
 * it; comments on other lines stay).
 */
export function removePair(text: string, pair: MapPair): TextEdit {
  const keyStart = pair.key.range?.[0] ?? 0;
  const start = lineStart(text, keyStart);
  const valueEnd = endOfNode(pair.value ?? pair.key, undefined);
  return { start, end: nextLineStart(text, Math.max(valueEnd - 1, keyStart)), newText: '' };
}

/** The end offset of a node's value (before trailing blank lines and comments). */
function endOfNode(node: Node | null, fallback: YAMLMap | undefined): number {
  return node?.range?.[1] ?? fallback?.range?.[1] ?? 0;
}

/** Applies non-overlapping edits to a text (for tests and the command line's --fix). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) continue; // overlaps an edit already applied: skip, the next lint run offers it again
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}
