import { isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import { credentialsOf, type Credential } from './credentials';
import { checksOut, grantJobPermissions } from '../edits/jobEdits';
import { effectivePermissions } from './permissions';
import { blankComments } from './publishEvidence';
import { findPublishSteps, indexOfUrl, isOpaque, type PublishStep, type PublishTool } from './publishing';
import { indentUnit, lineEnd, lineStart, removePair, replaceNode } from '../edits/textEdits';
import type { Span, TextEdit } from '../engine/types';
import type { JobModel, StepModel, WorkflowModel } from './workflowModel';
import { itemsOf, pairOf, pairsOf, stringOf, type MapPair } from './yamlNodes';
import { secretsIn } from './secretNames';

/**
 * Shared facts for the rules about how an upload authenticates: which tools can use trusted publishing, where a
 * long-lived secret comes from, which jobs build code, and edits that move permissions and credentials around.
 */

/** Upload tools that exchange GitHub's OIDC token with PyPI themselves when given no credential. */
export const OIDC_TOOLS: ReadonlySet<PublishTool> = new Set<PublishTool>(['pypa-action', 'maturin-action', 'twine', 'uv', 'pdm', 'maturin']);

/** Upload tools with no trusted publishing support at all: without a credential they cannot authenticate. */
export const NO_OIDC_TOOLS: ReadonlySet<PublishTool> = new Set<PublishTool>(['poetry', 'hatch', 'flit']);

export const TOOL_LABEL: Record<PublishTool, string> = {
  'pypa-action': 'pypa/gh-action-pypi-publish',
  'maturin-action': 'PyO3/maturin-action',
  twine: 'twine upload',
  uv: 'uv publish',
  pdm: 'pdm publish',
  hatch: 'hatch publish',
  poetry: 'poetry publish',
  flit: 'flit publish',
  maturin: 'maturin upload',
  setuptools: 'setup.py upload',
  script: 'a script',
  action: 'a third-party action',
};

/** How an upload is named for people: the tool, or for a script or an action, what runs (`scripts/publish`). */
export const uploadLabel = (publish: PublishStep): string => publish.evidence?.what ?? TOOL_LABEL[publish.tool];

/** The upload uses trusted publishing: a tool that supports it, and no password or token reaches it. */
export function reliesOnOidc(publish: PublishStep, workflow: WorkflowModel, text: string): boolean {
  return OIDC_TOOLS.has(publish.tool) && credentialsOf(publish, workflow, text).length === 0;
}

/**
 * Where an upload goes, with `unknown` for an index URL computed by an expression (`${{ inputs.url }}`), which
 * `PublishStep.index` counts as another index.
 */
export function uploadTarget(publish: PublishStep, text: string): PublishStep['index'] | 'unknown' {
  if (publish.tool === 'pypa-action') {
    const url = stringOf(publish.step.inputs.get('repository-url')?.value) ?? stringOf(publish.step.inputs.get('repository_url')?.value);
    if (url && /\$\{\{/.test(url)) return 'unknown';
  }
  if (publish.tool === 'hatch') {
    // hatch names its indexes `main` and `test`, or takes a URL: `hatch publish --repo test`.
    const repo = /\s(?:--repo|-r)[=\s]+(\S+)/.exec(text.slice(publish.range.start, lineEnd(text, publish.range.start)))?.[1];
    if (repo) return repo === 'main' ? 'pypi' : repo === 'test' ? 'testpypi' : /^https?:/.test(repo) ? indexOfUrl(repo) : 'other';
  }
  return publish.index;
}

export const indexLabel = (target: PublishStep['index'] | 'unknown'): string => (target === 'testpypi' ? 'TestPyPI' : target === 'pypi' ? 'PyPI' : 'the package index');

/** The job may request an OIDC token. */
export const hasIdToken = (workflow: WorkflowModel, job: JobModel): boolean => effectivePermissions(workflow, job).level('id-token') === 'write';

/**
 * The repository secret behind a credential: read directly (`${{ secrets.PYPI_TOKEN }}`), or through an
 * environment variable that reads one (`--password $PYPI_TOKEN` with `PYPI_TOKEN: ${{ secrets.PYPI_TOKEN }}`).
 * Undefined for values that are not secrets, such as a token minted by an earlier step.
 */
export function secretBehind(credential: Credential, publish: PublishStep, workflow: WorkflowModel, text: string): string | undefined {
  if (credential.secret) return credential.secret;
  const value = credential.pair ? (stringOf(credential.pair.value) ?? '') : text.slice(credential.range.start, credential.range.end);
  if (/secrets\s*\[/.test(value)) return 'computed secret name';
  const reference = /\benv\.([A-Za-z_][A-Za-z0-9_]*)|\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(value);
  const name = reference?.[1] ?? reference?.[2];
  if (!name) return undefined;
  for (const env of [publish.step.env, envMap(pairOf(publish.job.node, 'env')?.value), envMap(workflow.pair('env')?.value)]) {
    const found = stringOf(env.get(name)?.value);
    if (found !== undefined) return secretsIn(found)[0] ?? (/secrets\s*\[/.test(found) ? 'computed secret name' : undefined);
  }
  return undefined;
}

const envMap = (node: unknown): Map<string, MapPair> => new Map(pairsOf(node).map((p) => [String(p.key.value), p]));

/** A long-lived secret that reaches an upload to PyPI or TestPyPI, with every upload it reaches. */
export interface SecretUpload {
  credential: Credential;
  secret: string;
  uploads: PublishStep[];
}

/**
 * Secrets that reach uploads bound for PyPI or TestPyPI (uploads to another index are left alone: a private index
 * cannot use PyPI's trusted publishing). One entry per credential, however many uploads read it.
 */
export function secretUploads(workflow: WorkflowModel, text: string): SecretUpload[] {
  const byRange = new Map<string, SecretUpload>();
  for (const publish of findPublishSteps(workflow, text)) {
    const target = uploadTarget(publish, text);
    if (target === 'other') continue;
    for (const credential of credentialsOf(publish, workflow, text)) {
      const secret = secretBehind(credential, publish, workflow, text);
      // An index URL from an expression counts when the secret says it is for PyPI.
      if (!secret || (target === 'unknown' && !/pypi/i.test(secret))) continue;
      const key = `${credential.range.start}:${credential.range.end}`;
      const entry = byRange.get(key) ?? { credential, secret, uploads: [] };
      if (!entry.uploads.includes(publish)) entry.uploads.push(publish);
      byRange.set(key, entry);
    }
  }
  return [...byRange.values()].sort((a, b) => a.credential.range.start - b.credential.range.start);
}

/** The user-name settings that go with a password, removed with it so the tool falls back to `__token__`. */
const USERNAME_KEYS = [/^user$/, /^username$/, /^TWINE_USERNAME$/, /^UV_PUBLISH_USERNAME$/, /^MATURIN_USERNAME$/, /^PDM_PUBLISH_USERNAME$/, /^FLIT_USERNAME$/, /^POETRY_HTTP_BASIC_[A-Z0-9_]+_USERNAME$/];

/**
 * The secrets to remove together with `start` so that the jobs they reach can switch to trusted publishing as a
 * whole: every secret of every job the first one reaches, and so on. Every finding of one group then carries the
 * same edits, so applying several fixes at once stays consistent.
 */
export function secretGroup(all: SecretUpload[], start: SecretUpload): { secrets: SecretUpload[]; jobs: JobModel[] } {
  const secrets = new Set<SecretUpload>([start]);
  const jobs = new Set<JobModel>();
  for (let size = -1; size !== secrets.size + jobs.size; ) {
    size = secrets.size + jobs.size;
    for (const entry of secrets) entry.uploads.forEach((u) => jobs.add(u.job));
    for (const entry of all) if (entry.uploads.some((u) => jobs.has(u.job))) secrets.add(entry);
  }
  const order = (a: SecretUpload, b: SecretUpload) => a.credential.range.start - b.credential.range.start;
  return { secrets: [...secrets].sort(order), jobs: workflowOrder([...jobs]) };
}

const workflowOrder = (jobs: JobModel[]): JobModel[] => [...jobs].sort((a, b) => (a.keyNode.range?.[0] ?? 0) - (b.keyNode.range?.[0] ?? 0));

/**
 * Edits that take credentials away from their uploads: each `key: value` pair with the matching user name (and the
 * `with:`/`env:` block when nothing else is left), or each `--password` flag in a command. Undefined when the layout
 * is not one a minimal edit can handle safely.
 */
export function removeCredentials(text: string, entries: SecretUpload[], workflow: WorkflowModel): TextEdit[] | undefined {
  const byOwner = new Map<MapPair, MapPair[]>();
  const edits: TextEdit[] = [];
  for (const { credential, uploads } of entries) {
    const publish = uploads[0];
    // A credential a script writes (poetry config, ~/.pypirc) or that reaches a script: no minimal edit removes it safely.
    if (credential.container === 'script' || uploads.some((u) => isOpaque(u.tool))) return undefined;
    if (credential.pair) {
      const owner =
        credential.container === 'with'
          ? publish.step.withPair
          : credential.container === 'step-env'
            ? publish.step.envPair
            : credential.container === 'job-env'
              ? publish.job.pair('env')
              : workflow.pair('env');
      if (!owner || !isMap(owner.value)) return undefined;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), credential.pair]);
      continue;
    }
    const run = publish.step.run;
    if (!run?.range || !(run.type === Scalar.PLAIN || run.type === Scalar.BLOCK_LITERAL || run.type === Scalar.BLOCK_FOLDED)) return undefined;
    edits.push(withLeadingBlanks(text, credential.range));
    // A user name other than __token__ would stop the tool from trying trusted publishing.
    const lineOffset = lineStart(text, credential.range.start);
    const line = text.slice(lineOffset, lineEnd(text, credential.range.start));
    for (const match of line.matchAll(/(?<=\s)(?:--username|-u)[=\s]+(\S+)/g)) {
      if (/^['"]?__token__['"]?$/.test(match[1])) continue;
      edits.push(withLeadingBlanks(text, { start: lineOffset + match.index!, end: lineOffset + match.index! + match[0].length }));
    }
  }
  for (const [owner, pairs] of byOwner) {
    const companions = pairsOf(owner.value).filter((p) => !pairs.includes(p) && USERNAME_KEYS.some((k) => k.test(String(p.key.value))));
    const removal = removePairs(text, owner, [...pairs, ...companions]);
    if (!removal) return undefined;
    edits.push(...removal);
  }
  return edits;
}

/**
 * An insertion that also replaces the character after it (writing it back): two fixes inserting the same text at
 * the same place then overlap, and applying both inserts it once. (At the very end of the text, the one before.)
 */
export function overlapping(text: string, edit: TextEdit): TextEdit {
  if (edit.start !== edit.end) return edit;
  if (edit.end < text.length) return { start: edit.start, end: edit.end + 1, newText: edit.newText + text[edit.end] };
  if (edit.start > 0) return { start: edit.start - 1, end: edit.end, newText: text[edit.start - 1] + edit.newText };
  return edit;
}

/** Deletes a span of a command together with the blanks before it (`twine upload --password x dist/*`). */
function withLeadingBlanks(text: string, span: Span): TextEdit {
  let start = span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start -= 1;
  return { start, end: span.end, newText: '' };
}

/** The pair is the first thing on its line (not `- key:` of a sequence item, not inside a flow map). */
export function ownsLine(text: string, pair: MapPair): boolean {
  const keyStart = pair.key.range?.[0];
  return keyStart !== undefined && text.slice(lineStart(text, keyStart), keyStart).trim() === '';
}

/**
 * Edits that delete `remove` from the map held by `owner` (a `with:`, `env:` or `permissions:` pair); the owner pair
 * goes too when nothing is left. Flow maps are rewritten from their remaining pairs' own text.
 */
export function removePairs(text: string, owner: MapPair, remove: MapPair[]): TextEdit[] | undefined {
  const map = owner.value;
  if (!isMap(map)) return undefined;
  const remaining = pairsOf(map).filter((p) => !remove.includes(p));
  if (remaining.length === 0) return ownsLine(text, owner) ? [removePair(text, owner)] : undefined;
  if (map.flow) return [replaceNode(map, flowText(text, remaining))];
  if (!remove.every((p) => ownsLine(text, p))) return undefined;
  return remove.map((p) => removePair(text, p));
}

/** `{ a: 1, b: 2 }` from pairs' own source text. */
export function flowText(text: string, pairs: MapPair[]): string {
  if (pairs.length === 0) return '{}';
  return `{ ${pairs.map((p) => text.slice(p.key.range?.[0] ?? 0, p.value?.range?.[1] ?? p.key.range?.[1] ?? 0)).join(', ')} }`;
}

/**
 * How to give a job extra permissions without taking away what it had: a job with its own block gets the scopes
 * added to it; a job that inherited the workflow-level block gets a block of its own repeating those grants (a
 * job-level block replaces the workflow's), less `drop`; a job that checks out keeps `contents: read`.
 */
export function jobPermissionGrant(
  text: string,
  workflow: WorkflowModel,
  job: JobModel,
  grants: Array<[string, string]>,
  drop?: string,
): { edit: TextEdit } | { lines: string[] } {
  if (job.pair('permissions')) return { edit: grantJobPermissions(text, job, grants) };
  const entries = new Map<string, string>(grants);
  const top = workflow.pair('permissions')?.value;
  if (isMap(top)) {
    for (const pair of pairsOf(top)) {
      const scope = String(pair.key.value);
      if (scope !== drop && !entries.has(scope)) entries.set(scope, stringOf(pair.value) ?? '');
    }
  }
  if (checksOut(job) && !entries.has('contents')) entries.set('contents', 'read');
  const unit = indentUnit(text);
  return { lines: ['permissions:', ...[...entries].map(([scope, level]) => `${unit}${scope}: ${level}`)] };
}

/** Run commands and actions that build or install the project's own code, whose build scripts then run in the job. */
/** Each with a word its pattern cannot match without: most scripts lack most words, and those patterns are not run. */
const BUILD_COMMANDS: Array<{ what: string; word: string; pattern: RegExp }> = [
  { what: 'python -m build', word: 'build', pattern: /\bpython[\d.]*\s+(?:-[A-Za-z]+\s+)*-m\s+build\b/ },
  { what: 'pyproject-build', word: 'pyproject-build', pattern: /\bpyproject-build\b/ },
  { what: 'pipx run build', word: 'pipx', pattern: /\bpipx\s+run\s+(?:--\S+\s+)*build\b/ },
  { what: 'uv build', word: 'uv', pattern: /\buv\s+build\b/ },
  { what: 'poetry build', word: 'poetry', pattern: /\bpoetry\s+build\b/ },
  { what: 'hatch build', word: 'hatch', pattern: /\bhatch\s+build\b/ },
  { what: 'pdm build', word: 'pdm', pattern: /\bpdm\s+build\b/ },
  { what: 'flit build', word: 'flit', pattern: /\bflit\s+build\b/ },
  { what: 'rye build', word: 'rye', pattern: /\brye\s+build\b/ },
  { what: 'maturin build', word: 'maturin', pattern: /\bmaturin\s+(?:build|sdist)\b/ },
  { what: 'cibuildwheel', word: 'cibuildwheel', pattern: /\bcibuildwheel\b/ },
  { what: 'setup.py', word: 'setup.py', pattern: /\bsetup\.py\s+(?:[^\n;&|]*\s)?(?:sdist|bdist_wheel|bdist|build|install|develop)\b/ },
  { what: 'pip install .', word: 'pip', pattern: /\bpip3?\s+(?:install|wheel)\s+(?:[^\n;&|#]*\s)?(?:--editable[=\s]+|-e\s*)?\.(?:\[[^\]\s]*\])?(?=\s|$|;|&|\|)/ },
  { what: 'poetry install', word: 'poetry', pattern: /\bpoetry\s+install\b/ },
  { what: 'uv sync', word: 'uv', pattern: /\buv\s+sync\b/ },
  { what: 'pdm install', word: 'pdm', pattern: /\bpdm\s+(?:install|sync)\b/ },
  { what: 'flit install', word: 'flit', pattern: /\bflit\s+install\b/ },
  // Uploads that build first: `poetry publish --build`, `flit publish`, `maturin publish`, `pdm publish` (unless --no-build).
  { what: 'poetry publish --build', word: 'poetry', pattern: /\bpoetry\s+publish\b[^\n;&|]*\s--build\b/ },
  { what: 'flit publish', word: 'flit', pattern: /\bflit\s+publish\b/ },
  { what: 'maturin publish', word: 'maturin', pattern: /\bmaturin\s+publish\b/ },
  { what: 'pdm publish', word: 'pdm', pattern: /\bpdm\s+publish\b(?![^\n;&|]*--no-build)/ },
  // Task runners asked for a build target: `tox -e build`, `nox -s build`, `make dist`, `hatch run build`.
  { what: 'tox -e build', word: 'tox', pattern: /\btox\b[^\n;&|]*?\s-e\s*(?:[\w.-]+,)*[\w.-]*\b(?:build|dists?|sdist|wheels?)\b/ },
  { what: 'nox -s build', word: 'nox', pattern: /\bnox\b[^\n;&|]*?\s(?:-s|--sessions?)\s+(?:[\w.-]+\s+)*[\w.-]*\b(?:build|dists?|sdist|wheels?)\b/ },
  { what: 'make build', word: 'make', pattern: /\bmake\b(?:[ \t]+(?:-\S+|[\w.-]+))*?[ \t]+(?:build|dists?|sdist|bdist_wheel|wheels?|package)(?=$|[\s;&|])/m },
  { what: 'hatch run build', word: 'hatch', pattern: /\bhatch\s+run\s+(?:\S+:)?(?:build|dists?)\b/ },
];

/** A word every command of BUILD_COMMANDS has: most scripts have none, and are not searched further. */
const BUILD_WORDS = /build|sdist|install|wheel|sync|publish|setup\.py|\btox\b|\bnox\b|\bmake\b/;

const BUILD_ACTIONS = new Set(['pypa/cibuildwheel', 'hynek/build-and-inspect-python-package', 'openastronomy/build-python-dist']);

/**
 * Third-party upload actions that build too: JRubics/poetry-publish runs `poetry publish --build`; casperdcl/deploy-pypi
 * builds when given `build: true` or a `pip:` wheel command.
 */
function uploadActionBuilds(step: StepModel): boolean {
  const action = step.uses?.action;
  if (action === 'jrubics/poetry-publish') return true;
  if (action !== 'casperdcl/deploy-pypi') return false;
  const build = stringOf(step.inputs.get('build')?.value);
  return (build !== undefined && build !== 'false') || !!stringOf(step.inputs.get('pip')?.value);
}

export interface BuildStep {
  step: StepModel;
  what: string;
  range: Span;
  /** Why the step counts as a build when it does not name one (a script that must be what writes dist/). */
  why?: string;
}

/** Steps of a job that build or install the project (the first command of each step). */
export function buildStepsOf(job: JobModel, text: string): BuildStep[] {
  const found: BuildStep[] = [];
  for (const step of job.steps) {
    const uses = step.uses;
    if (uses?.node.range) {
      const command = stringOf(step.inputs.get('command')?.value) ?? 'build';
      if (BUILD_ACTIONS.has(uses.action) || (uses.action === 'pyo3/maturin-action' && (command === 'build' || command === 'sdist')) || uploadActionBuilds(step)) {
        found.push({ step, what: uses.raw, range: { start: uses.node.range[0], end: uses.node.range[1] } });
      }
      continue;
    }
    const range = step.run?.range;
    if (!range) continue;
    const script = text.slice(range[0], range[1]);
    if (!BUILD_WORDS.test(script)) continue;
    // The whole script at once, so that a command folded over several lines (`>-`, or `\` at line ends) is read whole.
    const source = blankComments(script).replace(/\\\r?\n/g, (m) => ' '.repeat(m.length));
    let hit: BuildStep | undefined;
    for (const { what, word, pattern } of BUILD_COMMANDS) {
      if (!source.includes(word)) continue;
      const match = pattern.exec(source);
      if (match && (!hit || range[0] + match.index < hit.range.start)) {
        const shown = what === 'make build' || what === 'tox -e build' || what === 'nox -s build' ? match[0].replace(/\s+/g, ' ') : what;
        hit = { step, what: shown, range: { start: range[0] + match.index, end: range[0] + match.index + match[0].length } };
      }
    }
    if (hit) found.push(hit);
  }
  return found;
}

/** A repository script run as a command: `scripts/build`, `./build.sh`, `python scripts/build.py`, `bash tools/dist.sh`. */
const SCRIPT_COMMAND =
  /(?:^[ \t]*["']?|[;&|(][ \t]*)((?:(?:bash|sh|python[\d.]*|uv\s+run|poetry\s+run)\s+)?(?:(?:\.{0,2}\/)?(?:[\w.-]+\/)+[\w-]+(?:\.(?:sh|bash|py))?|(?:\.\/)?[\w-]+\.(?:sh|bash|py)|\.\/[\w-]+))(?=$|[\s;&|"')])/m;

/**
 * When no step names a build: a repository script that runs before the upload, in a job that downloads no
 * artifact, and whose name (or its step's) speaks of building. The distributions the job uploads come from
 * somewhere, and that script is the only step that can have written dist/.
 */
export function scriptBuildsOf(job: JobModel, uploads: PublishStep[], text: string): BuildStep[] {
  if (uploads.length === 0) return [];
  const first = Math.min(...uploads.map((u) => u.step.index));
  const before = job.steps.filter((s) => s.index < first);
  if (before.some((s) => s.uses && /download|cache/i.test(`${s.uses.action}/${s.uses.path ?? ''}`))) return [];
  for (const step of before) {
    const range = step.run?.range;
    if (!range) continue;
    const source = blankComments(text.slice(range[0], range[1]));
    const script = SCRIPT_COMMAND.exec(source);
    if (!script) continue;
    const name = stringOf(pairOf(step.node, 'name')?.value) ?? '';
    const base = script[1].split('/').pop() ?? '';
    if (!/build|dist|wheel|package/i.test(base) && !/\b(?:build|dist|wheel|sdist|packag)/i.test(name)) continue;
    const start = range[0] + script.index + script[0].length - script[1].length;
    const what = script[1].replace(/\s+/g, ' ');
    return [
      {
        step,
        what,
        range: { start, end: start + script[1].length },
        why: `${name ? `its step '${name}'` : 'it'} runs \`${what}\` before the upload, and no step of the job downloads distributions, so the files it uploads are built in this job, most likely by that script`,
      },
    ];
  }
  return [];
}

/** The values a `${{ matrix.key }}` expression can take, when the matrix lists them; undefined otherwise. */
export function matrixValues(job: JobModel, expression: string): Node[] | undefined {
  const key = /^\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}$/.exec(expression.trim())?.[1];
  if (!key) return undefined;
  const matrix = pairOf(job.pair('strategy')?.value, 'matrix')?.value;
  if (!isMap(matrix)) return undefined;
  const values: Node[] = [];
  const listed = pairOf(matrix, key)?.value;
  if (listed !== undefined && listed !== null) {
    if (!isSeq(listed)) return undefined;
    values.push(...itemsOf(listed));
  }
  const include = pairOf(matrix, 'include')?.value;
  if (include !== undefined && include !== null && !isSeq(include)) return undefined;
  for (const entry of itemsOf(include)) {
    const value = pairOf(entry, key)?.value;
    if (value) values.push(value);
  }
  return values.length > 0 && values.every((v) => isScalar(v) || isSeq(v)) ? values : undefined;
}

/** The job installs a twine older than 6.1, which has no trusted publishing (`pip install twine==5.1.1`). */
export function pinsOldTwine(job: JobModel, text: string): boolean {
  return job.steps.some((step) => {
    const range = step.run?.range;
    if (!range) return false;
    const pin = /\btwine\s*(?:==|<=|<|~=)\s*(\d+)\.(\d+)/.exec(text.slice(range[0], range[1]));
    return !!pin && (Number(pin[1]) < 6 || (Number(pin[1]) === 6 && Number(pin[2]) < 1));
  });
}

/** Says which secret, for messages: `the secret PYPI_TOKEN`. */
export const secretLabel = (secret: string): string => (secret === 'computed secret name' ? 'a repository secret' : `the secret ${secret}`);
