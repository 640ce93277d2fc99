import type { Octokit } from '@octokit/core';
import { err, ok, type Result } from '../result';
import { environmentFacts, parseBranchPolicy, parseEnvironment, parseRepository, parseSecretName, parseViewer, type BranchPolicy, type EnvironmentState } from './responses';
import { hasStatus, toGitHubError } from './errors';
import { hasTagPolicy, planEnvironment } from './environmentPlan';
import { loadOctokit } from './loadOctokit';
import { buildOctokit, DEFAULT_TIMEOUT_MS, normalizedBaseUrl } from './octokit';
import { parseFailedJobs, parseWorkflowRun, parseWorkflowRuns } from './actionsRuns';
import { fetchWithTimeout, RequestTimeout } from './timeout';
import { fetchWithLimit } from '../responseLimit';
import { listAll } from './pagination';
import { releaseCalls } from './releaseCalls';
import type { EnsureEnvironmentResult, EnvironmentFacts, GitHubClient, GitHubClientOptions, GitHubError } from './types';

/** A signed log URL's host, for messages: the URL's query is the credential and is never shown. */
const hostOf = (url: URL): string => url.host;

/** Writes that are not idempotent are never retried: a POST lost after GitHub applied it would be applied twice. */
const NO_RETRY = { request: { retries: 0 } };

