import type { GitHubRepository } from '../git/types';
import { canRequireReviewers, suggestedTagPattern } from '../github/reviewers';
import type { EnsureEnvironmentResult, EnvironmentFacts, RepositoryFacts } from '../github/types';
import type { GitHubView, LinkView, Notice } from '../../shared/protocol';
import { environmentsOf, oldSecrets, planOf, remoteRepositoryOf, sourcePublishing, triggerOf, type Outcome, type WizardModel } from './wizardModel';

/** Where PyPI lists the account's API tokens, each with its Remove button (not /manage/account/token/: that adds one). */
export const PYPI_TOKEN_PAGE = 'https://pypi.org/manage/account/#api-tokens';
export const REVOKE_LINK: LinkView = {
  id: 'pypi:tokens',
  label: 'Revoke the old token on PyPI',
  url: PYPI_TOKEN_PAGE,
  detail: 'Your account settings, section API tokens: remove the token the secret held. Deleting the secret on GitHub does not revoke the token: whoever copied it can still upload until you do.',
};

/**
 * The pattern of tags that may deploy to the publishing environments: the repository's own workflow's when it runs
 * on one tag pattern (Flask pushes `*` tags such as 3.0.0: a `v*` policy would stop its next release), else `v*`.
 */
export function tagPatternOf(model: WizardModel): string {
  const patterns = sourcePublishing(model)?.tagPatterns;
  if (patterns?.length === 1 && patterns[0] !== '') return patterns[0];
  // A workflow the wizard writes: a monorepo package releases on its own `<name>-v*` tags.
  const plan = model.mode === 'new' ? planOf(model) : undefined;
  if (plan && plan.tagPrefix !== 'v') return `${plan.tagPrefix}*`;
  return suggestedTagPattern(triggerOf(model) === 'tag' ? 'tag' : 'release');
}

/** Says when GitHub spells the repository differently from the git remote (PyPI should get GitHub's spelling). */
export function caseWarning(remote: GitHubRepository | undefined, facts: RepositoryFacts | undefined): string | undefined {
  if (!remote || !facts) return undefined;
  const local = `${remote.owner}/${remote.repo}`;
  const canonical = `${facts.owner}/${facts.repo}`;
  if (local === canonical) return undefined;
  if (local.toLowerCase() === canonical.toLowerCase()) {
    return `GitHub spells the repository ${canonical}; the git remote says ${local}. The values for PyPI use GitHub's spelling.`;
  }
  return `The git remote names ${local}, but GitHub answers with ${canonical} (renamed or transferred?). Update the remote, and register ${canonical} on PyPI.`;
}

/** The user ids to require as reviewers, when GitHub accepts reviewers on this repository. */
export function reviewerIds(facts: RepositoryFacts | undefined, viewer: { id: number } | undefined): number[] | undefined {
  return facts && viewer && canRequireReviewers(facts) ? [viewer.id] : undefined;
}

export function describeProtection(environment: EnvironmentFacts): string {
  const parts: string[] = [];
  if (environment.reviewers.length > 0) parts.push(`reviewers: ${environment.reviewers.join(', ')}`);
  if (environment.waitTimerMinutes > 0) parts.push(`wait ${environment.waitTimerMinutes} min`);
  const policy = environment.deploymentPolicy;
  if (!policy) parts.push('any branch or tag may deploy');
  else if (policy.protectedBranches) parts.push('protected branches only');
  else if (policy.customPolicies.length > 0) parts.push(`only ${policy.customPolicies.map((p) => `${p.type} ${p.name}`).join(', ')}`);
  else parts.push('no branch or tag may deploy yet');
  return parts.join(' · ');
}

export function describeEnsured(name: string, result: Outcome<EnsureEnvironmentResult>): Notice {
  if (!result.ok) return { tone: 'error', text: `Could not set up ${name}: ${result.message}` };
  const { created, changes } = result.value;
  if (created) return { tone: 'ok', text: `Created ${name}${changes.length ? `: ${changes.join(', ')}` : ''}.` };
  if (changes.length === 0) return { tone: 'ok', text: `${name} was already set up: nothing changed.` };
  return { tone: 'ok', text: `Updated ${name}: ${changes.join(', ')}.` };
}

const findEnvironment = (environments: EnvironmentFacts[] | undefined, name: string) =>
  environments?.find((e) => e.name.toLowerCase() === name.toLowerCase());

export function githubView(model: WizardModel): GitHubView {
  const github = model.github;
  const signedIn = github.status === 'signed-in';
  const facts = github.repository;
  const pattern = tagPatternOf(model);
  const wanted = environmentsOf(model);
  const view: GitHubView = {
    state: github.status,
    environments: wanted.map(({ name }) => {
      const existing = findEnvironment(github.environments, name);
      const result = github.ensured[name];
      let reason: string | undefined;
      if (!signedIn) reason = 'Sign in to GitHub first.';
      else if (!facts) reason = github.message ?? 'The repository could not be read.';
      else if (!facts.admin) reason = `Only an admin of ${facts.owner}/${facts.repo} can change its environments: ask one to create "${name}" limited to ${pattern} tags.`;
      else if (github.environments === undefined) reason = github.environmentsError ?? 'The environments could not be listed.';
      return {
        name,
        exists: !!existing,
        ...(existing ? { protection: describeProtection(existing) } : {}),
        actionLabel: `${existing ? 'Update' : 'Create'} environment ${name}`,
        enabled: reason === undefined,
        ...(reason ? { reason } : {}),
        ...(result ? { result: describeEnsured(name, result) } : {}),
      };
    }),
    otherEnvironments: (github.environments ?? []).map((e) => e.name).filter((n) => !wanted.some((w) => w.name.toLowerCase() === n.toLowerCase())),
    secrets: oldSecrets(model).map((name) => {
      const deleted = github.deleted[name];
      const state: GitHubView['secrets'][number]['state'] = deleted?.ok
        ? 'deleted'
        : github.secretNames === undefined
          ? 'unknown'
          : github.secretNames.includes(name)
            ? 'present'
            : 'absent';
      return {
        name,
        state,
        ...(deleted && !deleted.ok ? { result: { tone: 'error' as const, text: `Could not delete ${name}: ${deleted.message}` } } : {}),
        ...(deleted?.ok ? { result: { tone: 'ok' as const, text: `Deleted ${name}. Now revoke the token it held on PyPI.` } } : {}),
      };
    }),
  };
  if (github.message) view.message = github.message;
  if (github.status === 'working' && github.cancellable) view.cancellable = true;
  if (github.viewer) view.login = github.viewer.login;
  if (facts) {
    view.repository = { fullName: `${facts.owner}/${facts.repo}`, visibility: facts.visibility, admin: facts.admin };
    const warning = caseWarning(remoteRepositoryOf(model), facts);
    if (warning) view.caseWarning = warning;
    view.reviewersNote = canRequireReviewers(facts)
      ? `Creating or updating an environment limits it to ${pattern} tags and makes you${github.viewer ? ` (${github.viewer.login})` : ''} a required reviewer: each upload waits for your approval.`
      : `Creating or updating an environment limits it to ${pattern} tags. GitHub allows required reviewers only on public repositories (and on GitHub Enterprise), so none is added here.`;
  }
  if (view.secrets.length > 0) view.revokeLink = REVOKE_LINK;
  return view;
}
