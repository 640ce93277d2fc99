import { isScalar, type Scalar } from 'yaml';
import { versionOf } from './actionRefs';
import type { JobModel, StepModel, WorkflowModel } from './workflowModel';
import { stringOf, type MapPair } from './yamlNodes';
import { flatMapped } from './lists';
import { keptOn } from './keptOn';

/**
 * The artifacts a workflow passes between its jobs: what `actions/upload-artifact` stores under which name, what
 * `actions/download-artifact` fetches (by name, pattern or all), and which jobs do things we cannot see into
 * (reusable workflows, local or unknown actions) so that rules stay silent rather than guess.
 */

export interface ArtifactUpload {
  job: JobModel;
  step: StepModel;
  /** The name as written (`artifact` when omitted); `${{ }}` parts match anything. */
  name: string;
  major?: number;
}

export interface ArtifactDownload {
  job: JobModel;
  step: StepModel;
  name?: MapPair;
  pattern?: MapPair;
  path?: MapPair;
  mergeMultiple: boolean;
  major?: number;
  /** Downloads from another run or repository (`run-id`, `github-token`, `repository`): nothing here to compare with. */
  external: boolean;
}

const UPLOAD = 'actions/upload-artifact';
const DOWNLOAD = 'actions/download-artifact';
/** hynek/build-and-inspect-python-package stores the dists as `Packages` plus an optional suffix. */
const BAIPP = 'hynek/build-and-inspect-python-package';

/** Actions known not to store artifacts: jobs using only these (and run steps) are fully visible. */
const NO_ARTIFACTS = new Set([
  'actions/checkout',
  'actions/setup-python',
  'actions/setup-node',
  'actions/setup-go',
  'actions/setup-java',
  'actions/cache',
  DOWNLOAD,
  'actions/attest-build-provenance',
  'actions/attest',
  'pypa/cibuildwheel',
  'pyo3/maturin-action',
  'astral-sh/setup-uv',
  'pypa/gh-action-pypi-publish',
  'docker/setup-qemu-action',
  'docker/setup-buildx-action',
  'ilammy/msvc-dev-cmd',
  'msys2/setup-msys2',
  'softprops/action-gh-release',
  'snok/install-poetry',
  'pdm-project/setup-pdm',
  'dtolnay/rust-toolchain',
  'swatinem/rust-cache',
]);

export function uploadsOf(job: JobModel, text: string): ArtifactUpload[] {
  return flatMapped(job.steps, (step): ArtifactUpload[] => {
    const uses = step.uses;
    if (uses?.kind !== 'repository' || (uses.action !== UPLOAD && uses.action !== BAIPP)) return [];
    // actions/upload-artifact/merge combines artifacts into one, `merged-artifacts` unless named.
    if (uses.action === UPLOAD && uses.path === 'merge') return [{ job, step, name: stringOf(step.inputs.get('name')?.value) ?? 'merged-artifacts', major: versionOf(text, uses)?.major }];
    if (uses.path) return [];
    if (uses.action === UPLOAD) return [{ job, step, name: stringOf(step.inputs.get('name')?.value) ?? 'artifact', major: versionOf(text, uses)?.major }];
    const suffix = stringOf(step.inputs.get('upload-name-suffix')?.value) ?? '';
    // build-and-inspect-python-package v2 stores it with upload-artifact v4; v1 used v3.
    const major = versionOf(text, uses)?.major;
    return [{ job, step, name: `Packages${suffix}`, major: major === undefined ? undefined : major >= 2 ? 4 : 3 }];
  });
}

export function downloadsOf(job: JobModel, text: string): ArtifactDownload[] {
  return flatMapped(job.steps, (step): ArtifactDownload[] => {
    if (step.uses?.kind !== 'repository' || step.uses.path || step.uses.action !== DOWNLOAD) return [];
    const merge = stringOf(step.inputs.get('merge-multiple')?.value);
    return [
      {
        job,
        step,
        name: nonEmpty(step.inputs.get('name')),
        pattern: nonEmpty(step.inputs.get('pattern')),
        path: nonEmpty(step.inputs.get('path')),
        mergeMultiple: merge === 'true',
        major: versionOf(text, step.uses)?.major,
        external: ['run-id', 'github-token', 'repository', 'artifact-ids'].some((k) => nonEmpty(step.inputs.get(k)) !== undefined),
      },
    ];
  });
}

