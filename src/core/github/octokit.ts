import type { Octokit } from '@octokit/core';
import type { OctokitModule } from './loadOctokit';
import { fetchWithLimit } from '../responseLimit';
import { fetchWithTimeout } from './timeout';
import type { GitHubClientOptions } from './types';

export const DEFAULT_BASE_URL = 'https://api.github.com';
export const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRY_DELAY_MS = 1_000;
/** The REST API version whose response shapes the mapping code was written against. */
const API_VERSION = '2022-11-28';
/**
 * Longest wait, in seconds, for the one retry after a rate limit. The wizard is interactive: past this it is better to
 * say "rate limited until ..." than to hang (octokit's default handlers would wait up to an hour).
 */
const QUICK_RETRY_SECONDS = 3;
/**
 * Statuses octokit's retry plugin must leave alone: client errors will fail again, and 403/429 rate limits belong to the
 * throttling plugin, which knows how long to wait (the retry plugin would retry 429 blindly).
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** One retry, and only when GitHub asks for a short wait. */
function retryOnceIfQuick(retryAfterSeconds: number, _options: unknown, _octokit: unknown, retryCount: number): boolean {
  return retryCount === 0 && retryAfterSeconds <= QUICK_RETRY_SECONDS;
}

export function normalizedBaseUrl(options: GitHubClientOptions): string {
  return (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/**
 * An octokit configured for an interactive editor: the token goes only into the Authorization header (octokit's token
 * auth), nothing is logged (octokit's default log is the console), 5xx and dropped connections on reads are retried once,
 * rate limits are retried once at most and only when the wait is short, and each attempt has a deadline.
 */
export function buildOctokit(module: OctokitModule, options: GitHubClientOptions): Octokit {
  const octokit = new module.Octokit({
    auth: options.token,
    baseUrl: normalizedBaseUrl(options),
    userAgent: options.userAgent,
    log: silent,
    // Bodies are read bounded inside the deadline: a huge or endless answer costs neither memory nor a hang.
    request: { fetch: fetchWithTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, fetchWithLimit()) },
    retry: { retries: 1, retryAfterBaseValue: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS, doNotRetry: DO_NOT_RETRY },
    throttle: { onRateLimit: retryOnceIfQuick, onSecondaryRateLimit: retryOnceIfQuick },
  });
  octokit.hook.before('request', (request: { headers: Record<string, unknown> }) => {
    request.headers['x-github-api-version'] = API_VERSION;
  });
  return octokit;
}
