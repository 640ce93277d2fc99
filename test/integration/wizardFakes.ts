// Local stand-ins for PyPI, GitHub's REST API and GitHub sign-in, for the wizard's host tests. The servers listen on
// 127.0.0.1 only, answer like the real services for the calls the wizard makes, and record every request.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  body?: unknown;
}

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Handler = (request: RecordedRequest) => { status: number; body?: unknown; headers?: Record<string, string> };

async function serve(handler: Handler): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const request: RecordedRequest = { method: req.method ?? 'GET', path: decodeURIComponent((req.url ?? '/').split('?')[0]), authorization: req.headers.authorization, body };
      requests.push(request);
      const answer = handler(request);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : typeof answer.body === 'string' && answer.headers?.['content-type']?.startsWith('text/') ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** PyPI's JSON API: every project is unknown (404), as hello-pypi is before its first release. */
export function fakePypi(): Promise<FakeServer> {
  return serve(() => ({ status: 404, body: { message: 'Not Found' } }));
}

export const VIEWER = { login: 'octocat', id: 583231 };
/** The account id of the fake repository's owner (`owner.id`), which a run's `repository_owner_id` claim names. */
export const OWNER_ID = 2;

/** GitHub's REST API for one public repository (Example-Org/Hello-PyPI by default), administered by the signed-in user. */
/** Runs of one workflow file for the Actions routes: the run list, the jobs of each run, and each job's log text. */
export interface FakeActions {
  workflow: string;
  /** `GET .../actions/workflows/{workflow}/runs` answers these, newest first (REST shapes). */
  runs: Array<Record<string, unknown>>;
  /** `GET .../actions/runs/{id}/jobs`, by run id. */
  jobs: Record<number, unknown>;
  /** `GET .../actions/jobs/{id}/logs`, answered directly (GitHub may also redirect). */
  logs: Record<number, string>;
}

export function fakeGitHub(
  repository: { owner: string; repo: string } = { owner: 'Example-Org', repo: 'Hello-PyPI' },
  actions?: FakeActions,
): Promise<FakeServer & { environments: Map<string, { id: number; policies: Array<{ name: string; type: string }> }> }> {
  const environments = new Map<string, { id: number; policies: Array<{ name: string; type: string }> }>();
  const repo = `/repos/${repository.owner}/${repository.repo}`.toLowerCase();
  const environmentJson = (name: string) => ({
    id: environments.get(name)!.id,
    name,
    protection_rules: [{ type: 'required_reviewers', prevent_self_review: false, reviewers: [{ type: 'User', reviewer: VIEWER }] }],
    deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
  });
  const notFound = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  return serve((request) => {
    const path = request.path.toLowerCase();
    if (request.authorization !== 'token dummy-token-for-tests' && request.authorization !== 'Bearer dummy-token-for-tests') {
      return { status: 401, body: { message: 'Bad credentials' } };
    }
    if (request.method === 'GET' && path === '/user') return { status: 200, body: VIEWER };
    if (request.method === 'GET' && path === repo) {
      return {
        status: 200,
        body: {
          id: 1,
          name: repository.repo,
          full_name: `${repository.owner}/${repository.repo}`,
          owner: { login: repository.owner, id: OWNER_ID, type: 'Organization' },
          private: false,
          visibility: 'public',
          default_branch: 'main',
          permissions: { admin: true, push: true, pull: true },
        },
      };
    }
    if (request.method === 'GET' && path === `${repo}/environments`) {
      const list = [...environments.keys()].map(environmentJson);
      return { status: 200, body: { total_count: list.length, environments: list } };
    }
    const environment = new RegExp(`^${repo}/environments/([^/]+)(/deployment-branch-policies)?$`).exec(path);
    if (environment) {
      const name = decodeURIComponent(request.path.split('/')[5]);
      const known = [...environments.keys()].find((n) => n.toLowerCase() === name.toLowerCase());
      if (!environment[2]) {
        if (request.method === 'GET') return known ? { status: 200, body: environmentJson(known) } : notFound;
        if (request.method === 'PUT') {
          if (!known) environments.set(name, { id: 100 + environments.size, policies: [] });
          return { status: 200, body: environmentJson(known ?? name) };
        }
      } else if (known) {
        const entry = environments.get(known)!;
        if (request.method === 'GET') return { status: 200, body: { total_count: entry.policies.length, branch_policies: entry.policies } };
        if (request.method === 'POST') {
          const body = request.body as { name: string; type: string };
          entry.policies.push({ name: body.name, type: body.type });
          return { status: 200, body: { id: entry.policies.length, name: body.name, type: body.type } };
        }
      }
      return notFound;
    }
    if (actions && request.method === 'GET') {
      if (path === `${repo}/actions/workflows/${actions.workflow.toLowerCase()}/runs`) return { status: 200, body: { total_count: actions.runs.length, workflow_runs: actions.runs } };
      const run = new RegExp(`^${repo}/actions/runs/(\\d+)(/jobs)?$`).exec(path);
      const found = run && actions.runs.find((r) => r.id === Number(run[1]));
      if (run && found) return run[2] ? { status: 200, body: actions.jobs[Number(run[1])] ?? { total_count: 0, jobs: [] } } : { status: 200, body: found };
      const job = new RegExp(`^${repo}/actions/jobs/(\\d+)/logs$`).exec(path);
      if (job && actions.logs[Number(job[1])] !== undefined) return { status: 200, body: actions.logs[Number(job[1])], headers: { 'content-type': 'text/plain' } };
    }
    if (request.method === 'GET' && path === `${repo}/actions/secrets`) return { status: 200, body: { total_count: 1, secrets: [{ name: 'PYPI_API_TOKEN' }] } };
    return notFound;
  }).then((server) => Object.assign(server, { environments }));
}

