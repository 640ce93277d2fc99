import { MalformedResponse, isRecord } from './responses';
import { RequestTimeout } from './timeout';
import type { GitHubError } from './types';

/** What a failed call was about, for the message: "octocat/hello-world", "environment pypi of octocat/hello-world". */
export interface ErrorContext {
  target: string;
  baseUrl: string;
  token: string;
}

/** The parts of octokit's RequestError this code reads, duck-typed because octokit is loaded lazily. */
interface HttpFailure {
  status: number;
  message: string;
  response?: { status: number; headers: Record<string, string | number | undefined>; data: unknown };
}

function isHttpFailure(error: unknown): error is HttpFailure {
  return error instanceof Error && error.name === 'HttpError' && typeof (error as Partial<HttpFailure>).status === 'number';
}

/** Whether a call failed with this HTTP status (used to treat 404 as "absent" where absence is expected). */
export function hasStatus(error: unknown, status: number): boolean {
  return isHttpFailure(error) && error.response?.status === status;
}

/** GitHub's own explanation from an error body: `message`, plus the details of `errors` for 422s. */
function gitHubMessage(data: unknown): string | undefined {
  if (!isRecord(data) || typeof data.message !== 'string') return undefined;
  const details = (Array.isArray(data.errors) ? data.errors : [])
    .map((item) => (typeof item === 'string' ? item : isRecord(item) ? (item.message ?? [item.code, item.field].filter(Boolean).join(' ')) : undefined))
    .filter((item): item is string => typeof item === 'string' && item !== '');
  return details.length > 0 ? `${data.message}: ${details.join('; ')}` : data.message;
}

function header(headers: Record<string, string | number | undefined>, name: string): string | undefined {
  const value = headers[name];
  return value === undefined ? undefined : String(value);
}

/**
 * GitHub's rate-limit answers (REST docs, "Rate limits for the REST API"): 403 or 429, with `retry-after` (secondary
 * limits) or `x-ratelimit-remaining: 0` and `x-ratelimit-reset` in epoch seconds (primary limit). Returns undefined
 * when the answer is not a rate limit; otherwise when it ends, if GitHub said.
 */
function rateLimit(failure: HttpFailure, now: number): { resetAt?: Date } | undefined {
  const { status, headers, data } = failure.response!;
  const retryAfter = header(headers, 'retry-after');
  const remaining = header(headers, 'x-ratelimit-remaining');
  const message = isRecord(data) && typeof data.message === 'string' ? data.message : '';
  const limited = status === 429 || (status === 403 && (retryAfter !== undefined || remaining === '0' || /rate limit/i.test(message)));
  if (!limited) return undefined;
  if (retryAfter !== undefined && Number.isFinite(Number(retryAfter))) return { resetAt: new Date(now + Number(retryAfter) * 1000) };
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? { resetAt: new Date(reset * 1000) } : {};
}

function waitInWords(resetAt: Date | undefined, now: number): string {
  if (!resetAt) return 'try again later';
  const seconds = Math.max(0, Math.ceil((resetAt.getTime() - now) / 1000));
  return seconds < 90 ? `try again in ${seconds} s` : `try again in ${Math.ceil(seconds / 60)} min`;
}

function describe(error: unknown, context: ErrorContext, now: number): GitHubError {
  const { target } = context;
  const host = new URL(context.baseUrl).host;
  if (error instanceof RequestTimeout) {
    return { kind: 'Network', message: `GitHub (${host}) did not answer within ${error.timeoutMs / 1000} s about ${target}.` };
  }
  if (error instanceof MalformedResponse) {
    return { kind: 'Server', status: 200, message: `GitHub's answer about ${target} could not be read: ${error.message}.` };
  }
  if (!isHttpFailure(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'Network', message: `Talking to GitHub (${host}) about ${target} failed: ${reason}` };
  }
  // octokit reports a fetch that never got an answer (DNS, refused, reset) as status 500 without a response.
  if (!error.response) return { kind: 'Network', message: `Could not reach GitHub (${host}) about ${target}: ${error.message}` };

  const { status } = error.response;
  const said = gitHubMessage(error.response.data);
  const limit = rateLimit(error, now);
  if (limit) {
    return { kind: 'RateLimited', ...limit, message: `GitHub's API rate limit is used up; ${waitInWords(limit.resetAt, now)}.` };
  }
  if (status === 401) {
    return { kind: 'Unauthorized', message: 'GitHub did not accept the sign-in (expired or revoked). Sign in to GitHub again.' };
  }
  if (status === 403) {
    const scopes = header(error.response.headers, 'x-oauth-scopes');
    // Classic OAuth tokens list their scopes; environments and secrets of private repositories need `repo`.
    const reason =
      scopes !== undefined && !scopes.split(',').some((scope) => scope.trim() === 'repo')
        ? 'the GitHub sign-in lacks the repo scope'
        : 'managing environments and secrets needs admin rights on the repository';
    return { kind: 'Forbidden', message: `GitHub refused access to ${target}: ${reason}.${said ? ` GitHub said: ${said}` : ''}` };
  }
  if (status === 404 || status === 410) {
    return { kind: 'NotFound', message: `${target} was not found on GitHub, or this sign-in cannot see it.` };
  }
  if (status >= 500) {
    return { kind: 'Server', status, message: `GitHub had a server error (${status}) about ${target}; try again later.` };
  }
  if (status >= 400) {
    return { kind: 'Validation', status, message: `GitHub rejected the request about ${target}: ${said ?? `status ${status}`}` };
  }
  return { kind: 'Server', status, message: `GitHub answered ${status} about ${target}, which was not expected.` };
}

/**
 * Turns anything a call threw into one GitHubError. The token cannot reach the message through our own texts, but
 * GitHub's message and the fetch error are echoed, so any occurrence of it is masked as a last guard.
 */
export function toGitHubError(error: unknown, context: ErrorContext, now = Date.now()): GitHubError {
  const described = describe(error, context, now);
  if (context.token.length >= 4 && described.message.includes(context.token)) {
    described.message = described.message.split(context.token).join('***');
  }
  return described;
}
