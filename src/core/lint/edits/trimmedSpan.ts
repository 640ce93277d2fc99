import type { Node } from 'yaml';
import type { Span } from '../engine/types';
import { spanOf } from '../analysis/yamlNodes';

/**
 * A node's span without the line break, blank lines and comments that the range of a block node (a block scalar, a
 * block list) runs on to: the squiggle stops where the value's text stops.
 */
export function trimmedSpanOf(text: string, node: Node | null | undefined): Span {
  const span = spanOf(node);
  const source = text.slice(span.start, span.end).replace(/(\s*\n[ \t]*#[^\n]*)*\s*$/, '');
  return { start: span.start, end: span.start + Math.max(source.length, Math.min(1, span.end - span.start)) };
}
