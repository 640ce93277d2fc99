/**
 * Thrown when GitHub does not answer in time. Named `AbortError` on purpose: octokit passes abort errors through
 * untouched and neither its retry nor its throttling plugin retries them, so a slow GitHub costs one timeout, not two.
 */
export class RequestTimeout extends Error {
  override readonly name = 'AbortError';

  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/**
 * A fetch whose every attempt (retries included) gets its own deadline. The deadline also cuts off a body that stops
 * half-way; octokit then sees an empty body, which reads as a malformed answer rather than a timeout.
 */
export function fetchWithTimeout(timeoutMs: number, baseFetch: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      return await baseFetch(input, { ...init, signal });
    } catch (error) {
      if (deadline.aborted) throw new RequestTimeout(timeoutMs);
      throw error;
    }
  };
}
