// Local stand-ins for GitHub and PyPI that play one release of pypi-attestations 0.0.19 for the host test of
// "Release…": the run moves on each time it is read (queued, building, waiting for approval until the approval
// POST, publishing, then success or failure), and PyPI serves the real release and its real provenance once the
// run has succeeded. Bodies come from test/fixtures (the shapes of GitHub's REST API and PyPI's APIs).
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');
const read = (...parts: string[]): string => readFileSync(path.join(FIXTURES, ...parts), 'utf8');
const github = (name: string): any => JSON.parse(read('github', name));

export const RELEASE = { owner: 'trailofbits', repo: 'pypi-attestations', project: 'pypi-attestations', version: '0.0.19', tag: 'v0.0.19', runId: 11760016432, environmentId: 2345678901 };

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body?: any;
}

export interface ReleaseServers {
  githubUrl: string;
  pypiUrl: string;
  requests: Recorded[];
  posts(): Recorded[];
  close(): Promise<void>;
}

type Answer = { status: number; body?: unknown; type?: string };

function listen(handle: (request: Recorded) => Answer): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const answer = handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body: raw ? JSON.parse(raw) : undefined });
      res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' });
      res.end(answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    ),
  );
}

export async function startReleaseServers(options: {
  headSha: string;
  outcome: 'success' | 'failure';
  tagExists?: boolean;
  /** The first look-up of the tag finds it (a stale tag someone then deleted): the preflight fails once. */
  tagExistsAtFirst?: boolean;
  canApprove?: boolean;
  /** The repository's tags (`GET .../tags`); the real v0.0.1 to v0.0.18 of test/fixtures when not given. */
  tags?: string[];
}): Promise<ReleaseServers> {
  const requests: Recorded[] = [];
  const api = `/repos/${RELEASE.owner}/${RELEASE.repo}`;
  let created = false;
  let approved = false;
  let reads = 0; // how often the run was read: the run moves on with each read
  let published = false;
  let tagLookups = 0;
  const notFound: Answer = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };

  const run = () => {
    const body = github('release/workflow-run.json');
    body.head_sha = options.headSha;
    body.created_at = new Date().toISOString();
    const stage = reads < 2 ? 'queued' : reads < 4 ? 'build' : options.outcome === 'failure' ? 'failed' : !approved ? 'waiting' : reads < 100 && !published ? 'publish' : 'done';
    body.status = { queued: 'queued', build: 'in_progress', waiting: 'waiting', publish: 'in_progress', failed: 'completed', done: 'completed' }[stage];
    body.conclusion = stage === 'failed' ? 'failure' : stage === 'done' ? 'success' : null;
    return { body, stage };
  };
  const jobs = (stage: string) => {
    const body = github('release/run-jobs.json');
    const [build, publish] = body.jobs;
    if (stage !== 'queued') build.status = 'in_progress';
    if (stage === 'waiting' || stage === 'publish' || stage === 'done' || stage === 'failed') {
      build.status = 'completed';
      build.conclusion = stage === 'failed' ? 'failure' : 'success';
    }
    publish.status = stage === 'waiting' ? 'waiting' : stage === 'publish' ? 'in_progress' : stage === 'done' || stage === 'failed' ? 'completed' : 'queued';
    publish.conclusion = stage === 'done' ? 'success' : stage === 'failed' ? 'skipped' : null;
    return body;
  };

  const gh = await listen((request) => {
    requests.push(request);
    const route = `${request.method} ${request.path}`;
    if (route === `GET ${api}/git/ref/tags/${RELEASE.tag}`) {
      const stale = options.tagExistsAtFirst && tagLookups++ === 0;
      return created || options.tagExists || stale ? { status: 200, body: github('release/tag-created.json') } : notFound;
    }
    if (route === `GET ${api}/tags`) {
      const listed: Array<{ name: string }> = github('release/tags.json');
      const template = listed[0]!;
      return { status: 200, body: options.tags ? options.tags.map((name) => ({ ...template, name })) : listed };
    }
    if (route === `GET ${api}/environments/pypi`) return { status: 200, body: github('environments.json').environments[0] };
    if (route === `POST ${api}/releases`) {
      created = true;
      return { status: 201, body: github('release/release-created.json') };
    }
    if (route === `GET ${api}/actions/runs`) {
      const runs = created && request.query.get('head_sha') === options.headSha && request.query.get('event') === 'release' ? [run().body] : [];
      return { status: 200, body: { total_count: runs.length, workflow_runs: runs } };
    }
    if (route === `GET ${api}/actions/runs/${RELEASE.runId}`) {
      reads++;
      const { body, stage } = run();
      if (stage === 'publish') published = true; // one more read and it is done
      return { status: 200, body };
    }
    if (route === `GET ${api}/actions/runs/${RELEASE.runId}/jobs`) return { status: 200, body: jobs(run().stage) };
    if (route === `GET ${api}/actions/runs/${RELEASE.runId}/pending_deployments`) {
      const pending = github('release/pending-deployments.json');
      pending[0].current_user_can_approve = options.canApprove !== false;
      return { status: 200, body: run().stage === 'waiting' ? pending : [] };
    }
    // The failed build job's log: GitHub answers with a redirect to its log host; a direct answer is allowed too.
    if (route === `GET ${api}/actions/jobs/32760311880/logs`) return { status: 200, type: 'text/plain', body: read('diagnose', 'missing-id-token.log') };
    if (route === `POST ${api}/actions/runs/${RELEASE.runId}/pending_deployments`) {
      approved = true;
      return { status: 200, body: github('release/approved-deployments.json') };
    }
    return notFound;
  });

  const releaseJson = read('pypi', 'release-pypi-attestations-0.0.19.json');
  const provenance = read('attestations', 'pypi_attestations-0.0.19.tar.gz.provenance');
  const pypi = await listen((request) => {
    requests.push({ ...request, path: `pypi:${request.path}` });
    const p = request.path;
    const done = run().stage === 'done';
    if (p === `/pypi/${RELEASE.project}/${RELEASE.version}/json`) return done ? { status: 200, body: releaseJson } : { status: 404, body: { message: 'Not Found' } };
    if (p === `/pypi/${RELEASE.project}/json`) return { status: 200, body: { info: { name: RELEASE.project, version: '0.0.18' } } };
    if (p === `/simple/${RELEASE.project}/`) {
      const file = 'pypi_attestations-0.0.18.tar.gz';
      return {
        status: 200,
        type: 'application/vnd.pypi.simple.v1+json',
        body: {
          meta: { 'api-version': '1.4' },
          name: RELEASE.project,
          versions: ['0.0.18'],
          files: [{ filename: file, url: `/files/${file}`, hashes: { sha256: '0'.repeat(64) }, provenance: `/integrity/${RELEASE.project}/0.0.18/${file}/provenance`, 'upload-time': '2024-11-20T10:00:00.000000Z', yanked: false }],
        },
      };
    }
    if (p.startsWith(`/integrity/${RELEASE.project}/`)) return { status: 200, body: provenance };
    return { status: 404, body: { message: 'Not Found' } };
  });

  return {
    githubUrl: gh.url,
    pypiUrl: pypi.url,
    requests,
    posts: () => requests.filter((r) => r.method === 'POST'),
    close: async () => {
      await gh.close();
      await pypi.close();
    },
  };
}
