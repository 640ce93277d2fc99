import type { GitHubRepository } from '../git/types';
import type { DoneView, StepId } from '../../shared/protocol';
import { REVOKE_LINK, tagPatternOf } from './githubReport';
import { summarizeCounts } from './inspectWorkflow';
import { describeExpected, existenceOf, expectedPublisher, INDEX_LABEL, publisherMatches } from './pypiReport';
import { environmentsOf, existingSource, indexesOf, oldSecrets, planOf, publisherOriginOf, repositoryOf, triggerOf, writtenOf, type WizardModel } from './wizardModel';

/**
 * The tag of the first release, from the project's version source: `v<version>` for a static version; for a version
 * read from git tags the tag makes the version, so any `v` tag will do (v0.1.0 shown); for a version computed from a
 * file, the tag should repeat it (`v<version>` as a placeholder to fill in).
 */
export function firstTag(model: WizardModel): string {
  const version = model.project?.facts.version;
  const plan = model.mode === 'new' ? planOf(model) : undefined;
  const prefix = plan?.tagPrefix ?? 'v';
  if (version?.kind === 'static' && /^[0-9][0-9A-Za-z.+!-]*$/.test(version.value)) return `${prefix}${version.value}`;
  if (version?.kind === 'dynamic' && !version.fromVcs) return `${prefix}<version>`;
  return `${prefix}0.1.0`;
}

/** A sentence about the tag for a version that is not written in pyproject.toml. */
function tagNote(model: WizardModel): string {
  const version = model.project?.facts.version;
  if (version?.kind !== 'dynamic') return '';
  return version.fromVcs
    ? ` The version comes from the tag (${version.provider}): choose the version you release.`
    : ` Use the version your project declares (${version.provider}) in place of <version>.`;
}

/** How to start the first release, for the workflow's trigger. */
export function releaseInstructions(
  trigger: 'release' | 'tag' | 'other',
  tag: string,
  repository: GitHubRepository | undefined,
  remoteName: string,
  note = '',
  tagPattern = 'v*',
): DoneView['release'] {
  const placeholder = tag.includes('<');
  switch (trigger) {
    case 'release':
      return {
        text: `Create a GitHub release with tag ${tag}: publishing it (not saving a draft) starts the upload.${note}`,
        ...(repository && !placeholder
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
      return {
        text: `Push a tag ${tagPattern === 'v*' ? 'that starts with "v"' : `the workflow runs on (${tagPattern})`}; the upload starts when GitHub receives it.${note}`,
        command: `git tag ${tag} && git push ${remoteName} ${tag}`,
      };
    case 'other':
      return { text: 'Start the workflow the way its triggers say (it runs on neither a release nor a pushed tag).' };
  }
}

type Item = DoneView['items'][number] & { step: 'write' | 'pypi' | 'github' };

/** Whether what a step does is done, as the checklist says: the stepper ticks a step only then. */
export function stepDone(model: WizardModel, step: StepId): boolean {
  const items = checklistItems(model);
  if (step === 'done') return items.length > 0 && items.every((i) => i.state === 'done');
  if (step !== 'write' && step !== 'pypi' && step !== 'github') return false;
  const own = items.filter((i) => i.step === step);
  return own.length > 0 && own.every((i) => i.state === 'done');
}

/** What is set up and what is left, as far as the wizard can tell. */
export function doneView(model: WizardModel): DoneView {
  const items = checklistItems(model).map(({ step: _step, ...item }) => item);
  return {
    items,
    release: releaseInstructions(triggerOf(model), firstTag(model), repositoryOf(model), model.remoteName ?? 'origin', tagNote(model), tagPatternOf(model)),
  };
}

function checklistItems(model: WizardModel): Item[] {
  const items: Item[] = [];
  const written = writtenOf(model);
  const plan = planOf(model);
  const repository = repositoryOf(model);
  const folder = model.project?.workflowsFolder ?? '.github/workflows';
  const kept = existingSource(model);

  if (kept) {
    const problems = kept.counts.error + kept.counts.warning;
    items.push({
      step: 'write',
      state: 'done',
      text: `${folder}/${kept.fileName} publishes with trusted publishing`,
      ...(problems > 0 ? { detail: `The checks found ${summarizeCounts(kept.counts)}: see step Check.` } : {}),
    });
  } else if (written) {
    items.push({
      step: 'write',
      state: 'done',
      text: written.migrated ? `Switched ${folder}/${written.fileName} to trusted publishing` : `${folder}/${written.fileName} ${written.upToDate ? 'is in place' : 'written'}`,
      detail: 'Commit and push it: GitHub runs the workflow from the default branch and from the tag.',
    });
  } else {
    items.push({ step: 'write', state: 'todo', text: 'Write the release workflow (step Write)' });
  }

  if (plan && repository) {
    for (const index of indexesOf(model)) {
      const label = INDEX_LABEL[index];
      const expected = expectedPublisher(plan, repository, index, publisherOriginOf(model, index));
      const check = model.pypi[index];
      if (publisherMatches(check, expected)) {
        items.push({ step: 'pypi', state: 'done', text: `${label} trusts ${describeExpected(expected)}`, detail: "Its latest release's provenance names this publisher." });
      } else {
        const pending = existenceOf(check) === 'new' ? ' as a pending publisher' : '';
        items.push({ step: 'pypi', state: 'todo', text: `Register the trusted publisher on ${label}${pending}`, detail: describeExpected(expected) });
      }
    }
  }

  const github = model.github;
  for (const { name } of environmentsOf(model)) {
    const ensured = github.ensured[name];
    const existing = github.environments?.find((e) => e.name.toLowerCase() === name.toLowerCase());
    if (ensured?.ok) items.push({ step: 'github', state: 'done', text: `Environment ${name} ${ensured.value.created ? 'created' : 'set up'} on GitHub` });
    else if (existing) items.push({ step: 'github', state: 'done', text: `Environment ${name} exists on GitHub`, detail: 'Limit it to v* tags and add reviewers in Settings > Environments if it is not yet.' });
    else if (github.status === 'signed-in') items.push({ step: 'github', state: 'todo', text: `Create the environment ${name} on GitHub (step GitHub)` });
    else items.push({ step: 'github', state: 'unknown', text: `Create the environment ${name} in the repository's Settings > Environments`, detail: 'Not checked: you did not sign in to GitHub. GitHub creates a missing environment on the first run, without protection.' });
  }

  const secrets = oldSecrets(model);
  for (const name of secrets) {
    if (github.deleted[name]?.ok) items.push({ step: 'github', state: 'done', text: `Secret ${name} deleted from GitHub` });
    else items.push({ step: 'github', state: 'todo', text: `Delete the repository secret ${name}`, detail: 'The migrated workflow no longer reads it.' });
  }
  if (secrets.length > 0) items.push({ step: 'github', state: 'todo', text: 'Revoke the old API token on PyPI', detail: `${REVOKE_LINK.url} (section API tokens)` });
  return items;
}
