import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

/** Secret-looking on purpose, so that a leak into a message is easy to spot. */
export const TOKEN = 'gho_TestTokenThatMustNeverLeak0123456789';
export const USER_AGENT = 'pypi-trusted-publishing/0.0.0-test (unit tests)';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures/github');

/** A fresh copy of a response body from test/fixtures/github, so tests can change it freely. */
export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(readFileSync(path.join(fixtures, name), 'utf8')) as T;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, when one was sent. */
  body: unknown;
}

/** A JSON answer, a raw text answer, or no answer at all (the socket stays open until the server closes). */
export type Reply = { status: number; headers?: Record<string, string>; json?: unknown; text?: string } | 'hang';
export type Handler = Reply | Reply[] | ((request: RecordedRequest) => Reply);

/**
 * A local stand-in for api.github.com on 127.0.0.1 and a free port. Routes are `"METHOD /path"` (no query string);
 * an array answers each call with the next reply, repeating the last. Every request is recorded, and the server checks
 * what GitHub itself requires of a client: the token in the Authorization header, a User-Agent, the API version.
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  /** Protocol violations seen by the server; a test is only green when this stays empty. */
  readonly problems: string[] = [];
  private readonly server: Server;
  private readonly calls = new Map<string, number>();

  constructor(private readonly routes: Record<string, Handler>) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => this.answer(req.method ?? '', req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'), res));
    });
  }

  static async start(routes: Record<string, Handler>): Promise<FakeGitHub> {
    const fake = new FakeGitHub(routes);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  count(route: string): number {
    return this.requests.filter((r) => `${r.method} ${r.path}` === route).length;
  }

  async close(): Promise<void> {
    // Drop hanging and kept-alive sockets, or close() would wait for them.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(method: string, url: string, headers: IncomingHttpHeaders, rawBody: string, res: ServerResponse): void {
    const { pathname, searchParams } = new URL(url, 'http://localhost');
    const route = `${method} ${pathname}`;
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      this.problems.push(`${route}: the body is not JSON`);
    }
    const request: RecordedRequest = { method, path: pathname, query: searchParams, headers, body };
    this.requests.push(request);

    if (headers.authorization !== `token ${TOKEN}`) this.problems.push(`${route}: Authorization header is ${JSON.stringify(headers.authorization)}`);
    if (!headers['user-agent']?.startsWith(USER_AGENT)) this.problems.push(`${route}: User-Agent is ${JSON.stringify(headers['user-agent'])}`);
    if (headers['x-github-api-version'] !== '2022-11-28') this.problems.push(`${route}: no X-GitHub-Api-Version`);
    if (url.includes(TOKEN)) this.problems.push(`${route}: the token is in the URL`);

    const handler = this.routes[route];
    if (handler === undefined) {
      this.problems.push(`unexpected request ${route}`);
      return send(res, { status: 404, json: fixture('errors/not-found.json') });
    }
    const n = this.calls.get(route) ?? 0;
    this.calls.set(route, n + 1);
    const reply = typeof handler === 'function' ? handler(request) : Array.isArray(handler) ? handler[Math.min(n, handler.length - 1)]! : handler;
    if (reply !== 'hang') send(res, reply);
  }
}

function send(res: ServerResponse, reply: Exclude<Reply, 'hang'>): void {
  const text = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
  const headers: Record<string, string> = { 'x-github-media-type': 'github.v3; format=json', ...reply.headers };
  if (reply.status !== 204) headers['content-type'] ??= 'application/json; charset=utf-8';
  res.writeHead(reply.status, headers);
  res.end(reply.status === 204 ? undefined : text);
}

/** The answer GitHub gives when the primary rate limit is used up (REST docs, "Rate limits for the REST API"). */
export function rateLimited(resetEpochSeconds: number): Reply {
  return {
    status: 403,
    headers: {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-reset': String(resetEpochSeconds),
      'x-ratelimit-resource': 'core',
    },
    json: fixture('errors/rate-limit-exceeded.json'),
  };
}
