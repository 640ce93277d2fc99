// A server on 127.0.0.1 that answers every request with 404 and remembers it: where a suite's workspace settings send
// the extension's requests, to prove that none arrive. It runs in the harness, before the workbench opens, so even a
// request made while the extension activates is caught; the suite inside the extension host reads what arrived from
// RECORDED_PATH, which is not itself recorded.
import * as http from 'http';
import type { AddressInfo } from 'net';

export const RECORDED_PATH = '/__recorded-requests';

export interface RequestRecorder {
  readonly url: string;
  /** Every request but those to RECORDED_PATH: `METHOD /path`, with whether it carried an Authorization header. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startRequestRecorder(): Promise<RequestRecorder> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === RECORDED_PATH) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(requests));
      return;
    }
    requests.push(`${req.method} ${req.url}${req.headers.authorization ? ' (with an Authorization header)' : ''}`);
    req.resume();
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"message":"Not Found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