const nonEmpty = (pair: MapPair | undefined) => (pair && stringOf(pair.value)?.trim() ? pair : undefined);

/** True when a job may store artifacts we cannot name: a reusable workflow, a local action or an unknown action. */
export function isOpaque(job: JobModel): boolean {
  if (job.calls) return true;
  return job.steps.some((step) => {
    if (!step.uses) return false;
    if (step.uses.kind !== 'repository') return true;
    // build-and-inspect-python-package stores `Packages` and may store more: known, but not entirely.
    if (step.uses.action === UPLOAD) return false;
    return !NO_ARTIFACTS.has(step.uses.action);
  });
}

/** The jobs a job waits for, directly or through other jobs. */
export function needsClosure(workflow: WorkflowModel, job: JobModel): Set<string> {
  const seen = new Set<string>();
  const queue = [...job.needs];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(workflow.job(id)?.needs ?? []));
  }
  return seen;
}

/** The download's selector as a glob: its name (exact), its pattern, or `*` for "every artifact". */
export function selectorOf(download: ArtifactDownload): { kind: 'name' | 'pattern' | 'all'; glob: string; node?: Scalar } {
  // Artifact names cannot hold `*` or `?`, so a name is its own glob.
  if (download.name) return { kind: 'name', glob: stringOf(download.name.value)!, node: scalarOf(download.name) };
  if (download.pattern) return { kind: 'pattern', glob: stringOf(download.pattern.value)!, node: scalarOf(download.pattern) };
  return { kind: 'all', glob: '*' };
}

const scalarOf = (pair: MapPair) => (isScalar(pair.value) ? (pair.value as Scalar) : undefined);

/** Uploads a download selector may fetch (names with expressions match as wildcards). */
export function matchingUploads(download: ArtifactDownload, uploads: ArtifactUpload[]): ArtifactUpload[] {
  const { glob } = selectorOf(download);
  if (!isLiteral(glob)) return uploads.filter((u) => globsIntersect(glob, u.name));
  // A plain name (the common case) is looked up; only uploads whose own names are globs need comparing. Workflows
  // with many jobs would otherwise compare every download with every upload.
  const index = uploadIndex(uploads);
  const found = new Set([...(index.byName.get(glob.toLowerCase()) ?? []), ...index.globs.filter((u) => globsIntersect(glob, u.name))]);
  return found.size === 0 ? [] : uploads.filter((u) => found.has(u));
}

const isLiteral = (glob: string): boolean => !/[*?[\]{}]|\$\{\{/.test(glob);

const uploadIndexes = keptOn<ArtifactUpload[], { byName: Map<string, ArtifactUpload[]>; globs: ArtifactUpload[] }>('upload index');

function uploadIndex(uploads: ArtifactUpload[]) {
  let index = uploadIndexes.get(uploads);
  if (!index) {
    index = { byName: new Map(), globs: [] };
    for (const upload of uploads) {
      if (!isLiteral(upload.name)) index.globs.push(upload);
      else index.byName.set(upload.name.toLowerCase(), [...(index.byName.get(upload.name.toLowerCase()) ?? []), upload]);
    }
    uploadIndexes.set(uploads, index);
  }
  return index;
}

/**
 * Longest glob compared: real artifact names are short. A longer one (a hostile or generated file) counts as `*`,
 * which errs on the side of a match (no finding) and keeps the comparison bounded.
 */
const MAX_GLOB_LENGTH = 256;
/** Most brace alternatives expanded per glob (`{a,b}{c,d}` is 4); past it the glob counts as `*`. */
const MAX_ALTERNATIVES = 64;

/**
 * Whether two artifact-name globs can match one common name. `${{ ... }}` counts as `*`; `*`, `?`, `[...]` and
 * `{a,b}` are read as in the artifact actions' minimatch patterns. Case-insensitive, to err on the side of a match.
 */
export function globsIntersect(a: string, b: string): boolean {
  const left = alternatives(a);
  const right = alternatives(b);
  return left.some((x) => right.some((y) => intersect(tokens(x), tokens(y))));
}

type Token = { kind: 'star' } | { kind: 'any' } | { kind: 'char'; char: string };

function tokens(glob: string): Token[] {
  const out: Token[] = [];
  const source = glob.replace(/\$\{\{[\s\S]*?\}\}/g, '\u0000').toLowerCase();
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\u0000' || c === '*') {
      if (out.at(-1)?.kind !== 'star') out.push({ kind: 'star' });
    } else if (c === '?') out.push({ kind: 'any' });
    else if (c === '[') {
      const close = source.indexOf(']', i + 2);
      if (close === -1) out.push({ kind: 'char', char: c });
      else {
        out.push({ kind: 'any' });
        i = close;
      }
    } else out.push({ kind: 'char', char: c });
  }
  return out;
}

