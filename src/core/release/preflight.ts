import type { LocalGitState, PreflightItem } from './types';

/** Something a service was asked and could not answer: said as a warning, it does not block by itself. */
export type Unknown = { kind: 'unknown'; message: string };

/** What the preflight looked at; gathered by `gatherPreflight`, judged by `evaluatePreflight`. */
export interface PreflightFacts {
  workflow: { fileName: string; errors: string[] };
  trigger: { ok: true; description: string; note?: string } | { ok: false; reason: string };
  version: { ok: true; version: string; tag: string; from: string } | { ok: false; reason: string };
  /** The version on the index. */
  onIndex: { kind: 'absent' } | { kind: 'present'; url: string } | Unknown | { kind: 'skipped' };
  /** The tag on GitHub. */
  tag: { kind: 'absent' } | { kind: 'exists'; sha: string } | Unknown | { kind: 'skipped' };
  /** Undefined when the git extension has no repository for the project. */
  git: LocalGitState | undefined;
  /** The publish job's environment: none needed, or whether the repository has it. */
  environment: { kind: 'none' } | { kind: 'exists'; name: string; reviewers: string[] } | { kind: 'missing'; name: string } | { kind: 'computed' } | Unknown;
  publisher: PublisherEvidence;
}

export type PublisherEvidence =
  /** The last release's provenance names a publisher; `differences` from the workflow, [] when it matches. */
  | { kind: 'provenance'; version: string; differences: string[] }
  /** The last release was uploaded without provenance (an API token, most likely). */
  | { kind: 'noProvenance'; version: string }
  /** No release yet, and the wizard showed this workflow's pending-publisher values. */
  | { kind: 'wizard' }
  /** No release yet, and nothing says a pending publisher was registered. */
  | { kind: 'nothing' }
  | Unknown;

const pass = (id: PreflightItem['id'], title: string, detail: string): PreflightItem => ({ id, status: 'pass', title, detail });

/** One item per question, in the order a person would ask them. */
export function evaluatePreflight(facts: PreflightFacts): PreflightItem[] {
  const items: PreflightItem[] = [];
  const { workflow } = facts;

  items.push(
    workflow.errors.length === 0
      ? pass('workflow', `${workflow.fileName} passes the checks`, 'No errors in the release workflow.')
      : {
          id: 'workflow',
          status: 'fail',
          title: `${workflow.fileName} has ${workflow.errors.length === 1 ? 'an error' : `${workflow.errors.length} errors`}`,
          detail: workflow.errors.slice(0, 3).join(' ') + (workflow.errors.length > 3 ? ` (and ${workflow.errors.length - 3} more)` : ''),
          fix: 'openWorkflow',
        },
  );

  items.push(
    facts.trigger.ok
      ? { id: 'trigger', status: facts.trigger.note ? 'warn' : 'pass', title: 'The workflow starts on a release', detail: facts.trigger.note ?? facts.trigger.description }
      : { id: 'trigger', status: 'fail', title: 'The workflow does not start on a release', detail: facts.trigger.reason, fix: 'openWorkflow' },
  );

  if (!facts.version.ok) {
    items.push({ id: 'version', status: 'fail', title: 'No version to release', detail: facts.version.reason, fix: 'editVersion' });
  } else {
    const { version, tag, from } = facts.version;
    items.push(pass('version', `Version ${version}, tag ${tag}`, `The version comes from ${from}.`));
    items.push(indexItem(facts.onIndex, version));
    items.push(tagItem(facts.tag, tag));
  }

  items.push(...gitItems(facts.git));
  items.push(environmentItem(facts.environment));
  items.push(publisherItem(facts.publisher));
  return items;
}

/** Whether nothing stops the release. */
export function readyToRelease(items: PreflightItem[]): boolean {
  return items.every((item) => item.status !== 'fail');
}

function indexItem(onIndex: PreflightFacts['onIndex'], version: string): PreflightItem {
  switch (onIndex.kind) {
    case 'absent':
      return pass('pypiVersion', `${version} is not on PyPI yet`, 'The upload will not collide with an existing release.');
    case 'present':
      return { id: 'pypiVersion', status: 'fail', title: `${version} is already on PyPI`, detail: `PyPI never accepts the same version twice (${onIndex.url}). Raise the version first.`, fix: 'editVersion' };
    case 'skipped':
      return { id: 'pypiVersion', status: 'warn', title: 'PyPI was not asked', detail: 'Whether this version is on PyPI was not checked.' };
    case 'unknown':
      return { id: 'pypiVersion', status: 'warn', title: 'PyPI did not answer', detail: `Whether ${version} is on PyPI is not known: ${onIndex.message}`, fix: 'retry' };
  }
}

