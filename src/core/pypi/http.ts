import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { fetch } from './undiciParts';
import { readLimitedText, ResponseTooLarge } from '../responseLimit';
import { err, ok, type Result } from '../result';
import { parseRetryAfter } from './retryAfter';
import type { PypiError } from './types';

/** What every request of one client shares. */
export interface HttpSettings {
  dispatcher: Dispatcher;
  userAgent: string;
  timeoutMs: number;
  retryDelayMs: number;
  /** Basic credentials taken from the base URL (private mirrors), sent to that origin only. */
  credentials?: { origin: string; authorization: string };
}

export interface JsonRequest {
  url: URL;
  /** Each index API has its own media type; PyPI negotiates on it. */
  accept: string;
  /** Names the resource in messages, e.g. `project "foo"`. */
  what: string;
}

type Attempt =
  | { kind: 'response'; status: number; contentType: string; retryAfter: string | null; text: string }
  | { kind: 'timeout' }
  | { kind: 'network'; detail: string }
  /** Asking again would bring the same flood: not retried. */
  | { kind: 'tooLarge'; detail: string };

/**
 * GET a JSON document. One retry after `retryDelayMs` on a 5xx or a network failure, which are usually passing; none
 * on 4xx (asking again gives the same answer) nor on a timeout (a stalled index would double the user's wait).
 */
export async function getJson(http: HttpSettings, request: JsonRequest): Promise<Result<unknown, PypiError>> {
  let outcome = await attempt(http, request);
  if (outcome.kind === 'network' || (outcome.kind === 'response' && outcome.status >= 500)) {
    await sleep(http.retryDelayMs);
    outcome = await attempt(http, request);
  }
  return interpret(outcome, request, http.timeoutMs);
}

async function attempt(http: HttpSettings, { url, accept }: JsonRequest): Promise<Attempt> {
  // One deadline for headers and body together: a server that sends headers and then stalls is just as stuck.
  const signal = AbortSignal.timeout(http.timeoutMs);
  const headers: Record<string, string> = { accept, 'user-agent': http.userAgent };
  if (http.credentials && url.origin === http.credentials.origin) headers.authorization = http.credentials.authorization;
  try {
    const response = await fetch(url, { headers, signal, dispatcher: http.dispatcher });
    const text = await readLimitedText(response as unknown as Response);
    return {
      kind: 'response',
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      retryAfter: response.headers.get('retry-after'),
      text,
    };
  } catch (error) {
    if (signal.aborted) return { kind: 'timeout' };
    if (error instanceof ResponseTooLarge) return { kind: 'tooLarge', detail: error.message };
    return { kind: 'network', detail: describeFailure(error) };
  }
}

function interpret(outcome: Attempt, { url, what }: JsonRequest, timeoutMs: number): Result<unknown, PypiError> {
  // The host only: a mirror's URL may carry credentials, and messages end up in the UI.
  const host = url.host;
  switch (outcome.kind) {
    case 'timeout':
      return err({ kind: 'Timeout', message: `${host} did not answer within ${formatDuration(timeoutMs)} (${what}).` });
    case 'network':
      return err({ kind: 'Network', message: `Could not reach ${host} (${outcome.detail}).` });
    case 'tooLarge':
      return err({ kind: 'Malformed', message: `${host} sent an answer about ${what} that is too large: ${outcome.detail}.` });
    case 'response':
      break;
  }
  const { status } = outcome;
  if (status === 404 || status === 410) return err({ kind: 'NotFound', message: `${host} has no ${what}.` });
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(outcome.retryAfter);
    const wait = retryAfterSeconds === undefined ? 'later' : `in ${retryAfterSeconds} s`;
    return err({ kind: 'RateLimited', retryAfterSeconds, message: `${host} is limiting requests; try again ${wait}.` });
  }
  if (status >= 500) return err({ kind: 'Server', status, message: `${host} failed with HTTP ${status} (${what}).` });
  // Other refusals (401, 403, 406...) have no kind of their own; they are the server's answer, like a 5xx.
  if (status < 200 || status >= 300) return err({ kind: 'Server', status, message: `${host} refused the request for ${what} (HTTP ${status}).` });
  try {
    return ok(JSON.parse(outcome.text) as unknown);
  } catch {
    // A mirror without the JSON simple API (PEP 691) answers with its HTML page whatever we ask for.
    const html = /html/i.test(outcome.contentType) ? ' It sent HTML; it may not support the JSON API.' : '';
    return err({ kind: 'Malformed', message: `${host} sent something other than JSON for ${what}.${html}` });
  }
}

/** undici wraps the reason in `cause` ("fetch failed" says nothing): prefer "connect ECONNREFUSED ..." and the like. */
function describeFailure(error: unknown): string {
  const cause = error instanceof Error ? (error as { cause?: unknown }).cause : undefined;
  for (const candidate of [cause, error]) {
    if (candidate instanceof Error) {
      if (candidate.message) return candidate.message;
      const code = (candidate as { code?: unknown }).code;
      if (typeof code === 'string') return code;
    }
  }
  return String(error);
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
