/**
 * VS Code's `authentication.getSession` cannot be aborted: when its prompt is never answered (a dialog behind the
 * window, a browser tab closed halfway), the promise stays pending for as long as the window lives. The wizard does
 * not wait on it alone: it races the answer against the user's Cancel and a time limit, and once one of them has
 * won, an answer that comes later is ignored (the promise it settles is already settled).
 */

/** How long the wizard waits for a sign-in before it says so and lets the user try again. */
export const SIGN_IN_TIMEOUT_MS = 2 * 60 * 1000;

export type RaceOutcome<T> = { kind: 'answer'; value: T } | { kind: 'cancelled' } | { kind: 'timeout' };

/** The timer functions the race uses (injected in tests). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A cancel switch: `cancel()` settles `cancelled`, once; later calls do nothing. */
export class Cancellation {
  private resolve!: () => void;
  private done = false;
  readonly cancelled = new Promise<void>((resolve) => (this.resolve = resolve));

  cancel(): void {
    if (this.done) return;
    this.done = true;
    this.resolve();
  }

  get isCancelled(): boolean {
    return this.done;
  }
}

/**
 * The first of: the answer (or its error), a cancel, the time limit. The timer is cleared whichever wins, so a
 * finished race keeps nothing alive.
 */
export function raceSignIn<T>(answer: Promise<T>, options: { cancellation: Cancellation; timeoutMs?: number; timers?: Timers }): Promise<RaceOutcome<T>> {
  const timers = options.timers ?? realTimers;
  let handle: unknown;
  const timeout = new Promise<RaceOutcome<T>>((resolve) => {
    handle = timers.setTimeout(() => resolve({ kind: 'timeout' }), options.timeoutMs ?? SIGN_IN_TIMEOUT_MS);
  });
  const cancelled = options.cancellation.cancelled.then((): RaceOutcome<T> => ({ kind: 'cancelled' }));
  const answered = answer.then((value): RaceOutcome<T> => ({ kind: 'answer', value }));
  return Promise.race([answered, cancelled, timeout]).finally(() => timers.clearTimeout(handle));
}
