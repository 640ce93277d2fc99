import type { Scalar } from 'yaml';
import { ACTION_PINS, isFullSha, type ActionName, type ActionPin } from '../../publish/actionPins';
import { lineEnd } from '../edits/textEdits';
import { knownRelease } from './knownActionShas';
import type { Span, TextEdit } from '../engine/types';
import type { ActionReference, StepModel, WorkflowModel } from './workflowModel';
import { keptOn } from './keptOn';

/**
 * What the `@ref` of a `uses:` says about the action's version: the ref itself (`v4`, `v1.12.3`), or, for a SHA pin,
 * the release that commit is (knownActionShas: the publish and artifact actions) or else the `# vX.Y.Z` comment after
 * it on the same line (what Dependabot and people read).
 */

export interface ActionVersion {
  major: number;
  /** Undefined for a major-only ref (`v4`): a moving tag, the newest minor. */
  minor?: number;
  patch?: number;
  /** As written, e.g. `v1.8.10` or `1.8.10`. */
  text: string;
  /** Where the version was read: the ref, the comment after a SHA, or the table of known release commits. */
  from: 'ref' | 'comment' | 'sha';
  /** The span of the version text inside a comment (for replacing it). */
  commentSpan?: Span;
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/;

export function parseVersion(text: string): Omit<ActionVersion, 'from'> | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: match[2] === undefined ? undefined : Number(match[2]),
    patch: match[3] === undefined ? undefined : Number(match[3]),
    text: text.trim(),
  };
}

/** The comment that follows a scalar on its own line (`uses: x@sha # v1.2.3`), with its offsets. */
export function trailingComment(text: string, node: Scalar): { start: number; end: number; body: string } | undefined {
  const valueEnd = node.range?.[1];
  if (valueEnd === undefined) return undefined;
  const end = lineEnd(text, valueEnd);
  const rest = text.slice(valueEnd, end);
  const hash = /(^|\s)#/.exec(rest);
  if (!hash) return undefined;
  const start = valueEnd + hash.index + hash[1].length;
  return { start, end, body: text.slice(start + 1, end) };
}

/**
 * The version an action reference runs, as far as its ref, the table of release commits or its comment tell. A SHA
 * the table knows is that release whatever a comment claims (the commit is what runs); the comment's span is kept so
 * that a fix can rewrite it together with the SHA.
 */
export function versionOf(text: string, ref: ActionReference): ActionVersion | undefined {
  // Several analyses ask about the same reference of one parse: its answer is kept with it.
  const known = versions.get(ref);
  if (known?.text === text) return known.version;
  const version = readVersion(text, ref);
  versions.set(ref, { text, version });
  return version;
}

const versions = keptOn<ActionReference, { text: string; version: ActionVersion | undefined }>('version');

function readVersion(text: string, ref: ActionReference): ActionVersion | undefined {
  if (!ref.ref) return undefined;
  if (!isFullSha(ref.ref)) {
    const parsed = parseVersion(ref.ref);
    return parsed && { ...parsed, from: 'ref' };
  }
  const commented = commentVersion(text, ref);
  const release = ref.kind === 'repository' && !ref.path ? knownRelease(ref.action, ref.ref) : undefined;
  const known = release === undefined ? undefined : parseReleaseTag(release);
  if (known) return { ...known, from: 'sha', ...(commented?.commentSpan ? { commentSpan: commented.commentSpan } : {}) };
  return commented;
}

/** The version a `# vX.Y.Z` comment after a SHA pin names. */
function commentVersion(text: string, ref: ActionReference): ActionVersion | undefined {
  const comment = trailingComment(text, ref.node);
  if (!comment) return undefined;
  const match = /(?:^|[\s:@])(v?\d+(?:\.\d+){0,2})(?![\w.])/.exec(comment.body);
  if (!match) return undefined;
  const parsed = parseVersion(match[1]);
  if (!parsed) return undefined;
  const at = comment.start + 1 + match.index + match[0].length - match[1].length;
  return { ...parsed, from: 'comment', commentSpan: { start: at, end: at + match[1].length } };
}

/** A release tag of the table (`v1.4.2`, `v3.2.1-node20`, `v1.0.0a0`) as a version; the suffix is kept in `text`. */
function parseReleaseTag(tag: string): Omit<ActionVersion, 'from'> | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(tag);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0), text: tag };
}

/**
 * How a message names the version of a SHA pin: `27b3170…, which is v1.4.2` for a commit the table knows,
 * `0ab0b79… (v1.10.1)` for one whose comment says it; a tag as written.
 */
export function describeVersion(ref: ActionReference, version: ActionVersion, { subject = false } = {}): string {
  const text = describeVersionText(ref, version);
  // As the subject of a sentence, the `which is` clause is closed by a comma.
  return subject && version.from === 'sha' ? `${text},` : text;
}

function describeVersionText(ref: ActionReference, version: ActionVersion): string {
  if (version.from === 'ref' || !ref.ref) return version.text;
  const short = `${ref.ref.slice(0, 7)}…`;
  return version.from === 'sha' ? `${short}, which is ${version.text}` : `${short} (${version.text})`;
}

