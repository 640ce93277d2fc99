import type { Octokit } from '@octokit/core';
import { err, ok, type Result } from '../result';
import { environmentFacts, parseBranchPolicy, parseEnvironment, parseRepository, parseSecretName, parseViewer, type BranchPolicy, type EnvironmentState } from './responses';
import { hasStatus, toGitHubError } from './errors';
import { hasTagPolicy, planEnvironment } from './environmentPlan';
import { loadOctokit } from './loadOctokit';
import { buildOctokit, normalizedBaseUrl } from './octokit';
import { listAll } from './pagination';
import { releaseCalls } from './releaseCalls';
import type { EnsureEnvironmentResult, EnvironmentFacts, GitHubClient, GitHubClientOptions, GitHubError } from './types';

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
    ...releaseCalls(call),

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
  };
}