function tagItem(tag: PreflightFacts['tag'], name: string): PreflightItem {
  switch (tag.kind) {
    case 'absent':
      return pass('tag', `No tag ${name} yet`, 'The release creates it.');
    case 'exists':
      return { id: 'tag', status: 'fail', title: `Tag ${name} already exists`, detail: `It points at ${tag.sha.slice(0, 7)}. A new release needs a new version (and tag).`, fix: 'editVersion' };
    case 'skipped':
      return { id: 'tag', status: 'warn', title: 'GitHub was not asked', detail: `Whether tag ${name} exists was not checked.` };
    case 'unknown':
      return { id: 'tag', status: 'fail', title: `Could not look up tag ${name}`, detail: tag.message, fix: 'retry' };
  }
}

function gitItems(git: LocalGitState | undefined): PreflightItem[] {
  if (!git) {
    const detail = "VS Code's Git extension has no repository for this project (is Git enabled?), so the commit to release is not known.";
    return [{ id: 'cleanTree', status: 'fail', title: 'No Git repository', detail, fix: 'openSourceControl' }];
  }
  const items: PreflightItem[] = [];
  items.push(
    git.changes === 0
      ? pass('cleanTree', 'The working tree is clean', 'Every change is committed.')
      : {
          id: 'cleanTree',
          status: 'fail',
          title: `${git.changes} uncommitted ${git.changes === 1 ? 'change' : 'changes'}`,
          detail: 'The release is built from the pushed commit, not from these files. Commit or stash them first.',
          fix: 'openSourceControl',
        },
  );
  if (!git.headSha) {
    items.push({ id: 'pushed', status: 'fail', title: 'No commit checked out', detail: 'There is no commit to release.', fix: 'openSourceControl' });
  } else if (!git.upstream) {
    items.push({ id: 'pushed', status: 'fail', title: `${git.branch ?? 'HEAD'} is not on GitHub`, detail: 'The branch has no upstream: publish it so GitHub has the commit.', fix: 'push' });
  } else if ((git.ahead ?? 0) > 0) {
    const n = git.ahead!;
    items.push({ id: 'pushed', status: 'fail', title: `${n} ${n === 1 ? 'commit' : 'commits'} not pushed`, detail: `Push ${git.branch ?? 'the branch'} to ${git.upstream} so GitHub has ${git.headSha.slice(0, 7)}.`, fix: 'push' });
  } else {
    const behind = git.behind ? ` (${git.behind} behind ${git.upstream}: the release is made from your commit)` : '';
    items.push({ id: 'pushed', status: git.behind ? 'warn' : 'pass', title: `${git.headSha.slice(0, 7)} is pushed`, detail: `${git.branch ?? 'HEAD'} is on ${git.upstream}${behind}.` });
  }
  return items;
}

function environmentItem(environment: PreflightFacts['environment']): PreflightItem {
  switch (environment.kind) {
    case 'none':
      return { id: 'environment', status: 'warn', title: 'The publish job has no environment', detail: 'Anyone who can push a tag can publish. An environment with required reviewers adds an approval.' };
    case 'computed':
      return { id: 'environment', status: 'warn', title: 'The environment is computed at run time', detail: 'Its name is an expression, so whether it exists was not checked.' };
    case 'exists': {
      const reviewers = environment.reviewers.length > 0 ? `; approval by ${environment.reviewers.join(', ')}` : '';
      return pass('environment', `Environment ${environment.name} exists`, `The publish job runs in it${reviewers}.`);
    }
    case 'missing':
      return {
        id: 'environment',
        status: 'fail',
        title: `Environment ${environment.name} does not exist`,
        detail: 'GitHub would create it without protection on the first run. Create it with its tag rule (and reviewers) first.',
        fix: 'createEnvironment',
      };
    case 'unknown':
      return { id: 'environment', status: 'warn', title: 'Could not read the environment', detail: environment.message, fix: 'retry' };
  }
}

function publisherItem(publisher: PublisherEvidence): PreflightItem {
  const title = 'PyPI trusts this workflow';
  switch (publisher.kind) {
    case 'provenance':
      return publisher.differences.length === 0
        ? pass('publisher', title, `The provenance of ${publisher.version} names this repository and workflow.`)
        : {
            id: 'publisher',
            status: 'fail',
            title: 'PyPI may not trust this workflow',
            detail: `${publisher.version} was published with ${publisher.differences.join('; ')}. Add this workflow as a trusted publisher on PyPI.`,
            fix: 'registerPublisher',
          };
    case 'noProvenance':
      return { id: 'publisher', status: 'warn', title: 'No trusted publisher seen yet', detail: `${publisher.version} was uploaded without provenance (an API token?). Make sure the trusted publisher is registered on PyPI.`, fix: 'registerPublisher' };
    case 'wizard':
      return { id: 'publisher', status: 'pass', title: 'Pending publisher set up', detail: 'Set Up Trusted Publishing showed the pending publisher for this workflow; PyPI does not say whether it was saved.' };
    case 'nothing':
      return { id: 'publisher', status: 'warn', title: 'First release: is the pending publisher registered?', detail: 'PyPI has no release of this project. Without a pending publisher for this workflow the upload is refused.', fix: 'registerPublisher' };
    case 'unknown':
      return { id: 'publisher', status: 'warn', title: 'Could not ask PyPI who publishes', detail: publisher.message, fix: 'retry' };
  }
}
