import { lintWorkflow } from './lintWorkflow';
import { applyEdits } from './textEdits';
import type { LintOptions } from './types';

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

/** Applies every safe fix, re-checking between passes (a fix can move offsets of the next), until none is left. */
export function fixAll(text: string, options: LintOptions = {}): { text: string; applied: string[] } {
  const applied: string[] = [];
  let current = text;
  for (let pass = 0; pass < 5; pass++) {
    const fixable = lintWorkflow(current, options).findings.filter((f) => SAFE_FIX_RULES.has(f.ruleId) && f.fixes?.length);
    if (fixable.length === 0) break;
    const next = applyEdits(current, fixable.flatMap((f) => f.fixes![0].edits));
    if (next === current) break;
    applied.push(...fixable.map((f) => f.ruleId));
    current = next;
  }
  return { text: current, applied };
}