/** -1, 0 or 1; a missing minor or patch counts as the newest of its line (`v1` ≥ every 1.x.y). */
export function compareVersions(a: Pick<ActionVersion, 'major' | 'minor' | 'patch'>, b: [number, number, number]): number {
  const parts = [a.major, a.minor ?? Infinity, a.patch ?? Infinity];
  for (let i = 0; i < 3; i++) if (parts[i] !== b[i]) return parts[i] < b[i] ? -1 : 1;
  return 0;
}

/** The entry of ACTION_PINS for an action reference (GitHub names are case-insensitive), if the table has one. */
export function pinOf(ref: ActionReference): { name: ActionName; pin: ActionPin } | undefined {
  if (ref.kind !== 'repository' || ref.path) return undefined;
  const name = (Object.keys(ACTION_PINS) as ActionName[]).find((key) => key.toLowerCase() === ref.action);
  return name ? { name, pin: ACTION_PINS[name] } : undefined;
}

/** The `uses:` value's text as written, including quotes. */
export function usesSource(text: string, node: Scalar): string {
  const [start, end] = node.range ?? [0, 0];
  return text.slice(start, end);
}

/**
 * Replaces the `uses:` value with `owner/name@ref`, keeping the user's quotes, and optionally adds ` # comment`
 * after it. A comment is only added where one may stand: not inside a flow collection that continues on the line.
 */
export function replaceUses(text: string, node: Scalar, value: string, comment?: string): TextEdit | undefined {
  const [start, end] = node.range ?? [0, 0];
  const written = text.slice(start, end);
  const quote = written.startsWith('"') || written.startsWith("'") ? written[0] : '';
  let newText = `${quote}${value}${quote}`;
  if (comment !== undefined) {
    const rest = text.slice(end, lineEnd(text, end)).trim();
    if (rest !== '' && !rest.startsWith('#')) return undefined;
    newText += ` # ${comment}`;
  }
  return { start, end, newText };
}

/** `owner/name` as the user wrote it (their casing), without the ref. */
export function writtenName(ref: ActionReference): string {
  const at = ref.raw.lastIndexOf('@');
  return at === -1 ? ref.raw : ref.raw.slice(0, at);
}

/** Steps that use a given action (lower-case `owner/repo`), with their reference. */
export function usesAction(step: StepModel, action: string): boolean {
  return step.uses?.kind === 'repository' && step.uses.action === action && !step.uses.path;
}

/** Reusable workflows that must be called by tag: they verify their own ref (SLSA's builders do). */
export const TAG_ONLY_ACTIONS: ReadonlySet<string> = new Set(['slsa-framework/slsa-github-generator']);

/** `version`: an exact release tag (or the PyPA action's release/v1 branch); `moving`: anything else (SHAs too). */
export function refKind(ref: ActionReference): 'version' | 'moving' {
  if (ref.ref === undefined) return 'moving';
  if (ref.action === 'pypa/gh-action-pypi-publish' && ref.ref === 'release/v1') return 'version';
  const version = /^v?\d+\.\d+\.\d+(?:[-+.][0-9A-Za-z.-]+)?$/.test(ref.ref);
  return version ? 'version' : 'moving';
}

/** Every remote action and reusable-workflow reference of a workflow, with its job and whether it is a step. */
export function remoteRefs(workflow: WorkflowModel): Array<{ job: string; ref: ActionReference; step: boolean }> {
  const refs: Array<{ job: string; ref: ActionReference; step: boolean }> = [];
  for (const job of workflow.jobs) {
    if (job.calls) refs.push({ job: job.id, ref: job.calls, step: false });
    for (const step of job.steps) if (step.uses) refs.push({ job: job.id, ref: step.uses, step: true });
  }
  return refs.filter((r) => r.ref.kind === 'repository' && !TAG_ONLY_ACTIONS.has(r.ref.action));
}

/**
 * Whether a workflow's remote references (`remoteRefs`, or the facts' copy) all pin exact release tags (this
 * extension's tag mode), leaving `except` aside: then a release tag is the consistent choice; otherwise (SHA mode)
 * actions are to be pinned by commit SHA.
 */
export function pinsByTag(refs: ReadonlyArray<{ ref: ActionReference }>, except?: ActionReference): boolean {
  return refs.every((r) => r.ref === except || refKind(r.ref) === 'version');
}

/**
 * The major version a ref names: `v4`, `v4.1.2`, `4`, the PyPA action's `release/v1`, or a full SHA of a release the
 * table of known commits has (a SHA it does not have stays unknown).
 */
export function majorOfRef(ref: ActionReference): number | undefined {
  if (ref.ref === undefined) return undefined;
  if (ref.action === 'pypa/gh-action-pypi-publish' && ref.ref === 'release/v1') return 1;
  if (isFullSha(ref.ref)) {
    const release = ref.kind === 'repository' && !ref.path ? knownRelease(ref.action, ref.ref) : undefined;
    return release === undefined ? undefined : parseReleaseTag(release)?.major;
  }
  return parseVersion(ref.ref)?.major;
}
