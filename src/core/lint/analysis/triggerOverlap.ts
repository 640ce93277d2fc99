/**
 * Whether two uploads can be started by the same release: the same GitHub release, or the tag it comes with. Kept
 * simple and linear: when unsure whether two tag patterns can match one tag, they are taken as not overlapping, so a
 * warning is only given on evidence.
 */

/** What starts an upload: the `release` activity types and whether a pushed tag (of these patterns) does. */
export interface UploadReach {
  releaseTypes: readonly string[];
  onTagPush: boolean;
  /** `push: tags:` patterns; `[]` for every tag. */
  tagPatterns: readonly string[];
}

/**
 * The activity types one release fires together: a release published without a draft fires `created` and
 * `published`, and with `published` comes `released` (or `prereleased` for a pre-release). A draft fires nothing
 * until it is published.
 */
const ONE_RELEASE: ReadonlyArray<ReadonlySet<string>> = [new Set(['created', 'published', 'released']), new Set(['created', 'published', 'prereleased'])];

/** Types that come with publishing a release (and so with its tag). */
const RELEASING = new Set(['created', 'published', 'released', 'prereleased']);

export const EVENTS = {
  published: 'a published release',
  sameRelease: 'the same release',
  sameTag: 'the same tag push',
  releaseAndTag: 'a release and its tag',
} as const;

/** How the shared event reads in a message ("on a published release"), or undefined when the two never meet. */
export function sharedEvent(a: UploadReach, b: UploadReach): string | undefined {
  const both = (type: string) => a.releaseTypes.includes(type) && b.releaseTypes.includes(type);
  if (both('published')) return EVENTS.published;
  if (ONE_RELEASE.some((types) => a.releaseTypes.some((t) => types.has(t)) && b.releaseTypes.some((t) => types.has(t)))) return EVENTS.sameRelease;
  if (a.onTagPush && b.onTagPush && tagPatternsOverlap(a.tagPatterns, b.tagPatterns)) return EVENTS.sameTag;
  // Creating a release from GitHub's page also pushes its tag: the tag's workflow runs next to the release's.
  const releasing = (r: UploadReach) => r.releaseTypes.some((t) => RELEASING.has(t));
  if ((releasing(a) && b.onTagPush) || (releasing(b) && a.onTagPush)) return EVENTS.releaseAndTag;
  return undefined;
}

/**
 * Whether some tag can match a pattern of each list (`[]` is every tag; `!` patterns are left aside). Two patterns
 * meet when they are equal or one is a literal prefix followed by `*` that the other starts with: `*` meets
 * everything, `v*` meets `v[0-9]*` and `v1.2.3`, `v*` does not meet `[0-9]*`.
 */
export function tagPatternsOverlap(a: readonly string[], b: readonly string[]): boolean {
  const positive = (list: readonly string[]) => {
    const kept = list.filter((p) => !p.startsWith('!'));
    return kept.length > 0 ? kept : ['*'];
  };
  const left = positive(a);
  const right = positive(b);
  return left.some((p) => right.some((q) => p === q || covers(p, q) || covers(q, p)));
}

/** `p` is `<literal>*` (or `**`) and `q` starts with that literal. */
function covers(p: string, q: string): boolean {
  const prefixGlob = /^([^*?[\]+!]*)\*+$/.exec(p);
  if (!prefixGlob) return false;
  return literalPrefix(q).startsWith(prefixGlob[1]);
}

/** The part of a pattern before its first special character. */
const literalPrefix = (pattern: string): string => /^[^*?[\]+!]*/.exec(pattern)![0];
