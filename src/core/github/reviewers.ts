import type { RepositoryFacts } from './types';

/**
 * Whether GitHub will accept required reviewers on an environment of this repository.
 *
 * GitHub's docs ("REST API endpoints for deployment environments"): protection rules are available in public
 * repositories on all current plans; on GitHub Free, Pro and Team, wait timers and required reviewers are available
 * for public repositories only. So:
 * - public: yes.
 * - internal: yes. Internal visibility exists only in organizations owned by an enterprise account (GitHub Enterprise
 *   Cloud or Server), and those plans have required reviewers in private and internal repositories.
 * - private: no, as far as we can tell. It works on GitHub Enterprise, but the plan is not part of the repository; the
 *   organization's `plan` is shown to its owners only, and a personal account is never on an enterprise plan. Saying
 *   no here means the wizard does not offer reviewers that GitHub would reject with a 422.
 */
export function canRequireReviewers(repo: RepositoryFacts): boolean {
  return repo.visibility === 'public' || repo.visibility === 'internal';
}

/**
 * The tag pattern that may deploy to the publishing environment. The same for both triggers: a pushed-tag workflow
 * runs on the `v*` tag it matches, and a published release runs on the release's tag (`GITHUB_REF` is
 * `refs/tags/<tag>`), which by convention is also `v*`. Matches the `tags: ['v*']` filter of the generated workflow.
 */
export function suggestedTagPattern(trigger: 'release' | 'tag'): string {
  switch (trigger) {
    case 'release':
    case 'tag':
      return 'v*';
  }
}
