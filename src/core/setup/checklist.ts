import type { GitHubRepository } from '../git/types';
import type { DoneView } from '../../shared/protocol';
import { REVOKE_LINK } from './githubReport';
import { describeExpected, existenceOf, expectedPublisher, INDEX_LABEL, publisherMatches } from './pypiReport';
import { environmentsOf, indexesOf, oldSecrets, planOf, repositoryOf, triggerOf, writtenOf, type WizardModel } from './wizardModel';

/** The tag of the first release: the static version when pyproject.toml has one, else v0.1.0. */
export function firstTag(model: WizardModel): string {
  const version = model.project?.facts.version;
  return version?.kind === 'static' && /^[0-9][0-9A-Za-z.+!-]*$/.test(version.value) ? `v${version.value}` : 'v0.1.0';
}

/** How to start the first release, for the workflow's trigger. */
export function releaseInstructions(trigger: 'release' | 'tag' | 'other', tag: string, repository: GitHubRepository | undefined, remoteName: string): DoneView['release'] {
  switch (trigger) {
    case 'release':
      return {
        text: `Create a GitHub release with tag ${tag}: publishing it (not saving a draft) starts the upload.`,
        ...(repository
          ? {
              link: {
                id: 'github:new-release',
                label: 'Draft a new release on GitHub',
                url: `https://github.com/${repository.owner}/${repository.repo}/releases/new?tag=${encodeURIComponent(tag)}`,
              },
            }
          : {}),
      };
    case 'tag':
      return { text: `Push a tag that starts with "v"; the upload starts when GitHub receives it:`, command: `git tag ${tag} && git push ${remoteName} ${tag}` };
    case 'other':
      return { text: 'Start the workflow the way its triggers say (it runs on neither a release nor a pushed tag).' };
  }
}

/** What is set up and what is left, as far as the wizard can tell. */
export function doneView(model: WizardModel): DoneView {
  const items: DoneView['items'] = [];
  const written = writtenOf(model);
  const plan = planOf(model);
  const repository = repositoryOf(model);
  const folder = model.project?.workflowsFolder ?? '.github/workflows';

  if (written) {
    items.push({
      state: 'done',
      text: written.migrated ? `Switched ${folder}/${written.fileName} to trusted publishing` : `${folder}/${written.fileName} ${written.upToDate ? 'is in place' : 'written'}`,
      detail: 'Commit and push it: GitHub runs the workflow from the default branch and from the tag.',
    });
  } else {
    items.push({ state: 'todo', text: 'Write the release workflow (step Write)' });
  }

  if (plan && repository) {
    for (const index of indexesOf(model)) {
      const label = INDEX_LABEL[index];
      const expected = expectedPublisher(plan, repository, index);
      const check = model.pypi[index];
      if (publisherMatches(check, expected)) {
        items.push({ state: 'done', text: `${label} trusts ${describeExpected(expected)}`, detail: "Its latest release's provenance names this publisher." });
      } else {
        const pending = existenceOf(check) === 'new' ? ' as a pending publisher' : '';
        items.push({ state: 'todo', text: `Register the trusted publisher on ${label}${pending}`, detail: describeExpected(expected) });
      }
    }
  }

  const github = model.github;
  for (const { name } of environmentsOf(model)) {
    const ensured = github.ensured[name];
    const existing = github.environments?.find((e) => e.name.toLowerCase() === name.toLowerCase());
    if (ensured?.ok) items.push({ state: 'done', text: `Environment ${name} ${ensured.value.created ? 'created' : 'set up'} on GitHub` });
    else if (existing) items.push({ state: 'done', text: `Environment ${name} exists on GitHub`, detail: 'Limit it to v* tags and add reviewers in Settings > Environments if it is not yet.' });
    else if (github.status === 'signed-in') items.push({ state: 'todo', text: `Create the environment ${name} on GitHub (step GitHub)` });
    else items.push({ state: 'unknown', text: `Create the environment ${name} in the repository's Settings > Environments`, detail: 'Not checked: you did not sign in to GitHub. GitHub creates a missing environment on the first run, without protection.' });
  }

  const secrets = oldSecrets(model);
  for (const name of secrets) {
    if (github.deleted[name]?.ok) items.push({ state: 'done', text: `Secret ${name} deleted from GitHub` });
    else items.push({ state: 'todo', text: `Delete the repository secret ${name}`, detail: 'The migrated workflow no longer reads it.' });
  }
  if (secrets.length > 0) items.push({ state: 'todo', text: 'Revoke the old API token on PyPI', detail: REVOKE_LINK.url });

  return { items, release: releaseInstructions(triggerOf(model), firstTag(model), repository, model.remoteName ?? 'origin') };
}
