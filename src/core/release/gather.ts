import type { ReleaseCalls } from '../github/releaseTypes';
import { lintWorkflow, summarizePublishing, type WorkflowPublishing } from '../lint';
import { publisherDrift } from '../pypi/drift';
import type { PypiClient } from '../pypi/types';
import type { VersionSource } from '../pyproject/types';
import { evaluatePreflight, type PreflightFacts, type PublisherEvidence } from './preflight';
import { chooseTrigger, type TriggerChoice } from './trigger';
import type { LocalGitState, PreflightItem, ReleaseAction } from './types';
import { highestVersionTag } from './tagVersions';
import { chooseVersion, isPreRelease, isReleaseVersion, tagFor, type TagEvidence, type VersionChoice } from './version';

export interface PreflightRequest {
  owner: string;
  repo: string;
  /** The project's name on the index. */
  project: string;
  /** The version to release; for versions from git tags or files, the one the user confirmed. */
  version: string | undefined;
  /** Where the version comes from, for the item's wording. */
  versionFrom: string;
  /** The prefix of the repository's version tags (`v`, `mypkg-v`), when they were read: the new tag keeps it. */
  tagPrefix?: string;
  workflow: {
    fileName: string;
    text: string;
    /** The checks' error messages as the editor shows them; when absent the checks run here on `text`. */
    errors?: string[];
  };
  git: LocalGitState | undefined;
  /** Set Up Trusted Publishing showed the pending-publisher values for this workflow. */
  wizardShowedPublisher: boolean;
  /** The index's project page base, for messages: `https://pypi.org`. */
  indexUrl: string;
}

export interface PreflightDeps {
  github: Pick<ReleaseCalls, 'tagCommit' | 'environment'>;
  pypi: Pick<PypiClient, 'releaseFiles' | 'latestPublisher'>;
}

export interface PreflightResult {
  items: PreflightItem[];
  facts: PreflightFacts;
  /** What the release would create; undefined when the facts do not say (no version, no trigger, no commit). */
  action?: ReleaseAction;
}

export interface VersionRequest {
  owner: string;
  repo: string;
  project: string;
  source: VersionSource;
  /** The tag patterns that start the workflow; undefined when any tag does (a release-triggered workflow). */
  tagPatterns: string[] | undefined;
}

/**
 * The version choice for a project. A version from git tags is suggested from the repository's tags (one paginated
 * list); PyPI's latest release is asked only when no tag names a version, or for versions from files.
 */
export async function versionChoice(
  deps: { pypi: Pick<PypiClient, 'project'>; github: Pick<ReleaseCalls, 'tagNames'> },
  request: VersionRequest,
): Promise<VersionChoice> {
  const { source } = request;
  if (source.kind === 'static') return chooseVersion(source, undefined);
  let tags: TagEvidence | undefined;
  if (source.fromVcs) {
    tags = await tagEvidence(deps.github, request);
    if ('highest' in tags) return chooseVersion(source, undefined, tags);
  }
  const info = await deps.pypi.project(request.project);
  return chooseVersion(source, info.ok ? info.value.latestVersion : undefined, tags);
}

async function tagEvidence(github: Pick<ReleaseCalls, 'tagNames'>, request: VersionRequest): Promise<TagEvidence> {
  const names = await github.tagNames(request.owner, request.repo);
  if (!names.ok) return { reason: `GitHub's tags could not be read: ${names.error.message}` };
  const highest = highestVersionTag(names.value, request.tagPatterns, request.project);
  if (highest) return { highest };
  if (names.value.length === 0) return { reason: 'the repository has no tags yet' };
  const patterns = request.tagPatterns?.length ? ` matching ${request.tagPatterns.join(', ')}` : '';
  return { reason: `no tag${patterns} names a version` };
}

/**
 * Asks GitHub and the index what the preflight needs, one request after the other, and judges the answers. Never
 * writes anything. A service that cannot be reached becomes an item saying so, not an exception.
 */
