// Small helpers the harness shares: paths, a clock for log lines, and polling with deadlines.
// Nothing here waits a fixed time for something to happen: every wait polls a condition until a deadline.
import * as fs from 'fs';
import * as path from 'path';

/** The repository root (this file runs from out/test/harness/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Everything a run writes: server user-data-dirs, TMPDIR, workspaces, screenshots, the VSIX. Git-ignored. */
export const WORK_DIR = path.resolve(process.env.VSCODE_TEST_WORK ?? path.join(ROOT, '.vscode-test-work'));

/** Where scripts/vscode-host/setup.sh installed Node 24 and code-server. */
export const HOST_DIR = path.resolve(process.env.VSCODE_HOST_DIR ?? path.join(ROOT, '.vscode-test', 'host'));

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/lib/chromium/chromium';

const started = Date.now();

/** A log line prefixed with the seconds since the harness started. */
export function log(...parts: unknown[]): void {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s]`, ...parts);
}

export function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class TimeoutError extends Error {
  constructor(what: string, ms: number, detail?: string) {
    super(`timed out after ${ms} ms waiting for ${what}${detail ? `: ${detail}` : ''}`);
    this.name = 'TimeoutError';
  }
}

export interface PollOptions {
  /** What is being waited for, for the error message (a function is read at the deadline, with the last state). */
  what: string | (() => string);
  timeoutMs: number;
  intervalMs?: number;
  /** Checked before each probe: a message here stops the wait at once (e.g. the server process exited). */
  failFast?: () => string | undefined;
}

/**
 * Calls `probe` until it returns a value other than undefined, or throws a TimeoutError at the deadline.
 * A probe that throws counts as "not yet"; the last error is reported on timeout.
 */
export async function poll<T>(probe: () => Promise<T | undefined> | T | undefined, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 200;
  const what = (): string => (typeof options.what === 'function' ? options.what() : options.what);
  let lastError: unknown;
  for (;;) {
    const fatal = options.failFast?.();
    if (fatal !== undefined) throw new Error(`gave up waiting for ${what()}: ${fatal}`);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new TimeoutError(what(), options.timeoutMs, lastError === undefined ? undefined : String(lastError));
    }
    await delay(Math.min(interval, Math.max(0, deadline - Date.now())));
  }
}

/** Rejects with a TimeoutError when `promise` has not settled after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The last `lines` lines of a text file, or '' when it cannot be read. */
export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** A file-system-safe name for screenshots and folders. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
