import { tagMatches } from './tagPattern';
import { PUBLIC_VERSION_SOURCE, readPublicVersion } from './version';

/** A tag read as a prefix and a PEP 440 version: `v1.2.3` is `v` + `1.2.3`, `mypkg-2.0rc1` is `mypkg-` + `2.0rc1`. */
export interface VersionTag {
  tag: string;
  prefix: string;
  version: string;
}

/** The version at the end of a tag: a release segment, then optional pre-, post- and dev-release parts. */
const TAG_VERSION = new RegExp(`^(.*?)(${PUBLIC_VERSION_SOURCE})$`, 'i');

/** Undefined for tags that do not end in a version (`latest`, `docs-preview`) or whose version is glued to a word. */
export function readVersionTag(tag: string): VersionTag | undefined {
  const match = TAG_VERSION.exec(tag);
  if (!match) return undefined;
  const prefix = match[1]!;
  // `build42` is a name, not build + 42: a version after a letter counts only after `v` (v1.2) or a separator.
  if (prefix !== '' && /[A-Za-z0-9]$/.test(prefix) && !/(?:^|[^A-Za-z])v$/i.test(prefix)) return undefined;
  return { tag, prefix, version: tag.slice(prefix.length) };
}

/**
 * PEP 440 ordering of the public versions `readVersionTag` reads: the release segment (missing parts are 0), then
 * dev-only releases before pre-releases before the final release before post-releases, dev releases of each first.
 */
export function compareVersions(a: string, b: string): number {
  const [ka, kb] = [sortKey(a), sortKey(b)];
  for (let i = 0; i < Math.max(ka.release.length, kb.release.length); i++) {
    const d = (ka.release[i] ?? 0) - (kb.release[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  for (const part of ['pre', 'post', 'dev'] as const) {
    const [x, y] = [ka[part], kb[part]];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return Math.sign(x[i]! - y[i]!);
  }
  return 0;
}

const PHASES: Record<string, number> = { a: 0, b: 1, rc: 2 };

function sortKey(version: string): { release: number[]; pre: number[]; post: number[]; dev: number[] } {
  const read = readPublicVersion(version);
  if (!read) return { release: [], pre: [-Infinity, 0], post: [-Infinity], dev: [-Infinity] };
  const onlyDev = !read.pre && read.post === undefined && read.dev !== undefined;
  return {
    release: read.release,
    // A dev release of the final version (1.0.dev1) sorts before its pre-releases (1.0a1); the final release after them.
    pre: read.pre ? [PHASES[read.pre.phase]!, read.pre.number] : onlyDev ? [-Infinity, 0] : [Infinity, 0],
    post: read.post !== undefined ? [read.post] : [-Infinity],
    dev: read.dev !== undefined ? [read.dev] : [Infinity],
  };
}

/**
 * The highest version among the tags that start the workflow (`patterns`; undefined for any tag). In a repository
 * that tags several packages (`core-v1.0`, `cli-v2.3`), the tags whose prefix names `project` are preferred.
 */
export function highestVersionTag(tags: readonly string[], patterns: string[] | undefined, project?: string): VersionTag | undefined {
  const read = tags
    .filter((tag) => patterns === undefined || tagMatches(tag, patterns))
    .map(readVersionTag)
    .filter((t): t is VersionTag => t !== undefined);
  const name = project ? normalize(project) : undefined;
  const own = name ? read.filter((t) => normalize(t.prefix).includes(name)) : [];
  const candidates = own.length > 0 ? own : read;
  return candidates.reduce<VersionTag | undefined>((best, t) => (!best || compareVersions(t.version, best.version) > 0 ? t : best), undefined);
}

const normalize = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');