export async function gatherPreflight(request: PreflightRequest, deps: PreflightDeps): Promise<PreflightResult> {
  const { owner, repo, project, workflow } = request;
  const summary = summarizePublishing(workflow.fileName, workflow.text);
  const trigger = chooseTrigger(summary);
  const errors = workflow.errors ?? lintWorkflow(workflow.text).findings.filter((f) => f.severity === 'error').map((f) => f.message);

  const version = versionFact(request, trigger);
  let onIndex: PreflightFacts['onIndex'] = { kind: 'skipped' };
  let tag: PreflightFacts['tag'] = { kind: 'skipped' };
  if (version.ok) {
    const files = await deps.pypi.releaseFiles(project, version.version);
    onIndex = files.ok
      ? { kind: 'present', url: `${request.indexUrl.replace(/\/+$/, '')}/project/${project}/${version.version}/` }
      : files.error.kind === 'NotFound'
        ? { kind: 'absent' }
        : { kind: 'unknown', message: files.error.message };
    const commit = await deps.github.tagCommit(owner, repo, version.tag);
    tag = commit.ok ? (commit.value ? { kind: 'exists', sha: commit.value } : { kind: 'absent' }) : { kind: 'unknown', message: commit.error.message };
  }

  const environmentName = publishEnvironment(summary);
  let environment: PreflightFacts['environment'];
  if (environmentName === undefined) environment = { kind: 'computed' };
  else if (environmentName === '') environment = { kind: 'none' };
  else {
    const found = await deps.github.environment(owner, repo, environmentName);
    environment = !found.ok
      ? { kind: 'unknown', message: found.error.message }
      : found.value
        ? { kind: 'exists', name: found.value.name, reviewers: found.value.reviewers }
        : { kind: 'missing', name: environmentName };
  }

  const publisher = await publisherEvidence(deps.pypi, request, environmentName);
  const facts: PreflightFacts = {
    workflow: { fileName: workflow.fileName, errors },
    trigger: trigger.ok ? { ok: true, description: describeTrigger(trigger), ...(trigger.note ? { note: trigger.note } : {}) } : trigger,
    version,
    onIndex,
    tag,
    git: request.git,
    environment,
    publisher,
  };
  const items = evaluatePreflight(facts);
  const headSha = request.git?.headSha;
  const action: ReleaseAction | undefined =
    trigger.ok && version.ok && headSha
      ? {
          trigger: trigger.trigger,
          owner,
          repo,
          tag: version.tag,
          version: version.version,
          targetSha: headSha,
          event: trigger.trigger === 'release' ? 'release' : 'push',
          // `released` fires for full releases only: a pre-release is marked so only when the workflow still runs.
          prerelease: isPreRelease(version.version) && trigger.releaseTypes.some((t) => t === 'published' || t === 'created'),
          workflowFile: workflow.fileName,
          project,
        }
      : undefined;
  return { items, facts, ...(action ? { action } : {}) };
}

function versionFact(request: PreflightRequest, trigger: TriggerChoice): PreflightFacts['version'] {
  const version = request.version?.trim();
  if (!version) return { ok: false, reason: `The version comes from ${request.versionFrom}: say which version to release.` };
  if (!isReleaseVersion(version)) return { ok: false, reason: `"${version}" is not a PEP 440 release version such as 1.2.3 or 2.0rc1.` };
  const patterns = trigger.ok && trigger.trigger === 'tag' ? trigger.tagPatterns : undefined;
  const tag = tagFor(version, patterns, request.tagPrefix);
  if (!tag) {
    const bare = version.replace(/^v/i, '');
    const own = request.tagPrefix && request.tagPrefix !== 'v' ? `${request.tagPrefix}${bare}, ` : '';
    return { ok: false, reason: `None of ${own}v${bare} and ${bare} matches the workflow's tag patterns (${patterns!.join(', ')}).` };
  }
  return { ok: true, version: version.replace(/^v/i, ''), tag, from: request.versionFrom };
}

/** The GitHub environment of the PyPI upload: '' for none, undefined when an expression computes it. */
export function publishEnvironment(summary: WorkflowPublishing): string | undefined {
  const upload = summary.uploads.find((u) => u.index === 'pypi');
  return upload ? upload.environment : '';
}

async function publisherEvidence(pypi: PreflightDeps['pypi'], request: PreflightRequest, environment: string | undefined): Promise<PublisherEvidence> {
  const latest = await pypi.latestPublisher(request.project);
  if (!latest.ok) {
    if (latest.error.kind !== 'NotFound') return { kind: 'unknown', message: latest.error.message };
    return request.wizardShowedPublisher ? { kind: 'wizard' } : { kind: 'nothing' };
  }
  if (!latest.value) return request.wizardShowedPublisher ? { kind: 'wizard' } : { kind: 'nothing' };
  const { version, publisher } = latest.value;
  if (!publisher) return { kind: 'noProvenance', version };
  const expected = { owner: request.owner, repo: request.repo, workflow: request.workflow.fileName, ...(environment ? { environment } : {}) };
  return { kind: 'provenance', version, differences: publisherDrift(expected, publisher) };
}

function describeTrigger(trigger: Extract<TriggerChoice, { ok: true }>): string {
  if (trigger.trigger === 'release') return 'Publishing a GitHub release starts it.';
  const patterns = trigger.tagPatterns?.length ? ` matching ${trigger.tagPatterns.join(', ')}` : '';
  return `Pushing a tag${patterns} starts it.`;
}
