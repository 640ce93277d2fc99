import type { VersionSource } from '../pyproject/types';
import { tagMatches } from './tagPattern';
import type { VersionTag } from './tagVersions';

/** The version to release and where it comes from. */
export type VersionChoice =
  /** Written in pyproject.toml: releasing publishes exactly this. */
  | { kind: 'fixed'; version: string; from: string }
  /**
   * Computed from git tags at build time: the new tag decides it, so the user picks the next one. `tagPrefix` is the
   * prefix of the repository's version tags (`v`, `mypkg-v`, none) when they were read; `basis` says for people what
   * the suggestion was made from.
   */
  | { kind: 'nextTag'; suggestion: string; tagPrefix?: string; from: string; basis: string }
  /** Computed some other way (a file, the module's `__version__`): the user says which version the build will have. */
  | { kind: 'ask'; suggestion?: string; from: string; basis?: string };

/** What GitHub's tags said: the highest version tag that starts the workflow, or why there is none to go by. */
export type TagEvidence = { highest: VersionTag } | { reason: string };

/**
 * A PEP 440 public version in its normal spelling: release segment, pre-release, post-release, dev-release (what a
 * release is tagged and uploaded as; `pyproject/versions.ts` reads every other spelling, to compare them).
 */
export const PUBLIC_VERSION_SOURCE = String.raw`(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?(?:\.post(\d+))?(?:\.dev(\d+))?`;
const PEP440 = new RegExp(`^v?${PUBLIC_VERSION_SOURCE}$`, 'i');

export interface PublicVersion {
  /** The release segment as written (`2024.05`), and its numbers. */
  releaseText: string;
  release: number[];
  pre?: { phase: 'a' | 'b' | 'rc'; number: number };
  post?: number;
  dev?: number;
}

/** The parts of a public version (a leading `v` allowed); undefined for anything else. */
export function readPublicVersion(version: string): PublicVersion | undefined {
  const match = PEP440.exec(version.trim());
  if (!match) return undefined;
  const [, release, phase, pre, post, dev] = match;
  return {
    releaseText: release!,
    release: release!.split('.').map(Number),
    ...(phase !== undefined ? { pre: { phase: phase.toLowerCase() as 'a' | 'b' | 'rc', number: Number(pre) } } : {}),
    ...(post !== undefined ? { post: Number(post) } : {}),
    ...(dev !== undefined ? { dev: Number(dev) } : {}),
  };
}

export function isReleaseVersion(version: string): boolean {
  return readPublicVersion(version) !== undefined;
}

/** A pre-release (`1.0rc1`, `2.0.0b2`) or development release: GitHub shows it as a pre-release. */
export function isPreRelease(version: string): boolean {
  const read = readPublicVersion(version);
  return !!read && (read.pre !== undefined || read.dev !== undefined);
}

/**
 * The release after `latest`: the final release of a pre-release (`1.2.0rc1` → `1.2.0`), else the last number of the
 * release segment plus one (`1.2.3` → `1.2.4`, `2024.5` → `2024.6`). `0.1.0` for a first release.
 */
export function nextVersion(latest: string | undefined): string {
  const read = latest ? readPublicVersion(latest) : undefined;
  if (!read) return '0.1.0';
  if (read.pre || read.dev !== undefined) return read.releaseText;
  const parts = [...read.release];
  parts[parts.length - 1]! += 1;
  return parts.join('.');
}

/**
 * What version a release of this project would publish, from how pyproject.toml declares it. A version from git tags
 * follows the highest version tag (the tags are what the build reads), else PyPI's latest release.
 */
export function chooseVersion(source: VersionSource, latestOnIndex: string | undefined, tags?: TagEvidence): VersionChoice {
  if (source.kind === 'static') return { kind: 'fixed', version: source.value, from: 'pyproject.toml' };
  const fromIndex = latestOnIndex ? `the release after ${latestOnIndex}, the latest on PyPI` : 'a first release: PyPI has none';
  if (source.fromVcs) {
    const from = `git tags (${source.provider})`;
    if (tags && 'highest' in tags) {
      const { highest } = tags;
      return { kind: 'nextTag', suggestion: nextVersion(highest.version), tagPrefix: highest.prefix, from, basis: `the tag after ${highest.tag}, the highest version tag on GitHub` };
    }
    return { kind: 'nextTag', suggestion: nextVersion(latestOnIndex), from, basis: tags ? `${fromIndex} (${tags.reason})` : fromIndex };
  }
  return latestOnIndex ? { kind: 'ask', suggestion: nextVersion(latestOnIndex), from: source.provider, basis: fromIndex } : { kind: 'ask', from: source.provider };
}

/**
 * The tag for `version`: the repository's own prefix when its tags show one (`prefix`), else `v1.2.3` by convention,
 * or `1.2.3` when only that matches the workflow's tag patterns. Undefined when none matches (the pushed tag would
 * not start the workflow).
 */
export function tagFor(version: string, patterns: string[] | undefined, prefix?: string): string | undefined {
  const bare = version.trim().replace(/^v/i, '');
  const candidates = [...new Set([...(prefix !== undefined ? [`${prefix}${bare}`] : []), `v${bare}`, bare])];
  if (patterns === undefined) return candidates[0];
  return candidates.find((tag) => tagMatches(tag, patterns));
}
