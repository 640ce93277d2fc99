/**
 * The GitHub REST client (environments, secrets, repository facts) and the pure rules the wizard needs around it.
 * Importing this module does not load octokit; the first call does.
 */
export { createGitHubClient } from './client';
export { latestFailedRelease, type FailedRelease } from './failedRelease';
export { canRequireReviewers, suggestedTagPattern } from './reviewers';
export { nextPageUrl } from './pagination';
export { planEnvironment, hasTagPolicy } from './environmentPlan';
export type * from './types';
export type * from './releaseTypes';
export type { BranchPolicy, EnvironmentState, ReviewerRef } from './responses';
export type { EnvironmentPlan, EnvironmentPutBody } from './environmentPlan';
