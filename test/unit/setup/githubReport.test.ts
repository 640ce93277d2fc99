import * as assert from 'node:assert/strict';
import type { RepositoryFacts } from '../../../src/core/github/types';
import { caseWarning, describeProtection, githubView, reviewerIds } from '../../../src/core/setup/githubReport';
import { inspectWorkflow } from '../../../src/core/setup/inspectWorkflow';
import { proposedText, reduce, targetOf, type WizardModel } from '../../../src/core/setup/wizardModel';
import { detected } from './fixtures';

const repo = (overrides: Partial<RepositoryFacts> = {}): RepositoryFacts => ({
  owner: 'Example-Org',
  repo: 'Hello-PyPI',
  id: 1,
  ownerId: 2,
  ownerType: 'Organization',
  visibility: 'public',
  defaultBranch: 'main',
  admin: true,
  ...overrides,
});

function written(model: WizardModel): WizardModel {
  const target = targetOf(model)!;
  const text = proposedText(model)!;
  return reduce(model, { type: 'written', file: { fileName: target.fileName, text, migrated: false, upToDate: false, secrets: [] }, inspection: inspectWorkflow(target.fileName, text) });
}

describe('GitHub step', () => {
  it('warns when GitHub spells the repository differently from the remote', () => {
    assert.equal(caseWarning({ owner: 'Example-Org', repo: 'Hello-PyPI' }, repo()), undefined);
    assert.match(caseWarning({ owner: 'example-org', repo: 'hello-pypi' }, repo())!, /GitHub spells the repository Example-Org\/Hello-PyPI; the git remote says example-org\/hello-pypi/);
    assert.match(caseWarning({ owner: 'old', repo: 'name' }, repo())!, /renamed or transferred/);
  });

  it('adds the signed-in user as reviewer on public repositories only', () => {
    assert.deepEqual(reviewerIds(repo(), { id: 42 }), [42]);
    assert.equal(reviewerIds(repo({ visibility: 'private' }), { id: 42 }), undefined);
    assert.equal(reviewerIds(repo(), undefined), undefined);
  });

  it('offers Create before signing in as disabled, then enabled for an admin, Update for an existing environment', () => {
    let model = written(detected());
    let view = githubView(model);
    assert.deepEqual(view.environments.map((e) => [e.actionLabel, e.enabled, e.reason]), [['Create environment pypi', false, 'Sign in to GitHub first.']]);
    model = reduce(model, { type: 'github', update: { status: 'signed-in', viewer: { login: 'octocat', id: 42 }, repository: repo(), environments: [] } });
    view = githubView(model);
    assert.deepEqual(view.environments.map((e) => [e.actionLabel, e.enabled]), [['Create environment pypi', true]]);
    assert.match(view.reviewersNote!, /octocat/);
    const existing = { name: 'PyPI', id: 3, reviewers: ['octocat'], waitTimerMinutes: 0, deploymentPolicy: null };
    model = reduce(model, { type: 'github', update: { environments: [existing, { ...existing, name: 'docs' }] } });
    view = githubView(model);
    assert.deepEqual(view.environments.map((e) => [e.actionLabel, e.exists, e.protection]), [['Update environment pypi', true, 'reviewers: octocat · any branch or tag may deploy']]);
    assert.deepEqual(view.otherEnvironments, ['docs']);
  });

  it('explains why a non-admin cannot change environments', () => {
    const model = reduce(written(detected()), { type: 'github', update: { status: 'signed-in', viewer: { login: 'octocat', id: 42 }, repository: repo({ admin: false }), environments: [] } });
    const [environment] = githubView(model).environments;
    assert.equal(environment.enabled, false);
    assert.match(environment.reason!, /Only an admin of Example-Org\/Hello-PyPI/);
  });

  it('describes protection rules', () => {
    assert.equal(
      describeProtection({ name: 'pypi', id: 1, reviewers: [], waitTimerMinutes: 5, deploymentPolicy: { protectedBranches: false, customPolicies: [{ name: 'v*', type: 'tag' }] } }),
      'wait 5 min · only tag v*',
    );
  });
});