/**
 * A GitHub REST client for the wizard. Octokit is loaded on the first call, never before; every method returns a
 * Result and never throws.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const baseUrl = normalizedBaseUrl(options);
  let octokit: Promise<Octokit> | undefined;
  const client = (): Promise<Octokit> =>
    (octokit ??= loadOctokit()
      .then((module) => buildOctokit(module, options))
      .catch((error: unknown) => {
        octokit = undefined; // a failed load must not stick: the next call tries again
        throw error;
      }));

  async function call<T>(target: string, work: (octokit: Octokit) => Promise<T>): Promise<Result<T, GitHubError>> {
    try {
      return ok(await work(await client()));
    } catch (error) {
      return err(toGitHubError(error, { target, baseUrl, token: options.token }));
    }
  }

  const policies = async (o: Octokit, owner: string, repo: string, environment: string): Promise<BranchPolicy[]> =>
    (
      await listAll(
        o,
        'GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
        { owner, repo, environment_name: environment },
        'branch_policies',
        'the deployment branch policies',
        baseUrl,
      )
    ).map(parseBranchPolicy);

  const facts = async (o: Octokit, owner: string, repo: string, state: EnvironmentState): Promise<EnvironmentFacts> =>
    environmentFacts(state, state.branchPolicy?.customBranchPolicies ? await policies(o, owner, repo, state.name) : []);

  return {
    ...releaseCalls(call, baseUrl),

    viewer: () => call('your GitHub account', async (o) => parseViewer((await o.request('GET /user')).data)),

    repository: (owner, repo) =>
      call(`${owner}/${repo}`, async (o) => parseRepository((await o.request('GET /repos/{owner}/{repo}', { owner, repo })).data)),

    environments: (owner, repo) =>
      call(`the environments of ${owner}/${repo}`, async (o) => {
        const listed = await listAll(o, 'GET /repos/{owner}/{repo}/environments', { owner, repo }, 'environments', 'the environment list', baseUrl);
        const result: EnvironmentFacts[] = [];
        // One after the other: GitHub asks clients not to fire requests concurrently (secondary rate limits).
        for (const environment of listed) result.push(await facts(o, owner, repo, parseEnvironment(environment)));
        return result;
      }),

    ensureEnvironment: (owner, repo, request) =>
      call(`environment ${request.name} of ${owner}/${repo}`, async (o): Promise<EnsureEnvironmentResult> => {
        const route = { owner, repo, environment_name: request.name };
        let existing: EnvironmentState | undefined;
        try {
          existing = parseEnvironment((await o.request('GET /repos/{owner}/{repo}/environments/{environment_name}', route)).data);
        } catch (error) {
          if (!hasStatus(error, 404)) throw error;
        }

        const plan = planEnvironment(existing, request);
        const changes: string[] = [];
        let state: EnvironmentState;
        if (!plan.put) {
          state = existing!; // the plan skips the PUT only for an environment that exists and needs nothing
        } else {
          // PUT is idempotent: octokit may retry it once on a 5xx.
          state = parseEnvironment((await o.request('PUT /repos/{owner}/{repo}/environments/{environment_name}', { ...route, ...plan.put })).data);
          if (plan.replacedPolicy) changes.push(`custom deployment rules instead of ${plan.replacedPolicy}`);
          for (const id of plan.addedReviewerIds) {
            const reviewer = state.reviewers.find((r) => r.type === 'User' && r.id === id);
            changes.push(`reviewer ${reviewer?.name ?? `user #${id}`}`);
          }
        }

        // A new environment has no rules yet; an existing one may already have ours (or others, which are kept).
        const current = existing ? await policies(o, owner, repo, state.name) : [];
        if (!hasTagPolicy(current, request.tagPattern)) {
          const created = await o.request('POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies', {
            owner,
            repo,
            environment_name: state.name,
            name: request.tagPattern,
            type: 'tag',
            ...NO_RETRY,
          });
          current.push(parseBranchPolicy(created.data));
          changes.push(`limited to tags ${request.tagPattern}`);
        }
        return { created: existing === undefined, environment: environmentFacts(state, current), changes };
      }),

    secretNames: (owner, repo) =>
      call(`the secrets of ${owner}/${repo}`, async (o) =>
        (await listAll(o, 'GET /repos/{owner}/{repo}/actions/secrets', { owner, repo }, 'secrets', 'the secret list', baseUrl)).map(parseSecretName),
      ),

    deleteSecret: (owner, repo, name) =>
      call(`secret ${name} of ${owner}/${repo}`, async (o) => {
        await o.request('DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}', { owner, repo, secret_name: name });
      }),

    latestFailedRun: (owner, repo, workflowFile) =>
      call(`the runs of ${workflowFile} in ${owner}/${repo}`, async (o) => {
        const response = await o.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
          owner,
          repo,
          workflow_id: workflowFile,
          status: 'failure',
          per_page: 1,
        });
        return parseWorkflowRuns(response.data)[0];
      }),

    workflowFileRuns: (owner, repo, workflowFile) =>
      call(`the runs of ${workflowFile} in ${owner}/${repo}`, async (o) => {
        const response = await o.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
          owner,
          repo,
          workflow_id: workflowFile,
          exclude_pull_requests: true,
          per_page: 20,
        });
        return parseWorkflowRuns(response.data);
      }),

    runFacts: (owner, repo, runId) =>
      call(`run ${runId} of ${owner}/${repo}`, async (o) => parseWorkflowRun((await o.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner, repo, run_id: runId })).data)),

    failedJobs: (owner, repo, runId) =>
      call(`the jobs of run ${runId} in ${owner}/${repo}`, async (o) => {
        const response = await o.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', { owner, repo, run_id: runId, filter: 'latest', per_page: 100 });
        return parseFailedJobs(response.data);
      }),

    jobLog: async (owner, repo, jobId) => {
      const answer = await call(`the log of job ${jobId} in ${owner}/${repo}`, async (o) => {
        // Not followed by octokit: the redirect goes to another host, which must not receive the token.
        const response = await o.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', { owner, repo, job_id: jobId, request: { redirect: 'manual' } });
        const location = (response.headers as Record<string, unknown>).location;
        return { status: response.status as number, data: response.data as unknown, location: typeof location === 'string' ? location : undefined };
      });
      if (!answer.ok) return answer;
      const { status, data, location } = answer.value;
      if (status >= 200 && status < 300) return ok(typeof data === 'string' ? data : '');
      if (!location) return err({ kind: 'Server', status, message: `GitHub answered ${status} for the log of job ${jobId}, without saying where the log is` });
      return downloadLog(location, jobId);
    },
  };

  /** Fetches the signed log URL GitHub redirected to: no Authorization header, HTTPS unless the API itself is HTTP (a local test server). */
  async function downloadLog(location: string, jobId: number): Promise<Result<string, GitHubError>> {
    let url: URL;
    try {
      url = new URL(location, baseUrl);
    } catch {
      return err({ kind: 'Server', status: 302, message: `GitHub redirected the log of job ${jobId} to an address that is not a URL` });
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && baseUrl.startsWith('http:'))) {
      return err({ kind: 'Server', status: 302, message: `GitHub redirected the log of job ${jobId} to ${url.protocol}//${hostOf(url)}, which is not HTTPS; not followed` });
    }
    const fetchLog = fetchWithTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, fetchWithLimit());
    try {
      const response = await fetchLog(url, { headers: { 'user-agent': options.userAgent }, redirect: 'follow' });
      const text = await response.text();
      if (response.ok) return ok(text);
      if (response.status === 404 || response.status === 410 || response.status === 403) {
        return err({ kind: 'NotFound', message: `the log of job ${jobId} is no longer available from ${hostOf(url)} (${response.status}): it expired, or was deleted` });
      }
      return err({ kind: 'Server', status: response.status, message: `${hostOf(url)} answered ${response.status} for the log of job ${jobId}` });
    } catch (error) {
      const why = error instanceof RequestTimeout ? `no answer within ${error.timeoutMs} ms` : error instanceof Error ? error.message.replace(/https?:\/\/\S+/g, hostOf(url)) : 'the connection failed';
      return err({ kind: 'Network', message: `could not download the log of job ${jobId} from ${hostOf(url)}: ${why}` });
    }
  }
}