/**
 * A GitHub sign-in of our own: one account, a dummy token. VS Code asks the user before an extension may use a
 * session, and a host test cannot answer a dialog; the sign-in request that getSession leaves in the Accounts menu
 * can be run as a command, though, and grants the access a person would.
 */
export class TestGitHubAuth implements vscode.AuthenticationProvider, vscode.Disposable {
  static readonly id = 'trusted-publishing-test-github';
  /** A provider whose sign-in never finishes, as when VS Code's prompt is never answered. */
  static readonly hangingId = 'trusted-publishing-test-github-hanging';
  private sessions: vscode.AuthenticationSession[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor(private readonly options: { hang?: boolean } = {}) {
    const id = options.hang ? TestGitHubAuth.hangingId : TestGitHubAuth.id;
    this.registration = vscode.authentication.registerAuthenticationProvider(id, options.hang ? 'Test GitHub (never answers)' : 'Test GitHub', this);
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    return this.sessions;
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    if (this.options.hang) return new Promise<vscode.AuthenticationSession>(() => undefined);
    const session = { id: 'test-session', accessToken: 'dummy-token-for-tests', account: { id: String(VIEWER.id), label: VIEWER.login }, scopes: [...scopes] };
    this.sessions = [session];
    this.changed.fire({ added: [session], removed: [], changed: [] });
    return session;
  }

  async removeSession(): Promise<void> {
    const removed = this.sessions;
    this.sessions = [];
    this.changed.fire({ added: [], removed, changed: [] });
  }

  /** Signs in and lets this extension use the session, without a dialog. */
  async grantAccess(scopes: string[]): Promise<void> {
    // Neither createIfNone nor silent: VS Code records a sign-in request (a command in the Accounts menu).
    await vscode.authentication.getSession(TestGitHubAuth.id, scopes, {});
    const request = (await vscode.commands.getCommands(false)).find((id) => id.startsWith(`${TestGitHubAuth.id}:`) && /:signIn\d+$/.test(id));
    if (!request) throw new Error('VS Code recorded no sign-in request for the test provider');
    await vscode.commands.executeCommand(request);
    const session = await vscode.authentication.getSession(TestGitHubAuth.id, scopes, { silent: true });
    if (session?.accessToken !== 'dummy-token-for-tests') throw new Error('the sign-in request did not grant access');
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

/** The user settings that send the extension's requests and sign-in to the local servers (machine-scoped settings). */
const LOCAL_SERVER_SETTINGS = ['pypiUrl', 'testPypiUrl', 'githubApiUrl', 'githubAuthProvider'] as const;

/** Points PyPI, TestPyPI, GitHub's API and the sign-in provider at the test's own servers, as a user would. */
export async function useLocalServers(pypi: FakeServer, github: FakeServer): Promise<void> {
  const config = vscode.workspace.getConfiguration('trustedPublishing');
  const values = { pypiUrl: pypi.url, testPypiUrl: pypi.url, githubApiUrl: github.url, githubAuthProvider: TestGitHubAuth.id };
  for (const key of LOCAL_SERVER_SETTINGS) await config.update(key, values[key], vscode.ConfigurationTarget.Global);
}

/** Takes those settings back. */
export async function forgetLocalServers(): Promise<void> {
  const config = vscode.workspace.getConfiguration('trustedPublishing');
  for (const key of LOCAL_SERVER_SETTINGS) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
}

/** A suite's local PyPI and GitHub, and the test sign-in. */
export interface LocalServers {
  pypi: FakeServer;
  github: Awaited<ReturnType<typeof fakeGitHub>>;
  auth: TestGitHubAuth;
}

/** Starts them (`github` when the suite's GitHub plays something of its own) and points the user settings at them. */
export async function startLocalServers(github: Promise<LocalServers['github']> = fakeGitHub()): Promise<LocalServers> {
  const servers = { pypi: await fakePypi(), github: await github, auth: new TestGitHubAuth() };
  await useLocalServers(servers.pypi, servers.github);
  return servers;
}

/** Takes the settings back and stops what was started (as far as a failed `before` got). */
export async function stopLocalServers({ pypi, github, auth }: Partial<LocalServers>): Promise<void> {
  await forgetLocalServers();
  auth?.dispose();
  await pypi?.close();
  await github?.close();
}
