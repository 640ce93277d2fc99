import { lintWorkflow } from './lintWorkflow';
import { applyEdits } from '../edits/textEdits';
import type { Finding, Fix, LintOptions, TextEdit } from './types';

/**
 * Rules whose first fix is mechanical and cannot change what the workflow publishes or when: these are applied by
 * "Fix all" (`source.fixAll.trustedPublishing`) and `check --fix`. Fixes that move permissions, remove tokens or
 * change triggers stay one-at-a-time quick fixes, chosen by the user.
 */
export const SAFE_FIX_RULES: ReadonlySet<string> = new Set([
  'float-python-version',
  'deprecated-action-input',
  'sunset-action-ref',
  'checkout-persists-credentials',
  'permissions-without-contents',
  'missing-id-token',
  'bad-repository-url',
  'packages-dir-mismatch',
  'shallow-checkout-dynamic-version',
]);

/**
 * Whether two edits cannot go into one change: they overlap, or one is an insertion at the same offset as the other
 * or at its edge, where the order of the two texts is not defined (two insertions after `permissions:` would
 * run together).
 */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  const touches = (insert: TextEdit, other: TextEdit) => insert.start === insert.end && other.start <= insert.start && insert.start <= other.end;
  return touches(a, b) || touches(b, a);
}

/**
 * The edits of one round of "Fix all": the first fix of every finding of a safe rule, leaving out a fix whose edits
 * touch those of a fix already taken (the next round offers it again, on the changed text). The editor applies them
 * as one change, as `fixAll` does.
 */
export function fixAllEdits(findings: Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const finding of findings) {
    // The rule first: reading `fixes` builds them, and only the safe rules' are wanted here.
    if (!SAFE_FIX_RULES.has(finding.ruleId)) continue;
    const first = finding.fixes?.[0];
    if (!first || first.edits.length === 0) continue;
    if (first.edits.some((e) => taken.some((o) => editsOverlap(e, o)))) continue;
    taken.push(...first.edits);
  }
  return taken;
}

/** Applies every safe fix, re-checking between passes (a fix can move offsets of the next), until none is left. */
export function fixAll(text: string, options: LintOptions = {}): { text: string; applied: string[] } {
  const applied: string[] = [];
  let current = text;
  for (let pass = 0; pass < 5; pass++) {
    const fixable = lintWorkflow(current, options).findings.filter((f) => SAFE_FIX_RULES.has(f.ruleId) && f.fixes?.length);
    if (fixable.length === 0) break;
    const edits = fixAllEdits(fixable);
    const next = applyEdits(current, edits);
    if (next === current) break;
    applied.push(...fixable.filter((f) => f.fixes![0].edits.every((e) => edits.includes(e))).map((f) => f.ruleId));
    current = next;
  }
  return { text: current, applied };
}

/** Where an offset of a text can be after edits to it: one point, or the new text of the edit that replaced it. */
export function imageOf(edits: TextEdit[], offset: number): [number, number] {
  let shift = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.start < offset && offset < e.end) return [e.start + shift, e.start + shift + e.newText.length];
    if (e.end <= offset) shift += e.newText.length - (e.end - e.start);
  }
  return [offset + shift, offset + shift];
}

/** Whether `after` (a finding of the edited text) is `before` (of the text before the edits), moved by them. */
export function sameFinding(edits: TextEdit[], before: Finding, after: Finding): boolean {
  if (before.ruleId !== after.ruleId) return false;
  const [lo, hi] = imageOf(edits, before.range.start);
  return lo <= after.range.start && after.range.start <= hi;
}

/**
 * The fixes of a finding as the editor offers them: a fix that leaves new findings of other rules (granting
 * `id-token: write` makes a job one that needs an environment) says so in its title, so that the user knows the
 * work is not done. The check applies the fix and checks the result once; `findings` are those of `text`.
 */
export function fixesWithFollowUps(
  text: string,
  options: LintOptions,
  findings: Finding[],
  finding: Finding,
  check: (fixed: string) => Finding[] = (fixed) => lintWorkflow(fixed, options).findings,
): Fix[] {
  return (finding.fixes ?? []).map((fix) => {
    const after = check(applyEdits(text, fix.edits));
    const opened = [...new Set(after.filter((f) => f.ruleId !== finding.ruleId && !findings.some((b) => sameFinding(fix.edits, b, f))).map((f) => f.ruleId))];
    return opened.length === 0 ? fix : { ...fix, title: `${fix.title} (leaves ${opened.join(', ')} to fix next)` };
  });
}
