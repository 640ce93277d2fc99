import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as assert from 'node:assert/strict';
import { createPypiClient } from '../../../src/core/pypi';
import type { PypiClientOptions } from '../../../src/core/pypi';
import { fixture, json, startIndex, startProxy, type Answer, type Seen, type TestServer } from './servers';

const USER_AGENT = 'pypi-trusted-publishing/0.0.0-test (unit tests)';
const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];

const PROJECT_PATH = '/pypi/sampleproject/json';
const SIMPLE_PATH = '/simple/sampleproject/';
const SDIST_PROVENANCE_PATH = '/integrity/sampleproject/4.0.0/sampleproject-4.0.0.tar.gz/provenance';

interface SimpleBody {
  versions: string[];
  files: Array<Record<string, unknown>>;
}

/** The simple index fixture with its provenance links pointing at `base` instead of pypi.org. */
function simpleBody(base: string): SimpleBody {
  return JSON.parse(fixture('simple.json').replaceAll('https://pypi.org', base)) as SimpleBody;
}

describe('PyPI client over real HTTP', function () {
  this.timeout(5000);
  const servers: TestServer[] = [];
  const saved = new Map<string, string | undefined>();

  // The machine's proxy settings must not reach these local servers; each proxy test sets its own.
  before(() => {
    for (const name of PROXY_VARIABLES) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
  });
  after(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function index(route: (url: string, seen: Seen[]) => Answer | undefined): Promise<TestServer> {
    const server = await startIndex(route);
    servers.push(server);
    return server;
  }

  const client = (server: TestServer, options: Partial<PypiClientOptions> = {}) =>
    createPypiClient({ baseUrl: server.url, userAgent: USER_AGENT, timeoutMs: 2000, retryDelayMs: 10, ...options });

  /** An index serving the three fixtures, with the simple index and the provenance answer adjustable per test. */
  const pypi = (adjust: (body: SimpleBody, base: string) => void = () => {}, provenance: () => Answer = () => json(fixture('provenance.json'))) => {
    let base = '';
    return index((url) => {
      if (url === PROJECT_PATH) return json(fixture('project.json'));
      if (url === SIMPLE_PATH) {
        const body = simpleBody(base);
        adjust(body, base);
        return { status: 200, headers: { 'content-type': 'application/vnd.pypi.simple.v1+json' }, body: JSON.stringify(body) };
      }
      if (url.startsWith('/integrity/') || url.startsWith('/elsewhere/')) return provenance();
      return undefined;
    }).then((server) => {
      base = server.url;
      return server;
    });
  };

  describe('project', () => {
    it('reads the name and latest version from the JSON API, asking with the normalized name', async () => {
      const server = await pypi();
      const result = await client(server).project('SampleProject');
      assert.deepEqual(result, { ok: true, value: { name: 'sampleproject', normalizedName: 'sampleproject', latestVersion: '4.0.0', releasedVersions: ['3.0.0', '4.0.0'] } });
      assert.deepEqual(server.seen.map((s) => s.url), [PROJECT_PATH]);
    });

    it('sends the User-Agent from the options and the JSON API media type', async () => {
      const server = await pypi();
      await client(server).project('sampleproject');
      assert.equal(server.seen[0].headers['user-agent'], USER_AGENT);
      assert.equal(server.seen[0].headers.accept, 'application/json');
    });

    it('reports a 404 as NotFound, without retrying', async () => {
      const server = await index(() => json({ message: 'Not Found' }, 404));
      const result = await client(server).project('no-such-project');
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error.kind, 'NotFound');
      assert.equal(server.seen.length, 1);
    });

    it('retries once after a 500 and returns the second answer', async () => {
      const server = await index((_url, seen) => (seen.length === 1 ? json('Internal Server Error', 500) : json(fixture('project.json'))));
      const result = await client(server).project('sampleproject');
      assert.equal(result.ok, true);
      assert.equal(server.seen.length, 2);
    });

    it('gives a Server error after two 5xx answers, and asks no third time', async () => {
      const server = await index(() => json('Service Unavailable', 503));
      const result = await client(server).project('sampleproject');
      assert.deepEqual(!result.ok && { kind: result.error.kind, status: 'status' in result.error && result.error.status }, { kind: 'Server', status: 503 });
      assert.equal(server.seen.length, 2);
    });

    it('waits retryDelayMs before the retry', async () => {
      const server = await index(() => json('Bad Gateway', 502));
      const started = Date.now();
      await client(server, { retryDelayMs: 150 }).project('sampleproject');
      assert.ok(Date.now() - started >= 140, `returned after ${Date.now() - started} ms`);
    });

    it('gives up with Timeout when the server never answers', async () => {
      const server = await index(() => 'hang');
      const started = Date.now();
      const result = await client(server, { timeoutMs: 200 }).project('sampleproject');
      assert.equal(!result.ok && result.error.kind, 'Timeout');
      assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
      // A stalled index is not asked again: that would double the wait.
      assert.equal(server.seen.length, 1);
    });

    it('reports a body that is not JSON as Malformed', async () => {
      const server = await index(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"info": {"name": "sampleproject",' }));
      const result = await client(server).project('sampleproject');
      assert.equal(!result.ok && result.error.kind, 'Malformed');
    });

    it('reports JSON of the wrong shape as Malformed', async () => {
      for (const body of [[], { info: null }, { info: { name: 42, version: '1.0' } }, { info: { name: 'x', version: 1 } }]) {
        const server = await index(() => json(body));
        const result = await client(server).project('sampleproject');
        assert.equal(!result.ok && result.error.kind, 'Malformed', JSON.stringify(body));
      }
    });

    it('reports a 429 as RateLimited with the Retry-After seconds, without retrying', async () => {
      const server = await index(() => json({ message: 'Too Many Requests' }, 429, { 'retry-after': '120' }));
      const result = await client(server).project('sampleproject');
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.error.kind, 'RateLimited');
        assert.equal(result.error.kind === 'RateLimited' && result.error.retryAfterSeconds, 120);
      }
      assert.equal(server.seen.length, 1);
    });

    it('does not retry other 4xx answers', async () => {
      const server = await index(() => json({ message: 'Forbidden' }, 403));
      const result = await client(server).project('sampleproject');
      assert.deepEqual(!result.ok && result.error.kind, 'Server');
      assert.equal(server.seen.length, 1);
    });

    it('retries a refused connection once, then reports Network', async () => {
      const gone = await startIndex(() => undefined);
      await gone.close();
      const result = await client(gone).project('sampleproject');
      assert.equal(!result.ok && result.error.kind, 'Network');
    });

    it('stops reading an endless answer past the size limit, with a clear error, long before the deadline', async () => {
      // Not a TestServer: this one streams without a length, forever, until the client hangs up.
      const endless = http.createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        const pump = () => {
          while (res.write(chunk)) {
            if (res.destroyed) return;
          }
          res.once('drain', pump);
        };
        res.write('{"info": ');
        pump();
      });
      await new Promise<void>((done) => endless.listen(0, '127.0.0.1', () => done()));
      try {
        const started = Date.now();
        const url = `http://127.0.0.1:${(endless.address() as AddressInfo).port}`;
        const result = await createPypiClient({ baseUrl: url, userAgent: USER_AGENT, timeoutMs: 4000, retryDelayMs: 10 }).project('huge');
        assert.equal(result.ok, false);
        assert.match(!result.ok ? result.error.message : '', /larger than 20 MB/);
        assert.ok(Date.now() - started < 3500, 'ended by the size limit, not by the timeout');
      } finally {
        endless.closeAllConnections();
        await new Promise<void>((done) => endless.close(() => done()));
      }
    });

    it('refuses an answer whose declared length is over the limit without reading it', async () => {
      const server = await index(() => ({ status: 200, headers: { 'content-type': 'application/json', 'content-length': String(300 * 1024 * 1024) }, body: '{}' }));
      const result = await client(server).project('huge');
      assert.equal(result.ok, false);
      assert.match(!result.ok ? result.error.message : '', /larger than 20 MB/);
    });

    it('turns an unusable base URL into an error instead of throwing', async () => {
      for (const baseUrl of ['not a url', 'ftp://pypi.example/']) {
        const result = await createPypiClient({ baseUrl, userAgent: USER_AGENT }).project('sampleproject');
        assert.equal(!result.ok && result.error.kind, 'Network', baseUrl);
      }
    });

    it('resolves paths below a mirror path prefix', async () => {
      const server = await index((url) => (url === '/root/pypi/pypi/sampleproject/json' ? json(fixture('project.json')) : undefined));
      const result = await client(server, { baseUrl: `${server.url}/root/pypi` }).project('sampleproject');
      assert.equal(result.ok, true);
    });

    it('sends credentials from the base URL as Basic authorization, and keeps them out of messages', async () => {
      const server = await index(() => json({ message: 'Not Found' }, 404));
      const baseUrl = server.url.replace('http://', 'http://reader:s%40cret@');
      const result = await client(server, { baseUrl }).project('sampleproject');
      assert.equal(server.seen[0].headers.authorization, `Basic ${Buffer.from('reader:s@cret').toString('base64')}`);
      assert.ok(!result.ok && !result.error.message.includes('cret'), !result.ok ? result.error.message : '');
    });
  });

  describe('latestPublisher', () => {
    it('reads the newest file from the simple index and its publisher from its provenance', async () => {
      const server = await pypi();
      const result = await client(server).latestPublisher('sampleproject');
      assert.deepEqual(result, {
        ok: true,
        value: {
          version: '4.0.0',
          file: 'sampleproject-4.0.0.tar.gz',
          publisher: { kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml', environment: 'pypi' },
        },
      });
      assert.deepEqual(server.seen.map((s) => s.url), [SIMPLE_PATH, SDIST_PROVENANCE_PATH]);
    });

    it('hands the provenance it read to a verification of the same file without downloading it again', async () => {
      const server = await pypi();
      const pypiClient = client(server);
      await pypiClient.latestPublisher('sampleproject');
      const kept = await pypiClient.provenance('sampleproject', '4.0.0', 'sampleproject-4.0.0.tar.gz');
      assert.deepEqual(kept, { ok: true, value: JSON.parse(fixture('provenance.json')) });
      assert.deepEqual(server.seen.map((s) => s.url), [SIMPLE_PATH, SDIST_PROVENANCE_PATH], 'one download of the provenance');
      // Another file's is asked for.
      await pypiClient.provenance('sampleproject', '4.0.0', 'sampleproject-4.0.0-py3-none-any.whl');
      assert.equal(server.seen.length, 3);
    });

    it('asks each API with its own media type and the User-Agent', async () => {
      const server = await pypi();
      await client(server).latestPublisher('sampleproject');
      assert.deepEqual(
        server.seen.map((s) => [s.headers.accept, s.headers['user-agent']]),
        [
          ['application/vnd.pypi.simple.v1+json', USER_AGENT],
          ['application/vnd.pypi.integrity.v1+json', USER_AGENT],
        ],
      );
    });

    it("follows the file's own provenance link, relative ones included", async () => {
      const server = await pypi((body) => {
        for (const file of body.files) if (file.provenance) file.provenance = `../../elsewhere/${String(file.filename)}.provenance`;
      });
      const result = await client(server).latestPublisher('sampleproject');
      assert.equal(result.ok && result.value?.publisher?.workflow, 'release.yml');
      assert.equal(server.seen[1].url, '/elsewhere/sampleproject-4.0.0.tar.gz.provenance');
    });

    it('gives no publisher when the provenance answers 404', async () => {
      const server = await pypi(undefined, () => json({ message: 'No provenance available for sampleproject-4.0.0.tar.gz' }, 404));
      const result = await client(server).latestPublisher('sampleproject');
      assert.deepEqual(result, { ok: true, value: { version: '4.0.0', file: 'sampleproject-4.0.0.tar.gz' } });
      assert.equal(server.seen.length, 2);
    });

    it('does not ask for provenance the simple index says is absent (null)', async () => {
      const server = await pypi((body) => {
        for (const file of body.files) file.provenance = null;
      });
      const result = await client(server).latestPublisher('sampleproject');
      assert.deepEqual(result, { ok: true, value: { version: '4.0.0', file: 'sampleproject-4.0.0.tar.gz' } });
      assert.deepEqual(server.seen.map((s) => s.url), [SIMPLE_PATH]);
    });

    it("tries PyPI's integrity route when the index does not mention provenance", async () => {
      const server = await pypi((body) => {
        for (const file of body.files) delete file.provenance;
      });
      const result = await client(server).latestPublisher('sampleproject');
      assert.equal(result.ok && result.value?.publisher?.repository, 'pypa/sampleproject');
      assert.equal(server.seen[1].url, SDIST_PROVENANCE_PATH);
    });

    it('prefers a file of the newest release that has provenance', async () => {
      const server = await pypi((body) => {
        body.files.find((f) => f.filename === 'sampleproject-4.0.0.tar.gz')!.provenance = null;
      });
      const result = await client(server).latestPublisher('sampleproject');
      assert.equal(result.ok && result.value?.file, 'sampleproject-4.0.0-py3-none-any.whl');
      assert.equal(server.seen[1].url, '/integrity/sampleproject/4.0.0/sampleproject-4.0.0-py3-none-any.whl/provenance');
    });

    it('skips yanked uploads', async () => {
      const server = await pypi((body) => {
        body.versions.push('4.1.0');
        body.files.push({ filename: 'sampleproject-4.1.0.tar.gz', url: 'https://files.example/x', hashes: {}, size: 1, 'upload-time': '2025-01-01T00:00:00Z', provenance: null, yanked: 'broken build' });
      });
      const result = await client(server).latestPublisher('sampleproject');
      assert.equal(result.ok && result.value?.version, '4.0.0');
    });

    it('takes the newest upload even when it is a pre-release', async () => {
      const server = await pypi((body, base) => {
        body.versions.push('5.0.0rc1');
        body.files.push({ filename: 'sampleproject-5.0.0rc1-py3-none-any.whl', url: 'https://files.example/y', hashes: {}, size: 1, 'upload-time': '2025-02-01T00:00:00Z', provenance: `${base}/integrity/sampleproject/5.0.0rc1/sampleproject-5.0.0rc1-py3-none-any.whl/provenance` });
      });
      const result = await client(server).latestPublisher('sampleproject');
      assert.equal(result.ok && result.value?.version, '5.0.0rc1');
      assert.equal(result.ok && result.value?.file, 'sampleproject-5.0.0rc1-py3-none-any.whl');
    });

    it('falls back on the JSON API for the latest version when upload times are missing', async () => {
      const server = await pypi((body) => {
        for (const file of body.files) delete file['upload-time'];
      });
      const result = await client(server).latestPublisher('sampleproject');
      assert.equal(result.ok && result.value?.version, '4.0.0');
      assert.deepEqual(server.seen.map((s) => s.url).slice(0, 2), [SIMPLE_PATH, PROJECT_PATH]);
    });

    it('gives undefined for a project without files', async () => {
      const server = await index(() => json({ meta: { 'api-version': '1.4' }, name: 'empty', versions: [], files: [] }));
      const result = await client(server).latestPublisher('empty');
      assert.deepEqual(result, { ok: true, value: undefined });
    });

    it('reports an unknown project as NotFound', async () => {
      const server = await index(() => json({ message: 'Not Found' }, 404));
      const result = await client(server).latestPublisher('no-such-project');
      assert.equal(!result.ok && result.error.kind, 'NotFound');
      assert.deepEqual(server.seen.map((s) => s.url), ['/simple/no-such-project/']);
    });

    it('passes on a server failure of the provenance request', async () => {
      const server = await pypi(undefined, () => json('oops', 500));
      const result = await client(server).latestPublisher('sampleproject');
      assert.equal(!result.ok && result.error.kind, 'Server');
      assert.equal(server.seen.length, 3);
    });

    it('reports provenance of another version or shape as Malformed', async () => {
      for (const body of [{ version: 2, attestation_bundles: [] }, { version: 1 }, { version: 1, attestation_bundles: [{ publisher: { kind: 7 } }] }]) {
        const server = await pypi(undefined, () => json(body));
        const result = await client(server).latestPublisher('sampleproject');
        assert.equal(!result.ok && result.error.kind, 'Malformed', JSON.stringify(body));
      }
    });

    it('explains an HTML answer from an index without the JSON simple API', async () => {
      const server = await index(() => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><body></body></html>' }));
      const result = await client(server).latestPublisher('sampleproject');
      assert.equal(!result.ok && result.error.kind, 'Malformed');
      assert.match(!result.ok ? result.error.message : '', /HTML/);
    });
  });

  describe('proxies and TLS', () => {
    it('sends requests through proxy.url for an http:// index', async () => {
      const server = await pypi();
      const proxy = await startProxy();
      servers.push(proxy);
      const result = await client(server, { proxy: { url: proxy.url, strictSSL: true } }).project('sampleproject');
      assert.equal(result.ok, true);
      assert.deepEqual(proxy.seen.map((s) => `${s.method} ${s.url}`), [`GET ${server.url}${PROJECT_PATH}`]);
      assert.equal(proxy.seen[0].headers['user-agent'], USER_AGENT);
      assert.equal(server.seen.length, 1);
    });

    it('accepts a proxy given as host:port, as VS Code does', async () => {
      const server = await pypi();
      const proxy = await startProxy();
      servers.push(proxy);
      const result = await client(server, { proxy: { url: proxy.url.replace('http://', '') } }).project('sampleproject');
      assert.equal(result.ok, true);
      assert.equal(proxy.seen.length, 1);
    });

    it('honours HTTP_PROXY and NO_PROXY without proxy.url', async () => {
      const server = await pypi();
      const proxy = await startProxy();
      servers.push(proxy);
      try {
        process.env.HTTP_PROXY = proxy.url;
        assert.equal((await client(server).project('sampleproject')).ok, true);
        assert.equal(proxy.seen.length, 1);
        process.env.NO_PROXY = '127.0.0.1';
        assert.equal((await client(server).project('sampleproject')).ok, true);
        assert.equal(proxy.seen.length, 1, 'NO_PROXY host went through the proxy');
        assert.equal(server.seen.length, 2);
      } finally {
        delete process.env.HTTP_PROXY;
        delete process.env.NO_PROXY;
      }
    });

    const tlsIndex = async () => {
      const server = await startIndex((url) => (url === PROJECT_PATH ? json(fixture('project.json')) : undefined), { tls: true });
      servers.push(server);
      return server;
    };

    it('checks certificates unless strictSSL is false', async () => {
      const server = await tlsIndex();
      const strict = await client(server).project('sampleproject');
      assert.equal(!strict.ok && strict.error.kind, 'Network');
      assert.match(!strict.ok ? strict.error.message : '', /certificate/i);
      const lax = await client(server, { proxy: { strictSSL: false } }).project('sampleproject');
      assert.equal(lax.ok, true);
    });

    it('tunnels https through proxy.url with CONNECT, with strictSSL applied inside the tunnel', async () => {
      const server = await tlsIndex();
      const proxy = await startProxy();
      servers.push(proxy);
      const lax = await client(server, { proxy: { url: proxy.url, strictSSL: false } }).project('sampleproject');
      assert.equal(lax.ok, true);
      assert.deepEqual(proxy.seen.map((s) => `${s.method} ${s.url}`), [`CONNECT ${server.url.replace('https://', '')}`]);
      const strict = await client(server, { proxy: { url: proxy.url, strictSSL: true } }).project('sampleproject');
      assert.equal(!strict.ok && strict.error.kind, 'Network');
    });

    it('turns an unusable proxy URL into an error that does not echo it', async () => {
      const server = await pypi();
      const result = await client(server, { proxy: { url: 'http://user:hunter2@[bad' } }).project('sampleproject');
      assert.equal(!result.ok && result.error.kind, 'Network');
      assert.ok(!result.ok && !result.error.message.includes('hunter2'));
      assert.equal(server.seen.length, 0);
    });
  });
});
