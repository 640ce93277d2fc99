import type { Finding } from './types';

const IGNORE = /#\s*trusted-publishing:\s*ignore\[([^\]]*)\]/g;

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

export function isSuppressed(finding: Finding, suppressed: Map<number, Set<string>>, lineOf: (offset: number) => number): boolean {
  if (suppressed.size === 0) return false;
  const ids = suppressed.get(lineOf(finding.range.start));
  return !!ids && (ids.has(finding.ruleId) || ids.has('*'));
}
