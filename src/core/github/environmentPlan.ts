import type { BranchPolicy, EnvironmentState, ReviewerRef } from './responses';
import type { EnsureEnvironmentRequest } from './types';

/** The body of PUT /repos/{owner}/{repo}/environments/{environment_name}. */
export interface EnvironmentPutBody {
  deployment_branch_policy: { protected_branches: false; custom_branch_policies: true };
  reviewers?: Array<{ type: 'User' | 'Team'; id: number }>;
  wait_timer?: number;
  prevent_self_review?: boolean;
}

export interface EnvironmentPlan {
  /** Undefined when the environment already has custom deployment rules and every requested reviewer. */
  put?: EnvironmentPutBody;
  /** Requested user ids that are not reviewers yet, to name them in the report once GitHub has answered. */
  addedReviewerIds: number[];
  /** The protection the environment had and loses, in words, when it switches to custom rules. */
  replacedPolicy?: string;
}

/**
 * What to send so that only `tagPattern` tags (plus any rules already there) may deploy and the requested users must
 * approve. The PUT replaces the environment's settings, so the reviewers, wait timer and self-review setting it already
 * has are sent back: setting up trusted publishing must not silently remove someone's protection.
 */
export function planEnvironment(existing: EnvironmentState | undefined, request: EnsureEnvironmentRequest): EnvironmentPlan {
  const current = existing?.reviewers ?? [];
  const addedReviewerIds = [...new Set(request.reviewerIds ?? [])].filter(
    (id) => !current.some((reviewer) => reviewer.type === 'User' && reviewer.id === id),
  );
  const customAlready = existing?.branchPolicy?.customBranchPolicies === true;
  if (existing && customAlready && addedReviewerIds.length === 0) return { addedReviewerIds };

  const reviewers: Array<Pick<ReviewerRef, 'type' | 'id'>> = [
    ...current.map(({ type, id }) => ({ type, id })),
    ...addedReviewerIds.map((id) => ({ type: 'User' as const, id })),
  ];
  const put: EnvironmentPutBody = { deployment_branch_policy: { protected_branches: false, custom_branch_policies: true } };
  if (reviewers.length > 0) put.reviewers = reviewers;
  if (existing && existing.waitTimerMinutes > 0) put.wait_timer = existing.waitTimerMinutes;
  if (existing?.preventSelfReview !== undefined) put.prevent_self_review = existing.preventSelfReview;

  const plan: EnvironmentPlan = { put, addedReviewerIds };
  if (existing?.branchPolicy?.protectedBranches) plan.replacedPolicy = 'protected branches only';
  return plan;
}

/** Whether a tag rule for exactly this pattern exists: a branch rule with the same name does not admit tags. */
export function hasTagPolicy(policies: BranchPolicy[], tagPattern: string): boolean {
  return policies.some((policy) => policy.type === 'tag' && policy.name === tagPattern);
}
