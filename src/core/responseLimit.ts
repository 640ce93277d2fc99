/**
 * Answers from an index or from GitHub are read into memory and parsed as JSON, so their size is bounded: a server
 * (or a mirror, or a man in the middle of a proxy) that sends hundreds of megabytes gets a clear error, not an
 * editor that runs out of memory. The limit is far above any real answer we ask for.
 */
export const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

export class ResponseTooLarge extends Error {
  override readonly name = 'ResponseTooLarge';

  constructor(readonly limit: number) {
    super(`the answer is larger than ${Math.round(limit / (1024 * 1024))} MB, more than any real one; it was not read`);
  }
}

/** The body as text, read chunk by chunk and abandoned (the stream cancelled) as soon as it passes `limit` bytes. */
export async function readLimitedText(response: Response | { headers: Headers; body: ReadableStream<Uint8Array> | null }, limit = MAX_RESPONSE_BYTES): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLarge(limit);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLarge(limit);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * A fetch whose responses carry at most `limit` bytes of body: the body is read here, bounded, and handed on as a
 * new Response, so a client library that reads it (octokit) never holds more.
 */
export function fetchWithLimit(limit = MAX_RESPONSE_BYTES, baseFetch: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch(input, init);
    const text = await readLimitedText(response, limit);
    const nullBody = response.status === 204 || response.status === 304 || (response.status >= 100 && response.status < 200);
    return new Response(nullBody ? null : text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
