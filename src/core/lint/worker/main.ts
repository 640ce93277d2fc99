import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { CHECK_WORKER_ROLE } from './protocol';
import { serveChecks } from './serve';

let serving = false;

/** The check worker's entry: loaded in a worker thread started with the checks' role, it answers check requests. */
export function startIfCheckWorker(): boolean {
  if (serving) return true;
  if (isMainThread || !parentPort || (workerData as { role?: string } | undefined)?.role !== CHECK_WORKER_ROLE) return false;
  serveChecks(parentPort);
  serving = true;
  return true;
}

// Loaded in the check worker (as its script in tests, or with dist/extension.js): serve at once.
startIfCheckWorker();
