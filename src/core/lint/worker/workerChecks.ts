import { Worker } from 'node:worker_threads';
import type { WorkflowPublishing } from '../analysis/publishingSummary';
import type { Finding, Fix, LintOptions, Span, TextEdit } from '../engine/types';
import { CHECK_WORKER_ROLE, type WorkerAnswer, type WorkerRequest } from './protocol';

/**
 * From this many characters a workflow is checked in the worker. Measured on this project's real workflows copied
 * until large: a check takes about 25 ms at 64 KiB, 50 ms at 128 KiB, 0.5 to 1 s at 1 MiB (more on a busy machine),
 * and building every fix of a 1 MiB file as long again. Real workflows are under 20 KiB and stay on the main thread,
 * where a check costs a few milliseconds and no round trip.
 */
export const WORKER_THRESHOLD = 64 * 1024;

/** A check that runs longer than this is taken for a hung worker: the worker is stopped and the check fails. */
const DEFAULT_TIMEOUT_MS = 60_000;

export type CheckOutcome =
  | { kind: 'checked'; findings: Finding[]; summary: WorkflowPublishing }
  /** A newer text of the same file came while this one waited or ran: its result would be stale. */
  | { kind: 'superseded' }
  | { kind: 'failed'; message: string };

export interface WorkerChecksOptions {
  /** The script the worker runs: one that calls `startIfCheckWorker()` (src/core/lint/worker/main.ts) when loaded. */
  script: string;
  log?: (line: string) => void;
  timeoutMs?: number;
}

type Question = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/**
 * Checks large workflow texts in a `worker_threads` Worker, so that a check of a megabyte never holds the thread
 * that asked (the editor's extension host, shared by every extension). The worker is started on the first request
 * and reused; one check per file runs at a time, and a newer text of the file replaces the one waiting (no pile of
 * stale checks behind a slow one). A worker that crashes or hangs fails the requests it had, with a log line, and
 * the next request starts a fresh one.
 */
export class WorkerChecks {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (answer: WorkerAnswer) => void; timer: ReturnType<typeof setTimeout>; parts: Finding[][] }>();
  /** Per file: whether a check of it is in the worker, and the newest text waiting for its turn. */
  private readonly files = new Map<string, { running: boolean; next?: { question: Question; resolve: (outcome: CheckOutcome) => void } }>();
  private disposed = false;

  constructor(private readonly options: WorkerChecksOptions) {}

  /** Checks `text` (the current text of the file `key`); resolves `superseded` when a newer text came meanwhile. */
  check(key: string, text: string, options: LintOptions, fileName = key): Promise<CheckOutcome> {
    return new Promise((resolve) => {
      let file = this.files.get(key);
      if (!file) this.files.set(key, (file = { running: false }));
      file.next?.resolve({ kind: 'superseded' });
      file.next = { question: { kind: 'check', text, options, fileName }, resolve };
      if (!file.running) void this.runNext(key);
    });
  }

  /** The fixes of one finding (named by rule and range), with follow-ups, and its "ignore" fix, built in the worker. */
  async actions(text: string, options: LintOptions, across: Finding[], target: { ruleId: string } & Span): Promise<{ fixes: Fix[]; ignore?: Fix } | undefined> {
    const answer = await this.ask({ kind: 'actions', text, options, across, target });
    return answer.kind === 'actions' ? { fixes: answer.fixes, ignore: answer.ignore } : undefined;
  }

  /** The edits of "fix all" for `text`, built in the worker. */
  async fixAll(text: string, options: LintOptions, across: Finding[]): Promise<TextEdit[] | undefined> {
    const answer = await this.ask({ kind: 'fixAll', text, options, across });
    return answer.kind === 'fixAll' ? answer.edits : undefined;
  }

  /** What a large workflow publishes (for the checks that compare a folder's workflows), read in the worker. */
  async summary(text: string, fileName: string): Promise<WorkflowPublishing | undefined> {
    const answer = await this.ask({ kind: 'summary', text, fileName });
    return answer.kind === 'summary' ? answer.summary : undefined;
  }

  /** Stops the worker; requests still waiting fail. */
  dispose(): void {
    this.disposed = true;
    this.lost(this.worker, 'the checks were stopped');
  }

  private async runNext(key: string): Promise<void> {
    const file = this.files.get(key);
    const next = file?.next;
    if (!file || !next) {
      this.files.delete(key);
      return;
    }
    file.next = undefined;
    file.running = true;
    const answer = await this.ask(next.question);
    file.running = false;
    if (file.next) next.resolve({ kind: 'superseded' });
    else if (answer.kind === 'check') next.resolve({ kind: 'checked', findings: answer.findings, summary: answer.summary });
    else next.resolve({ kind: 'failed', message: answer.kind === 'failed' ? answer.message : `unexpected answer ${answer.kind}` });
    void this.runNext(key);
  }

  private ask(question: Question): Promise<WorkerAnswer> {
    const id = this.nextId++;
    if (this.disposed) return Promise.resolve({ id, kind: 'failed', message: 'the checks were stopped' });
    let worker: Worker;
    try {
      worker = this.started();
    } catch (error) {
      return Promise.resolve({ id, kind: 'failed', message: `the check worker could not start: ${messageOf(error)}` });
    }
    return new Promise((resolve) => {
      const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const timer = setTimeout(() => this.lost(worker, `a check took more than ${timeoutMs / 1000} s`), timeoutMs);
      this.waiting.set(id, { resolve, timer, parts: [] });
      try {
        worker.postMessage({ ...question, id } as WorkerRequest);
      } catch (error) {
        // Options that cannot be copied to the worker (not plain data): this request fails, the worker stays.
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve({ id, kind: 'failed', message: `the check could not be sent to the worker: ${messageOf(error)}` });
      }
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.script, { workerData: { role: CHECK_WORKER_ROLE } });
    // An idle worker does not keep a process alive (the command line, a test run); a waiting request's timer does.
    worker.unref();
    worker.on('message', (answer: WorkerAnswer) => {
      const waiting = this.waiting.get(answer.id);
      if (!waiting) return;
      if (answer.kind === 'findings') {
        waiting.parts.push(answer.findings);
        return;
      }
      if (answer.kind === 'check' && waiting.parts.length > 0) answer.findings = [...waiting.parts.flat(), ...answer.findings];
      this.waiting.delete(answer.id);
      clearTimeout(waiting.timer);
      if (answer.kind === 'failed') this.options.log?.(`A background check failed: ${answer.message}`);
      waiting.resolve(answer);
    });
    worker.on('error', (error) => this.lost(worker, `the check worker crashed: ${messageOf(error)}`));
    worker.on('exit', (code) => this.lost(worker, `the check worker exited (code ${code})`));
    this.worker = worker;
    return worker;
  }

  /** The worker is gone (crashed, hung, stopped): every request it had fails, and the next one starts a new worker. */
  private lost(worker: Worker | undefined, reason: string): void {
    if (!worker || worker !== this.worker) return;
    this.worker = undefined;
    void worker.terminate();
    if (!this.disposed || this.waiting.size > 0) this.options.log?.(`Large workflow checks: ${reason}.${this.waiting.size > 0 ? ` ${this.waiting.size} request(s) failed.` : ''}`);
    for (const [id, { resolve, timer }] of this.waiting) {
      clearTimeout(timer);
      resolve({ id, kind: 'failed', message: reason });
    }
    this.waiting.clear();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
