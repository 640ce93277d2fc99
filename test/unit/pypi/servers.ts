/** Real HTTP servers on 127.0.0.1 for the PyPI client tests: an index with scripted answers, and a forward proxy. */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as net from 'node:net';
import * as path from 'node:path';

export const PYPI_FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/pypi');

export const fixture = (name: string): string => readFileSync(path.join(PYPI_FIXTURES, name), 'utf8');

export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** What the index answers: a status, optional headers and a body; `hang` never answers. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface TestServer {
  /** `http://127.0.0.1:<port>` (or https) */
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

export const json = (body: string | object, status = 200, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/**
 * An index answering each request with `route(path, seenSoFar)`; unknown paths get 404 like PyPI's. With `tls`, it
 * serves https with the self-signed test certificate in test/fixtures/pypi/tls (127.0.0.1, test use only).
 */
export async function startIndex(route: (url: string, seen: Seen[]) => Answer | undefined, options: { tls?: boolean } = {}): Promise<TestServer> {
  const seen: Seen[] = [];
  const handler: http.RequestListener = (req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const answer = route(req.url ?? '', seen) ?? json({ message: 'Not Found' }, 404);
    if (answer === 'hang') return; // Left open; close() destroys it.
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body ?? '');
  };
  const server = options.tls ? https.createServer({ cert: fixture('tls/cert.pem'), key: fixture('tls/key.pem') }, handler) : http.createServer(handler);
  return listen(server, seen, options.tls ? 'https' : 'http');
}

/**
 * A forward proxy, as corporate proxies work: absolute-form requests (`GET http://host/path`) are relayed, and
 * CONNECT opens a tunnel (how https goes through). `seen` records each request line as the proxy received it.
 */
export async function startProxy(): Promise<TestServer> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    const upstream = http.request(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return listen(server, seen, 'http');
}

async function listen(server: http.Server, seen: Seen[], scheme: 'http' | 'https'): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive, hung and tunnelled connections would hold close() open.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