/** The brace alternatives of a glob, bounded in length and count (past the bounds: `*`). */
function alternatives(glob: string): string[] {
  if (glob.length > MAX_GLOB_LENGTH) return ['*'];
  const out: string[] = [];
  const pending = [glob];
  while (pending.length > 0) {
    const next = pending.pop()!;
    const match = next.includes('${{') ? null : /\{([^{}]*,[^{}]*)\}/.exec(next);
    if (!match) out.push(next);
    else for (const alt of match[1].split(',')) pending.push(next.slice(0, match.index) + alt + next.slice(match.index + match[0].length));
    if (out.length + pending.length > MAX_ALTERNATIVES) return ['*'];
  }
  return out;
}

/**
 * Whether two token lists can match a common string: a table over suffixes, filled from the end one row at a time
 * (time |p|·|q|, memory |q|, no recursion).
 */
function intersect(p: Token[], q: Token[]): boolean {
  let below = new Uint8Array(q.length + 1); // row i + 1
  let row = new Uint8Array(q.length + 1); // row i
  for (let i = p.length; i >= 0; i--) {
    for (let j = q.length; j >= 0; j--) {
      let result: boolean;
      if (i === p.length && j === q.length) result = true;
      else if (i < p.length && p[i].kind === 'star') result = below[j] === 1 || (j < q.length && row[j + 1] === 1);
      else if (j < q.length && q[j].kind === 'star') result = row[j + 1] === 1 || (i < p.length && below[j] === 1);
      else if (i === p.length || j === q.length) result = false;
      else {
        const a = p[i];
        const b = q[j];
        result = (a.kind === 'any' || b.kind === 'any' || (a.kind === 'char' && b.kind === 'char' && a.char === b.char)) && below[j + 1] === 1;
      }
      row[j] = result ? 1 : 0;
    }
    [below, row] = [row, below];
  }
  return below[0] === 1;
}

/** A directory as the actions resolve it: `./dist/` → `dist`, the workspace root → `.`. */
export function normalizeDir(dir: string | undefined): string {
  if (dir === undefined) return '.';
  let d = dir.trim().replace(/\\/g, '/');
  d = d.replace(/^\$\{\{\s*github\.workspace\s*\}\}\/?/, '').replace(/^\$GITHUB_WORKSPACE\/?/, '');
  const parts = d.split('/').filter((p) => p !== '' && p !== '.');
  return parts.length === 0 ? '.' : parts.join('/');
}

/**
 * Whether an upload stores its files without a leading folder, as upload-artifact does when every path shares the
 * folder (it keeps paths relative to their least common ancestor). Undefined when the paths do not tell.
 */
export function uploadsFlat(upload: ArtifactUpload): boolean | undefined {
  if (upload.step.uses?.action !== UPLOAD) return true;
  if (upload.step.uses.path === 'merge') return undefined;
  const lines = (stringOf(upload.step.inputs.get('path')?.value) ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('!'));
  if (lines.length === 0 || lines.some((l) => l.includes('${{'))) return undefined;
  const folders = lines.map((l) => {
    const parts = normalizeDir(l).split('/');
    // A wildcard before the last part (`**/dist/*`): the common folder depends on what matches.
    return parts.slice(0, -1).some((p) => /[*?[]/.test(p)) ? undefined : parts;
  });
  if (folders.some((f) => f === undefined)) return undefined;
  if (lines.length === 1) return true;
  const first = folders.map((f) => f![0]);
  return first.every((f) => f === first[0]) && folders.every((f) => f!.length > 1);
}
