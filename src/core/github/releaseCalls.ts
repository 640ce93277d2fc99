import type { Octokit } from '@octokit/core';
import type { Result } from '../result';
import { hasStatus } from './errors';
import { parseActionsJobs, parseActionsRun, parseActionsRuns } from './actionsRuns';
import { listAll } from './pagination';
import { parseCreatedRelease, parseEnvironmentSummary, parsePendingDeployments, parseTagName, parseTagRef } from './releaseResponses';
import type { ReleaseCalls } from './releaseTypes';
import type { GitHubError } from './types';

type Call = <T>(target: string, work: (octokit: Octokit) => Promise<T>) => Promise<Result<T, GitHubError>>;

/** Writes that are not idempotent are never retried: a POST lost after GitHub applied it would be applied twice. */
const NO_RETRY = { request: { retries: 0 } };

/** Ten pages of 100: enough for the tags of any release history; a repository with more is read in part. */
const TAG_PAGES = 10;

/**
 * The calls of "Release…", made through the client's own `call` (one octokit, one error mapping). `baseUrl` keeps
 * paginated lists on the API's own host.
 */
export function releaseCalls(call: Call, baseUrl: string): ReleaseCalls {
  return {
    tagNames: (owner, repo, maxPages = TAG_PAGES) =>
      call(`the tags of ${owner}/${repo}`, async (o) =>
        (await listAll(o, 'GET /repos/{owner}/{repo}/tags', { owner, repo }, undefined, 'the tag list', baseUrl, maxPages)).map(parseTagName),
      ),

    tagCommit: (owner, repo, tag) =>
      call(`tag ${tag} of ${owner}/${repo}`, async (o) => {
        try {
          return parseTagRef((await o.request('GET /repos/{owner}/{repo}/git/ref/tags/{tag}', { owner, repo, tag })).data);
        } catch (error) {
          if (hasStatus(error, 404)) return undefined;
          throw error;
        }
      }),

    createRelease: (owner, repo, request) =>
      call(`release ${request.tagName} of ${owner}/${repo}`, async (o) =>
        parseCreatedRelease(
          (
            await o.request('POST /repos/{owner}/{repo}/releases', {
              owner,
              repo,
              tag_name: request.tagName,
              target_commitish: request.targetSha,
              name: request.name,
              generate_release_notes: true,
              draft: false,
              prerelease: request.prerelease,
              ...NO_RETRY,
            })
          ).data,
        ),
      ),

    createTag: (owner, repo, tag, sha) =>
      call(`tag ${tag} of ${owner}/${repo}`, async (o) => {
        await o.request('POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/tags/${tag}`, sha, ...NO_RETRY });
      }),

    workflowRuns: (owner, repo, query) =>
      call(`the workflow runs of ${owner}/${repo}`, async (o) =>
        parseActionsRuns(
          (await o.request('GET /repos/{owner}/{repo}/actions/runs', { owner, repo, head_sha: query.headSha, event: query.event, per_page: 30 })).data,
        ),
      ),

    workflowRun: (owner, repo, runId) =>
      call(`run ${runId} of ${owner}/${repo}`, async (o) =>
        parseActionsRun((await o.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner, repo, run_id: runId })).data),
      ),

    runJobs: (owner, repo, runId) =>
      call(`the jobs of run ${runId} in ${owner}/${repo}`, async (o) =>
        parseActionsJobs((await o.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', { owner, repo, run_id: runId, filter: 'latest', per_page: 100 })).data),
      ),

    pendingDeployments: (owner, repo, runId) =>
      call(`the approvals run ${runId} of ${owner}/${repo} waits for`, async (o) =>
        parsePendingDeployments((await o.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments', { owner, repo, run_id: runId })).data),
      ),

    approveDeployments: (owner, repo, runId, environmentIds, comment) =>
      call(`the approval of run ${runId} in ${owner}/${repo}`, async (o) => {
        await o.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments', {
          owner,
          repo,
          run_id: runId,
          environment_ids: environmentIds,
          state: 'approved',
          comment,
          ...NO_RETRY,
        });
      }),

    environment: (owner, repo, name) =>
      call(`environment ${name} of ${owner}/${repo}`, async (o) => {
        try {
          return parseEnvironmentSummary((await o.request('GET /repos/{owner}/{repo}/environments/{environment_name}', { owner, repo, environment_name: name })).data);
        } catch (error) {
          if (hasStatus(error, 404)) return undefined;
          throw error;
        }
      }),
  };
}
