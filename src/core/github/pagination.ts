import type { Octokit } from '@octokit/core';
import { array, MalformedResponse, record } from './responses';

/** A ceiling for a repository's environments or secrets (100 per page): a loop guard, not a real limit. */
const MAX_PAGES = 30;

/** The `rel="next"` URL of a Link header (RFC 8288), as GitHub sends it for paginated lists. */
export function nextPageUrl(link: string | undefined): string | undefined {
  for (const part of (link ?? '').split(',')) {
    const match = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (match && /\brel="?next"?(?:[\s;]|$)/.test(match[2]!)) return match[1];
  }
  return undefined;
}

/**
 * Every item of a paginated GitHub list whose pages look like `{ total_count, <key>: [...] }`, or are bare lists when
 * `key` is undefined (tags), up to `maxPages` pages of 100.
 *
 * Written here rather than with `octokit.paginate` for two reasons: each page is checked (paginate throws a bare
 * TypeError on a body that is not JSON), and the next link is followed only when it stays on the API's own origin, so
 * the token is never sent to a host named by a response header.
 */
export async function listAll(
  octokit: Octokit,
  route: string,
  parameters: Record<string, string | number>,
  key: string | undefined,
  what: string,
  baseUrl: string,
  maxPages = MAX_PAGES,
): Promise<unknown[]> {
  const items: unknown[] = [];
  let response = await octokit.request(route, { ...parameters, per_page: 100 });
  for (let page = 1; ; page++) {
    items.push(...(key === undefined ? bareList(response.data, what) : array(record(response.data, what), key, what)));
    const next = nextPageUrl(response.headers.link);
    if (!next || page >= maxPages) return items;
    if (new URL(next, baseUrl).origin !== new URL(baseUrl).origin) throw new MalformedResponse(`${what} points its next page to another host`);
    response = await octokit.request(`GET ${new URL(next, baseUrl).href}`);
  }
}

function bareList(data: unknown, what: string): unknown[] {
  if (!Array.isArray(data)) throw new MalformedResponse(`${what} is not a list`);
  return data;
}
