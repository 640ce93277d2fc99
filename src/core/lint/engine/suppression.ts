import { isPair, isScalar, isSeq, visit, type Document } from 'yaml';
import { lineEnd, lineStart, newlineOf } from '../edits/textEdits';
import type { Finding, Fix } from './types';
import { parseWorkflow } from '../analysis/workflowModel';

const IGNORE = /#\s*trusted-publishing:\s*ignore\[([^\]]*)\]/g;
/** A line that holds nothing but an ignore comment. */
const IGNORE_LINE = /^([ \t]*)#\s*trusted-publishing:\s*ignore\[([^\]]*)\][ \t]*$/;

/**
 * Reads `# trusted-publishing: ignore[rule-id, other-id]` comments. A comment silences those rules on its own line
 * and on the line below it (so it can stand above the offending line, or at its end).
 */
export function suppressedRules(text: string): Map<number, Set<string>> {
  const byLine = new Map<number, Set<string>>();
  // Most workflows have no such comment: then no line needs reading (this runs on every keystroke's check).
  if (!text.includes('trusted-publishing:')) return byLine;
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(IGNORE)) {
      const ids = match[1].split(',').map((id) => id.trim()).filter(Boolean);
      for (const target of [index, index + 1]) {
        const set = byLine.get(target) ?? new Set<string>();
        ids.forEach((id) => set.add(id));
        byLine.set(target, set);
      }
    }
  });
  return byLine;
}

/**
 * A `#` inside a block scalar (`run: |`, `run: >-`) or a scalar written over several lines is text, not a comment:
 * a comment there would change the script (in a folded scalar it would swallow the command). For a finding inside
 * such a scalar, the line that counts is that of the key (or the `-` item) that owns the scalar: a comment above it
 * or at its end silences the finding.
 */
export interface ScalarOwner {
  /** The scalar's first and last offsets. */
  start: number;
  end: number;
  /** Where its key (or its sequence item) starts. */
  owner: number;
}

export function multiLineScalars(document: Document.Parsed, text: string): ScalarOwner[] {
  const found: ScalarOwner[] = [];
  const add = (node: unknown, owner: number | undefined) => {
    if (!isScalar(node) || !node.range || owner === undefined) return;
    const [start, end] = node.range;
    if (!text.slice(start, end).includes('\n')) return;
    found.push({ start, end, owner: Math.min(owner, start) });
  };
  visit(document, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key)) add(pair.value, pair.key.range?.[0]);
    },
    Seq(_, seq) {
      if (isSeq(seq)) for (const item of seq.items) add(item, isScalar(item) ? item.range?.[0] : undefined);
    },
  });
  return found;
}

/** The offset whose line a suppression comment refers to for a finding starting at `offset`. */
export function anchorOf(scalars: ScalarOwner[], offset: number): number {
  const inside = scalars.find((s) => s.owner <= offset && offset < s.end);
  return inside ? inside.owner : offset;
}

export function isSuppressed(finding: Finding, suppressed: Map<number, Set<string>>, lineOf: (offset: number) => number, scalars: ScalarOwner[] = []): boolean {
  if (suppressed.size === 0) return false;
  const lines = new Set([lineOf(finding.range.start), lineOf(anchorOf(scalars, finding.range.start))]);
  return [...lines].some((line) => {
    const ids = suppressed.get(line);
    return !!ids && (ids.has(finding.ruleId) || ids.has('*'));
  });
}

/**
 * "Ignore <rule> on this line": a comment line above the finding's line, in its indentation and the file's line
 * endings; above the key that owns a multi-line scalar when the finding is inside one; added to an ignore comment
 * already standing there. Undefined for a file that does not parse (its findings cannot be silenced).
 */
export function ignoreFix(text: string, finding: Finding): Fix | undefined {
  // Offered for every finding on screen: the parse is the one the checks just made of this text.
  const { document, workflow } = parseWorkflow(text);
  if (!workflow) return undefined;
  const title = `Ignore ${finding.ruleId} on this line`;
  const at = lineStart(text, anchorOf(multiLineScalars(document, text), Math.min(finding.range.start, text.length)));
  if (at > 0) {
    const previousStart = lineStart(text, at - 1);
    const previousEnd = lineEnd(text, previousStart);
    const existing = IGNORE_LINE.exec(text.slice(previousStart, previousEnd));
    if (existing) {
      const ids = existing[2].split(',').map((id) => id.trim()).filter(Boolean);
      if (ids.includes(finding.ruleId) || ids.includes('*')) return undefined;
      const close = text.lastIndexOf(']', previousEnd);
      return { title, edits: [{ start: close, end: close, newText: `${existing[2].trim() === '' ? '' : ', '}${finding.ruleId}` }] };
    }
  }
  const indent = /^[ \t]*/.exec(text.slice(at, lineEnd(text, at)))![0];
  return { title, edits: [{ start: at, end: at, newText: `${indent}# trusted-publishing: ignore[${finding.ruleId}]${newlineOf(text)}` }] };
}
