import * as assert from 'node:assert/strict';
import { canRequireReviewers, hasTagPolicy, nextPageUrl, planEnvironment, suggestedTagPattern } from '../../../src/core/github';
import type { RepositoryFacts } from '../../../src/core/github';

const repo = (visibility: RepositoryFacts['visibility']): RepositoryFacts => ({
  owner: 'Octo-Org',
  repo: 'Hello-World',
  id: 1,
  ownerId: 2,
  ownerType: 'Organization',
  visibility,
  defaultBranch: 'main',
  admin: true,
});

describe('GitHub pure helpers', () => {
  it('offers required reviewers where every plan allows them', () => {
    assert.equal(canRequireReviewers(repo('public')), true);
    // Internal repositories exist only under enterprise accounts, whose plans include reviewers.
    assert.equal(canRequireReviewers(repo('internal')), true);
    // Private: only on enterprise plans, which the repository does not tell.
    assert.equal(canRequireReviewers(repo('private')), false);
  });

  it('suggests v* tags for both triggers', () => {
    assert.equal(suggestedTagPattern('release'), 'v*');
    assert.equal(suggestedTagPattern('tag'), 'v*');
  });

  it('finds the next page in a Link header', () => {
    const link = '<https://api.github.com/repositories/1/secrets?page=2>; rel="next", <https://api.github.com/repositories/1/secrets?page=5>; rel="last"';
    assert.equal(nextPageUrl(link), 'https://api.github.com/repositories/1/secrets?page=2');
    assert.equal(nextPageUrl('<https://api.github.com/x?page=1>; rel="prev"'), undefined);
    assert.equal(nextPageUrl(undefined), undefined);
  });

  it('matches tag policies by type and name', () => {
    assert.equal(hasTagPolicy([{ name: 'v*', type: 'branch' }], 'v*'), false);
    assert.equal(hasTagPolicy([{ name: 'v*', type: 'tag' }], 'v*'), true);
    assert.equal(hasTagPolicy([{ name: 'v[0-9]*', type: 'tag' }], 'v*'), false);
  });

  it('plans no write for an environment that is already right', () => {
    const existing = {
      name: 'pypi',
      id: 1,
      reviewers: [{ type: 'User' as const, id: 7, name: 'me' }],
      waitTimerMinutes: 0,
      branchPolicy: { protectedBranches: false, customBranchPolicies: true },
    };
    assert.deepEqual(planEnvironment(existing, { name: 'pypi', tagPattern: 'v*', reviewerIds: [7] }), { addedReviewerIds: [] });
  });

  it('does not count a team with the same id as the requested user', () => {
    const existing = {
      name: 'pypi',
      id: 1,
      reviewers: [{ type: 'Team' as const, id: 7, name: 'core' }],
      waitTimerMinutes: 5,
      branchPolicy: null,
    };
    const plan = planEnvironment(existing, { name: 'pypi', tagPattern: 'v*', reviewerIds: [7, 7] });
    assert.deepEqual(plan.addedReviewerIds, [7]);
    assert.deepEqual(plan.put, {
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
      reviewers: [
        { type: 'Team', id: 7 },
        { type: 'User', id: 7 },
      ],
      wait_timer: 5,
    });
  });
});
