import { forkQuestion } from '../git/resolveGithubRepository';
import type { GitHubRepository, GitHubResolution } from '../git/types';
import type { ProjectFacts, PyprojectError } from '../pyproject/types';
import type { Result } from '../result';
import type { PackageLocation } from './packageLocation';

/** One pyproject.toml of the workspace, as the first step lists it. */
export interface PackageCandidate {
  /** Stable across detections: the workspace folder's index and the package folder relative to it. */
  id: string;
  pyprojectPath: string;
  name: string;
  /** Where it is, for people: `.` or `packages/core`, prefixed with the folder name in multi-root workspaces. */
  location: string;
  detail: string;
  error?: string;
}

export interface RemoteCandidate {
  name: string;
  /** Redacted: never holds credentials. */
  url: string;
  repository?: GitHubRepository;
  error?: string;
}

/** The package the wizard works on. */
export interface LoadedPackage {
  facts: ProjectFacts;
  location: PackageLocation;
  inRepository: boolean;
  /** `.github/workflows` under the repository root, relative to the workspace, for people. */
  workflowsFolder: string;
}

export function packageCandidate(
  id: string,
  pyprojectPath: string,
  location: string,
  facts: Result<ProjectFacts, PyprojectError>,
  fallbackName: string,
): PackageCandidate {
  if (!facts.ok) return { id, pyprojectPath, name: fallbackName, location, detail: 'pyproject.toml cannot be read', error: facts.error.message };
  return { id, pyprojectPath, name: facts.value.name, location, detail: `${facts.value.backendName} · ${describeBuild(facts.value)}` };
}

export function describeBuild(facts: ProjectFacts): string {
  return facts.build.kind === 'pure' ? 'pure Python' : `compiled (${facts.build.builder}: ${facts.build.detail})`;
}

export function describeVersion(facts: ProjectFacts): string {
  const version = facts.version;
  if (version.kind === 'static') return `${version.value} (static, in pyproject.toml)`;
  return version.fromVcs ? `from git tags (${version.provider})` : `dynamic (${version.provider})`;
}

/** The remotes to show and the one chosen, from the git config's answer; an error in words when there is none. */
export function remotesOf(resolution: GitHubResolution): { remotes: RemoteCandidate[]; remoteName?: string; repositoryError?: string; remoteQuestion?: string } {
  switch (resolution.kind) {
    case 'ok':
      return { remotes: [{ name: resolution.remote.name, url: resolution.remote.url, repository: resolution.repository }], remoteName: resolution.remote.name };
    case 'ask':
      return {
        ...(resolution.fork ? { remoteQuestion: forkQuestion(resolution.fork) } : {}),
        remotes: resolution.candidates.map(({ remote, parsed }) =>
          parsed.ok ? { name: remote.name, url: remote.url, repository: parsed.value } : { name: remote.name, url: remote.url, error: parsed.error.message },
        ),
      };
    case 'error':
      return { remotes: [], repositoryError: resolution.error.message };
  }
}
