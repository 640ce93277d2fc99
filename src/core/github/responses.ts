import type { EnvironmentFacts, RepositoryFacts } from './types';

/**
 * GitHub answered 2xx, but not with the JSON shape the REST API documents (a proxy's HTML page, a truncated body, an
 * incompatible GitHub Enterprise version). octokit hands over unparsable JSON as a plain string, so every field is
 * checked before use.
 */
export class MalformedResponse extends Error {
  override readonly name = 'MalformedResponse';
}

type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function record(value: unknown, what: string): Json {
  if (!isRecord(value)) throw new MalformedResponse(`${what} is not a JSON object`);
  return value;
}

export function string(value: Json, key: string, what: string): string {
  const field = value[key];
  if (typeof field !== 'string') throw new MalformedResponse(`${what} has no ${key}`);
  return field;
}

export function number(value: Json, key: string, what: string): number {
  const field = value[key];
  if (typeof field !== 'number') throw new MalformedResponse(`${what} has no numeric ${key}`);
  return field;
}

export function array(value: Json, key: string, what: string): unknown[] {
  const field = value[key];
  if (!Array.isArray(field)) throw new MalformedResponse(`${what} has no ${key} list`);
  return field;
}

/** GET /user */
export function parseViewer(data: unknown): { login: string; id: number } {
  const user = record(data, 'the user');
  return { login: string(user, 'login', 'the user'), id: number(user, 'id', 'the user') };
}

/** GET /repos/{owner}/{repo} */
export function parseRepository(data: unknown): RepositoryFacts {
  const repo = record(data, 'the repository');
  const owner = record(repo.owner, 'the repository owner');
  // `visibility` is documented as optional; `private` is always there and tells public from private.
  const visibility =
    repo.visibility === 'public' || repo.visibility === 'private' || repo.visibility === 'internal'
      ? repo.visibility
      : repo.private === true
        ? 'private'
        : 'public';
  // `permissions` is only present for an authenticated caller; without it we cannot claim admin rights.
  const admin = isRecord(repo.permissions) && repo.permissions.admin === true;
  return {
    owner: string(owner, 'login', 'the repository owner'),
    repo: string(repo, 'name', 'the repository'),
    id: number(repo, 'id', 'the repository'),
    ownerId: number(owner, 'id', 'the repository owner'),
    ownerType: owner.type === 'Organization' ? 'Organization' : 'User',
    visibility,
    defaultBranch: string(repo, 'default_branch', 'the repository'),
    admin,
  };
}

export interface ReviewerRef {
  type: 'User' | 'Team';
  id: number;
  /** A user's login or a team's slug. */
  name: string;
}

/** An environment as GET/PUT /repos/{owner}/{repo}/environments/{name} return it, before its branch policies are read. */
export interface EnvironmentState {
  name: string;
  id: number;
  reviewers: ReviewerRef[];
  waitTimerMinutes: number;
  /** Part of the required_reviewers rule; undefined when there is no such rule. */
  preventSelfReview?: boolean;
  /** null: any branch or tag may deploy. */
  branchPolicy: null | { protectedBranches: boolean; customBranchPolicies: boolean };
}

function parseReviewer(value: unknown): ReviewerRef | undefined {
  if (!isRecord(value) || !isRecord(value.reviewer)) return undefined;
  const { reviewer } = value;
  if (typeof reviewer.id !== 'number') return undefined;
  if (value.type === 'Team' && typeof reviewer.slug === 'string') return { type: 'Team', id: reviewer.id, name: reviewer.slug };
  if (value.type === 'User' && typeof reviewer.login === 'string') return { type: 'User', id: reviewer.id, name: reviewer.login };
  return undefined;
}

export function parseEnvironment(data: unknown): EnvironmentState {
  const env = record(data, 'the environment');
  // protection_rules is optional and may hold rule types this code does not know (custom deployment protection apps).
  const rules = Array.isArray(env.protection_rules) ? env.protection_rules.filter(isRecord) : [];
  const reviewerRule = rules.find((rule) => rule.type === 'required_reviewers');
  const waitRule = rules.find((rule) => rule.type === 'wait_timer');
  const policy = env.deployment_branch_policy;
  const state: EnvironmentState = {
    name: string(env, 'name', 'the environment'),
    id: number(env, 'id', 'the environment'),
    reviewers: Array.isArray(reviewerRule?.reviewers) ? reviewerRule.reviewers.map(parseReviewer).filter((r) => r !== undefined) : [],
    waitTimerMinutes: typeof waitRule?.wait_timer === 'number' ? waitRule.wait_timer : 0,
    branchPolicy: isRecord(policy)
      ? { protectedBranches: policy.protected_branches === true, customBranchPolicies: policy.custom_branch_policies === true }
      : null,
  };
  if (typeof reviewerRule?.prevent_self_review === 'boolean') state.preventSelfReview = reviewerRule.prevent_self_review;
  return state;
}

export type BranchPolicy = { name: string; type: 'branch' | 'tag' };

/** One entry of GET .../deployment-branch-policies, or the answer to POST. */
export function parseBranchPolicy(value: unknown): BranchPolicy {
  const policy = record(value, 'a deployment branch policy');
  // `type` arrived with tag policies; older servers only had branch policies.
  return { name: string(policy, 'name', 'a deployment branch policy'), type: policy.type === 'tag' ? 'tag' : 'branch' };
}

export function environmentFacts(state: EnvironmentState, customPolicies: BranchPolicy[]): EnvironmentFacts {
  return {
    name: state.name,
    id: state.id,
    reviewers: state.reviewers.map((reviewer) => reviewer.name),
    waitTimerMinutes: state.waitTimerMinutes,
    deploymentPolicy: state.branchPolicy && {
      protectedBranches: state.branchPolicy.protectedBranches,
      customPolicies: state.branchPolicy.customBranchPolicies ? customPolicies : [],
    },
  };
}

/** GET .../actions/secrets entries: names only, GitHub never returns values. */
export function parseSecretName(value: unknown): string {
  return string(record(value, 'a secret'), 'name', 'a secret');
}
