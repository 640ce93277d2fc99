import * as assert from 'node:assert/strict';
import { createGitHubClient } from '../../../src/core/github';
import type { GitHubClient, GitHubClientOptions, GitHubError } from '../../../src/core/github';
import type { Result } from '../../../src/core/result';
import { FakeGitHub, TOKEN, USER_AGENT, fixture, rateLimited, type Handler } from './fakeGitHub';

const REPO = '/repos/octo-org/hello-world';
const ENV = `${REPO}/environments/pypi`;
const POLICIES = `${ENV}/deployment-branch-policies`;

/** Every error any test saw, checked at the end for the token. */
const seenErrors: GitHubError[] = [];

function value<T>(result: Result<T, GitHubError>): T {
  if (!result.ok) assert.fail(`expected success, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function failure<T>(result: Result<T, GitHubError>): GitHubError {
  assert.equal(result.ok, false, 'expected a failure');
  const { error } = result as { ok: false; error: GitHubError };
  seenErrors.push(error);
  return error;
}

/** An environment as GitHub returns it from GET or PUT, built from the listing fixture. */
function environment(name: string, change: (env: Record<string, any>) => void = () => {}): Record<string, any> {
  const env = fixture<{ environments: Record<string, any>[] }>('environments.json').environments.find((e) => e.name === name)!;
  change(env);
  return env;
}

const noReviewers = (env: Record<string, any>): void => {
  env.protection_rules = env.protection_rules.filter((rule: { type: string }) => rule.type !== 'required_reviewers');
};

describe('GitHub client against a local fake of the REST API', function () {
  // Octokit's throttling spaces writes one second apart, as GitHub asks; a few tests write twice.
  this.timeout(6000);

  let server: FakeGitHub | undefined;
  let client: GitHubClient;

  async function serve(routes: Record<string, Handler>, options: Partial<GitHubClientOptions> = {}): Promise<FakeGitHub> {
    server = await FakeGitHub.start(routes);
    client = createGitHubClient({ token: TOKEN, baseUrl: server.baseUrl, userAgent: USER_AGENT, timeoutMs: 2000, retryDelayMs: 10, ...options });
    return server;
  }

  afterEach(async function () {
    const problems = server?.problems ?? [];
    await server?.close();
    server = undefined;
    if (this.currentTest?.state === 'passed') assert.deepEqual(problems, [], 'the fake GitHub saw protocol problems');
  });

  after(() => {
    for (const error of seenErrors) assert.ok(!JSON.stringify(error).includes(TOKEN), `the token leaked into ${error.kind}: ${error.message}`);
  });

  describe('reads', () => {
    it('names the signed-in user', async () => {
      await serve({ 'GET /user': { status: 200, json: fixture('user.json') } });
      assert.deepEqual(value(await client.viewer()), { login: 'octocat', id: 1 });
    });

    it('returns repository facts in GitHub\'s canonical spelling', async () => {
      const fake = await serve({ [`GET ${REPO}`]: { status: 200, json: fixture('repository.json') } });
      assert.deepEqual(value(await client.repository('octo-org', 'hello-world')), {
        owner: 'Octo-Org',
        repo: 'Hello-World',
        id: 1296269,
        ownerId: 9919,
        ownerType: 'Organization',
        visibility: 'public',
        defaultBranch: 'main',
        admin: true,
      });
      assert.equal(fake.requests[0]!.headers.accept, 'application/vnd.github.v3+json');
    });

    it('reads a private repository without permissions as not administrable', async () => {
      const repo = fixture('repository.json');
      delete repo.permissions;
      delete repo.visibility;
      repo.private = true;
      repo.owner.type = 'User';
      await serve({ [`GET ${REPO}`]: { status: 200, json: repo } });
      const facts = value(await client.repository('octo-org', 'hello-world'));
      assert.equal(facts.visibility, 'private');
      assert.equal(facts.ownerType, 'User');
      assert.equal(facts.admin, false);
    });

    it('lists environments with reviewers, wait timer and tag policies', async () => {
      const fake = await serve({
        [`GET ${REPO}/environments`]: { status: 200, json: fixture('environments.json') },
        [`GET ${POLICIES}`]: { status: 200, json: fixture('deployment-branch-policies.json') },
      });
      assert.deepEqual(value(await client.environments('octo-org', 'hello-world')), [
        {
          name: 'pypi',
          id: 161088068,
          reviewers: ['octocat', 'justice-league'],
          waitTimerMinutes: 30,
          deploymentPolicy: {
            protectedBranches: false,
            customPolicies: [
              { name: 'v*', type: 'tag' },
              { name: 'release/*', type: 'branch' },
            ],
          },
        },
        { name: 'docs', id: 161088069, reviewers: [], waitTimerMinutes: 0, deploymentPolicy: null },
        { name: 'staging', id: 161088070, reviewers: [], waitTimerMinutes: 0, deploymentPolicy: { protectedBranches: true, customPolicies: [] } },
      ]);
      // Only the environment with custom rules has policies to read.
      assert.equal(fake.count(`GET ${POLICIES}`), 1);
      assert.equal(fake.requests[0]!.query.get('per_page'), '100');
    });

    it('follows the Link header through every page of secrets', async () => {
      const fake = await serve({
        [`GET ${REPO}/actions/secrets`]: (request) =>
          request.query.get('page') === '2'
            ? { status: 200, json: fixture('secrets-page-2.json'), headers: { link: `<${fake.baseUrl}${REPO}/actions/secrets?per_page=100&page=1>; rel="prev", <${fake.baseUrl}${REPO}/actions/secrets?per_page=100&page=1>; rel="first"` } }
            : { status: 200, json: fixture('secrets-page-1.json'), headers: { link: `<${fake.baseUrl}${REPO}/actions/secrets?per_page=100&page=2>; rel="next", <${fake.baseUrl}${REPO}/actions/secrets?per_page=100&page=2>; rel="last"` } },
      });
      assert.deepEqual(value(await client.secretNames('octo-org', 'hello-world')), ['GH_TOKEN', 'PYPI_API_TOKEN', 'TEST_PYPI_API_TOKEN']);
      assert.equal(fake.count(`GET ${REPO}/actions/secrets`), 2);
    });

    it('does not follow a next page on another host (the token would go with it)', async () => {
      await serve({
        [`GET ${REPO}/actions/secrets`]: { status: 200, json: fixture('secrets-page-1.json'), headers: { link: '<https://evil.example/steal?page=2>; rel="next"' } },
      });
      assert.equal(failure(await client.secretNames('octo-org', 'hello-world')).kind, 'Server');
    });
  });

  describe('writes', () => {
    it('deletes a secret', async () => {
      const fake = await serve({ [`DELETE ${REPO}/actions/secrets/PYPI_API_TOKEN`]: { status: 204 } });
      value(await client.deleteSecret('octo-org', 'hello-world', 'PYPI_API_TOKEN'));
      assert.equal(fake.requests.length, 1);
    });

    it('creates an environment limited to v* tags with the requested reviewer', async () => {
      const created = environment('pypi', (env) => {
        env.protection_rules = env.protection_rules.filter((rule: { type: string }) => rule.type !== 'wait_timer');
        env.protection_rules[0].reviewers = env.protection_rules[0].reviewers.slice(0, 1);
      });
      const fake = await serve({
        [`GET ${ENV}`]: { status: 404, json: fixture('errors/not-found.json') },
        [`PUT ${ENV}`]: (request) => {
          assert.deepEqual(request.body, {
            deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
            reviewers: [{ type: 'User', id: 1 }],
          });
          return { status: 200, json: created };
        },
        [`POST ${POLICIES}`]: (request) => {
          assert.deepEqual(request.body, { name: 'v*', type: 'tag' });
          return { status: 200, json: { id: 361473, node_id: 'MDE2OkdhdGVCcmFuY2hQb2xpY3kzNjE0NzM=', name: 'v*', type: 'tag' } };
        },
      });
      const result = value(await client.ensureEnvironment('octo-org', 'hello-world', { name: 'pypi', tagPattern: 'v*', reviewerIds: [1] }));
      assert.deepEqual(result, {
        created: true,
        environment: {
          name: 'pypi',
          id: 161088068,
          reviewers: ['octocat'],
          waitTimerMinutes: 0,
          deploymentPolicy: { protectedBranches: false, customPolicies: [{ name: 'v*', type: 'tag' }] },
        },
        changes: ['reviewer octocat', 'limited to tags v*'],
      });
      assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.path}`), [`GET ${ENV}`, `PUT ${ENV}`, `POST ${POLICIES}`]);
    });

    it('adds a reviewer to an existing environment, keeping its reviewers, wait timer and tag rule', async () => {
      const existing = environment('pypi', (env) => {
        env.protection_rules[1].reviewers = env.protection_rules[1].reviewers.slice(1); // the team only
        env.protection_rules[1].prevent_self_review = true;
      });
      const fake = await serve({
        [`GET ${ENV}`]: { status: 200, json: existing },
        [`PUT ${ENV}`]: (request) => {
          assert.deepEqual(request.body, {
            deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
            reviewers: [
              { type: 'Team', id: 1 },
              { type: 'User', id: 1 },
            ],
            wait_timer: 30,
            prevent_self_review: true,
          });
          return { status: 200, json: environment('pypi') };
        },
        [`GET ${POLICIES}`]: { status: 200, json: fixture('deployment-branch-policies.json') },
      });
      const result = value(await client.ensureEnvironment('octo-org', 'hello-world', { name: 'pypi', tagPattern: 'v*', reviewerIds: [1] }));
      assert.equal(result.created, false);
      assert.deepEqual(result.changes, ['reviewer octocat']);
      assert.deepEqual(result.environment.reviewers, ['octocat', 'justice-league']);
      assert.equal(result.environment.waitTimerMinutes, 30);
      assert.equal(fake.count(`POST ${POLICIES}`), 0, 'the existing v* tag policy is not duplicated');
    });

    it('changes nothing when the environment is already set up', async () => {
      const fake = await serve({
        [`GET ${ENV}`]: { status: 200, json: environment('pypi') },
        [`GET ${POLICIES}`]: { status: 200, json: fixture('deployment-branch-policies.json') },
      });
      const result = value(await client.ensureEnvironment('octo-org', 'hello-world', { name: 'pypi', tagPattern: 'v*', reviewerIds: [1] }));
      assert.deepEqual(result.changes, []);
      assert.equal(result.created, false);
      assert.ok(fake.requests.every((r) => r.method === 'GET'), 'no writes');
    });

    it('limits an open environment to tags without touching reviewers when none are requested', async () => {
      const open = environment('docs', (env) => (env.name = 'pypi'));
      const limited = environment('pypi', noReviewers);
      const branchNamedLikeTheTag = { total_count: 1, branch_policies: [{ id: 9, node_id: 'x', name: 'v*', type: 'branch' }] };
      const fake = await serve({
        [`GET ${ENV}`]: { status: 200, json: open },
        [`PUT ${ENV}`]: (request) => {
          assert.deepEqual(request.body, { deployment_branch_policy: { protected_branches: false, custom_branch_policies: true } });
          return { status: 200, json: limited };
        },
        [`GET ${POLICIES}`]: { status: 200, json: branchNamedLikeTheTag },
        [`POST ${POLICIES}`]: { status: 200, json: { id: 10, node_id: 'y', name: 'v*', type: 'tag' } },
      });
      const result = value(await client.ensureEnvironment('octo-org', 'hello-world', { name: 'pypi', tagPattern: 'v*' }));
      assert.deepEqual(result.changes, ['limited to tags v*']);
      assert.deepEqual(result.environment.deploymentPolicy?.customPolicies, [
        { name: 'v*', type: 'branch' },
        { name: 'v*', type: 'tag' },
      ]);
      assert.equal(fake.count(`POST ${POLICIES}`), 1, 'a branch rule named v* does not admit tags');
    });

    it('says so when custom rules replace "protected branches only"', async () => {
      await serve({
        [`GET ${ENV}`]: { status: 200, json: environment('staging', (env) => (env.name = 'pypi')) },
        [`PUT ${ENV}`]: { status: 200, json: environment('pypi', noReviewers) },
        [`GET ${POLICIES}`]: { status: 200, json: { total_count: 1, branch_policies: [{ id: 1, node_id: 'z', name: 'v*', type: 'tag' }] } },
      });
      const result = value(await client.ensureEnvironment('octo-org', 'hello-world', { name: 'pypi', tagPattern: 'v*' }));
      assert.deepEqual(result.changes, ['custom deployment rules instead of protected branches only']);
    });
  });

  describe('failures', () => {
    it('401: Unauthorized', async () => {
      await serve({ 'GET /user': { status: 401, json: fixture('errors/bad-credentials.json') } });
      const error = failure(await client.viewer());
      assert.equal(error.kind, 'Unauthorized');
      assert.match(error.message, /sign in/i);
    });

    it('403 with x-ratelimit-remaining 0: RateLimited at once, with the reset time', async () => {
      const reset = Math.floor(Date.now() / 1000) + 3600;
      const fake = await serve({ [`GET ${REPO}`]: rateLimited(reset) });
      const started = Date.now();
      const error = failure(await client.repository('octo-org', 'hello-world'));
      assert.ok(Date.now() - started < 1000, 'no waiting for the reset');
      assert.equal(error.kind, 'RateLimited');
      assert.equal(error.kind === 'RateLimited' && error.resetAt?.getTime(), reset * 1000);
      assert.match(error.message, /60 min/);
      assert.equal(fake.requests.length, 1);
    });

    it('403 rate limit whose reset has already passed: one quick retry', async () => {
      const fake = await serve({ [`GET ${REPO}`]: [rateLimited(Math.floor(Date.now() / 1000) - 60), { status: 200, json: fixture('repository.json') }] });
      assert.equal(value(await client.repository('octo-org', 'hello-world')).repo, 'Hello-World');
      assert.equal(fake.requests.length, 2);
    });

    it('secondary rate limit with retry-after: RateLimited at once', async () => {
      const fake = await serve({ [`GET ${REPO}/actions/secrets`]: { status: 403, headers: { 'retry-after': '60' }, json: fixture('errors/secondary-rate-limit.json') } });
      const started = Date.now();
      const error = failure(await client.secretNames('octo-org', 'hello-world'));
      assert.equal(error.kind, 'RateLimited');
      const resetAt = error.kind === 'RateLimited' ? error.resetAt!.getTime() : 0;
      assert.ok(resetAt >= started + 59_000 && resetAt <= Date.now() + 61_000);
      assert.equal(fake.requests.length, 1);
    });

    it('429: RateLimited, not retried blindly', async () => {
      const fake = await serve({ [`GET ${REPO}`]: { status: 429, headers: { 'retry-after': '120' }, json: fixture('errors/secondary-rate-limit.json') } });
      assert.equal(failure(await client.repository('octo-org', 'hello-world')).kind, 'RateLimited');
      assert.equal(fake.requests.length, 1);
    });

    it('other 403: Forbidden, explaining admin rights, with GitHub\'s words', async () => {
      const fake = await serve({
        [`GET ${ENV}`]: { status: 404, json: fixture('errors/not-found.json') },
        [`PUT ${ENV}`]: { status: 403, json: fixture('errors/admin-rights.json') },
      });
      const error = failure(await client.ensureEnvironment('octo-org', 'hello-world', { name: 'pypi', tagPattern: 'v*' }));
      assert.equal(error.kind, 'Forbidden');
      assert.match(error.message, /admin rights/);
      assert.match(error.message, /Must have admin rights to Repository\./);
      assert.equal(fake.count(`PUT ${ENV}`), 1);
    });

    it('403 for a token without the repo scope: says which scope is missing', async () => {
      await serve({ [`GET ${REPO}/actions/secrets`]: { status: 403, headers: { 'x-oauth-scopes': 'read:user, workflow', 'x-accepted-oauth-scopes': 'repo' }, json: { message: 'Resource not accessible by integration' } } });
      const error = failure(await client.secretNames('octo-org', 'hello-world'));
      assert.equal(error.kind, 'Forbidden');
      assert.match(error.message, /repo scope/);
    });

    it('404: NotFound, not retried', async () => {
      const fake = await serve({ [`GET ${REPO}`]: { status: 404, json: fixture('errors/not-found.json') } });
      const error = failure(await client.repository('octo-org', 'hello-world'));
      assert.equal(error.kind, 'NotFound');
      assert.match(error.message, /octo-org\/hello-world/);
      assert.equal(fake.requests.length, 1);
    });

    it('422: Validation with GitHub\'s message and details', async () => {
      await serve({
        [`GET ${ENV}`]: { status: 404, json: fixture('errors/not-found.json') },
        [`PUT ${ENV}`]: { status: 422, json: fixture('errors/validation-failed.json') },
      });
      const error = failure(await client.ensureEnvironment('octo-org', 'hello-world', { name: 'pypi', tagPattern: 'v*', reviewerIds: [99] }));
      assert.equal(error.kind, 'Validation');
      assert.equal(error.kind === 'Validation' && error.status, 422);
      assert.match(error.message, /Validation Failed: Reviewers must have at least read access to the repository/);
    });

    it('500 on a read: retried once, then Server', async () => {
      const fake = await serve({ [`GET ${REPO}`]: { status: 500, json: fixture('errors/server-error.json') } });
      const error = failure(await client.repository('octo-org', 'hello-world'));
      assert.equal(error.kind, 'Server');
      assert.equal(error.kind === 'Server' && error.status, 500);
      assert.equal(fake.requests.length, 2);
    });

    it('a 502 that passes: the retry answers', async () => {
      const fake = await serve({ [`GET ${REPO}`]: [{ status: 502, text: '<html>Bad gateway</html>', headers: { 'content-type': 'text/html' } }, { status: 200, json: fixture('repository.json') }] });
      assert.equal(value(await client.repository('octo-org', 'hello-world')).owner, 'Octo-Org');
      assert.equal(fake.requests.length, 2);
    });

    it('5xx on POST: not retried (a lost POST must not be applied twice)', async () => {
      const fake = await serve({
        [`GET ${ENV}`]: { status: 200, json: environment('pypi', noReviewers) },
        [`GET ${POLICIES}`]: { status: 200, json: { total_count: 0, branch_policies: [] } },
        [`POST ${POLICIES}`]: { status: 502, json: fixture('errors/server-error.json') },
      });
      const error = failure(await client.ensureEnvironment('octo-org', 'hello-world', { name: 'pypi', tagPattern: 'v*' }));
      assert.equal(error.kind, 'Server');
      assert.equal(fake.count(`POST ${POLICIES}`), 1);
    });

    it('a server that never answers: Network error within the timeout, not retried', async () => {
      const fake = await serve({ 'GET /user': 'hang' }, { timeoutMs: 300 });
      const started = Date.now();
      const error = failure(await client.viewer());
      const elapsed = Date.now() - started;
      assert.equal(error.kind, 'Network');
      assert.match(error.message, /did not answer within 0\.3 s/);
      assert.ok(elapsed >= 250 && elapsed < 1500, `took ${elapsed} ms`);
      assert.equal(fake.requests.length, 1);
    });

    it('nobody listening: Network', async () => {
      const fake = await serve({});
      const { baseUrl } = fake;
      await fake.close();
      server = undefined;
      client = createGitHubClient({ token: TOKEN, baseUrl, userAgent: USER_AGENT, retryDelayMs: 10 });
      const error = failure(await client.viewer());
      assert.equal(error.kind, 'Network');
      assert.match(error.message, /Could not reach GitHub \(127\.0\.0\.1:\d+\)/);
    });

    it('malformed JSON: Server error saying the answer could not be read', async () => {
      await serve({ 'GET /user': { status: 200, text: '{"login": "octocat", "id": ' } });
      const error = failure(await client.viewer());
      assert.equal(error.kind, 'Server');
      assert.match(error.message, /could not be read/);
    });

    it('valid JSON of the wrong shape: Server error too', async () => {
      await serve({ [`GET ${REPO}/environments`]: { status: 200, json: { total_count: 1, environments: [{ name: 'pypi' }] } } });
      const error = failure(await client.environments('octo-org', 'hello-world'));
      assert.equal(error.kind, 'Server');
      assert.match(error.message, /the environment has no numeric id/);
    });

    it('an answer over the size limit is refused with a clear error, not read into memory', async () => {
      await serve({ 'GET /user': { status: 200, text: `{"login": "octocat", "pad": "${'x'.repeat(21 * 1024 * 1024)}"}` } });
      const error = failure(await client.viewer());
      assert.match(error.message, /larger than 20 MB/);
    });

    it('masks the token even when the server echoes it back', async () => {
      await serve({ 'GET /user': (request) => ({ status: 422, json: { message: `Invalid header ${request.headers.authorization}` } }) });
      const error = failure(await client.viewer());
      assert.equal(error.kind, 'Validation');
      assert.match(error.message, /Invalid header token \*\*\*/);
    });
  });
});
