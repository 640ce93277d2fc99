import type { Fix } from './types';

type Build = (...args: readonly unknown[]) => Fix[] | undefined;

/**
 * Fixes built on the first read of a finding's `fixes`: most findings are read and never fixed, and a fix that
 * rewrites a job costs more than finding the problem.
 *
 * Data, not a closure: a function and its arguments. A closure made inside a rule's check keeps that check's whole
 * scope, parse included, and V8 kept such closures alive across later checks. Each parse they held survived the
 * young-generation collections and was promoted to the old generation, where collecting it cost a tenth of a check's
 * time.
 */
export class FixesLater {
  constructor(
    private readonly build: Build,
    private readonly args: readonly unknown[],
  ) {}

  /** The fixes; none, or none that applies, is undefined, as when a rule offers none. */
  make(): Fix[] | undefined {
    const fixes = this.build(...this.args);
    return fixes && fixes.length > 0 ? fixes : undefined;
  }
}

/** `fixes: later(pinFixes, text, workflow, uses)`: the fixes `pinFixes(text, workflow, uses)` returns, built when read. */
export const later = <A extends unknown[]>(build: (...args: A) => Fix[] | undefined, ...args: A): FixesLater =>
  new FixesLater(build as unknown as Build, args);
