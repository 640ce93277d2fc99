import { TOKEN_VARIABLES } from './credentials';
import { environmentOf } from './environments';
import { effectivePermissions } from './permissions';
import { indexOfUrl, type PublishStep } from './publishing';
import type { Span } from '../engine/types';
import type { JobModel, StepModel, WorkflowModel } from './workflowModel';
import { pairOf, pairsOf, stringOf, type MapPair } from './yamlNodes';
import { secretsIn } from './secretNames';
import { flatMapped } from './lists';

/**
 * Uploads that no step names outright: a repository script, a task runner (`make publish`, `tox -e release`), a
 * third-party action or an opaque command, recognised by what the step is given (a PyPI token, a credential written
 * to Poetry's config or ~/.pypirc, `id-token: write` with a PyPI environment). Strong evidence: the rules that reason
 * about publishing use it, and their messages say what was seen. Names alone (a `make release` with no credential)
 * are weak evidence and never produce a finding.
 */

/** Variables that carry an upload credential besides the upload tools' own (TOKEN_VARIABLES). */
const CREDENTIAL_NAMES = /^(?:PYPI_(?:API_)?(?:TOKEN|PASSWORD|KEY)|TEST_?PYPI_(?:API_)?(?:TOKEN|PASSWORD|KEY)|POETRY_HTTP_BASIC_[A-Z0-9_]+_PASSWORD|HATCH_INDEX_AUTH|UV_PUBLISH_(?:TOKEN|PASSWORD))$/;

const USER_VARIABLES = /^(?:TWINE_USERNAME|FLIT_USERNAME|HATCH_INDEX_USER|UV_PUBLISH_USERNAME|PDM_PUBLISH_USERNAME|MATURIN_USERNAME|POETRY_HTTP_BASIC_[A-Z0-9_]+_USERNAME)$/;

/** A secret whose name says it is for PyPI, TestPyPI or an upload tool. */
export const isPypiSecret = (name: string): boolean => /pypi|twine|warehouse/i.test(name) || (/publish/i.test(name) && /token|password|key/i.test(name));

/** Inputs through which third-party publishing actions take a token. */
const TOKEN_INPUTS = /^(?:password|token|pypi[-_]?(?:token|password|api[-_]?token)|api[-_]?token|twine[-_]?password)$/i;

/** Third-party actions named for publishing to PyPI (`casperdcl/deploy-pypi`, `JRubics/poetry-publish`). */
export const PUBLISH_ACTION = /pypi.*(?:publish|upload|deploy|release)|(?:publish|upload|deploy|release).*pypi|poetry-publish|twine/i;

/**
 * Commands whose name says they publish: repository scripts (`scripts/publish`, `./release.sh`, `python
 * scripts/upload.py`) and task-runner targets (`make publish`, `tox -e release`, `nox -s publish`, `hatch run release`,
 * `invoke release`, `just publish`).
 */
const PUBLISH_WORD = '(?:publish|release|upload|deploy|pypi)(?![\\w-]*(?:notes|changelog|version|check|draft|docs))[\\w.-]*';
const PUBLISH_WORDS = /publish|release|upload|deploy|pypi/;
const PUBLISH_COMMANDS: RegExp[] = [
  new RegExp(
    `(?:^|[\\s;&|"'(])((?:\\.{0,2}/)?(?:[\\w.-]+/)+${PUBLISH_WORD}|(?:\\./)?${PUBLISH_WORD}\\.(?:sh|bash|py)|\\./${PUBLISH_WORD})(?=$|[\\s;&|"')])`,
    'm',
  ),
  new RegExp(`\\bmake\\s+(?:-{1,2}\\S+\\s+)*${PUBLISH_WORD}`),
  new RegExp(`\\btox\\b[^\\n;&|]*?\\s-e\\s*${PUBLISH_WORD}`),
  new RegExp(`\\bnox\\b[^\\n;&|]*?\\s(?:-s|--sessions?)\\s+${PUBLISH_WORD}`),
  new RegExp(`\\bhatch\\s+run\\s+(?:\\S+:)?${PUBLISH_WORD}`),
  new RegExp(`\\b(?:invoke|inv|just|poe|pdm\\s+run)\\s+(?:-{1,2}\\S+\\s+)*${PUBLISH_WORD}`),
];

export interface Evidence {
  /** What runs: `scripts/publish`, `tox -e release`, `casperdcl/deploy-pypi`. */
  what: string;
  /** What reaches it: "`TWINE_PASSWORD` from the secret PYPI_TOKEN", "`id-token: write`". */
  via: string;
  /** The secrets seen reaching it, by name. */
  secrets: string[];
  /** The job may mint an OIDC token and no credential was seen: trusted publishing, as far as the file shows. */
  oidc: boolean;
}

export interface OpaqueUpload {
  step: StepModel;
  range: Span;
  index: PublishStep['index'];
  evidence: Evidence;
}

/** An input of an action that hands it a PyPI token: any input reading a PyPI secret, or a token input of a publishing action. */
export function tokenInput(step: StepModel, pair: MapPair): boolean {
  const secrets = secretsIn(stringOf(pair.value) ?? '');
  if (secrets.length === 0 || !step.uses) return false;
  const named = step.uses.kind === 'repository' && PUBLISH_ACTION.test(`${step.uses.action}/${step.uses.path ?? ''}`);
  return secrets.some(isPypiSecret) || (named && TOKEN_INPUTS.test(String(pair.key.value)));
}

interface Seen {
  description: string;
  secrets: string[];
  testHint?: boolean;
  /** Read from a variable no upload tool reads (a PyPI secret under another name): it may be for an install. */
  loose?: boolean;
}

/** An env entry that hands an upload credential over: a known variable with a value, or any variable reading a PyPI secret. */
export function credentialPair(pair: MapPair): Seen | undefined {
  const name = String(pair.key.value);
  const value = stringOf(pair.value)?.trim() ?? '';
  if (!value) return undefined;
  const secrets = secretsIn(value);
  const known = TOKEN_VARIABLES.some((p) => p.test(name)) || CREDENTIAL_NAMES.test(name);
  if (!known && !secrets.some(isPypiSecret)) return undefined;
  if (!known && /^(?:GITHUB_TOKEN|GH_TOKEN)$/.test(name)) return undefined;
  const from = secrets.length > 0 ? ` from the secret ${secrets[0]}` : '';
  return { description: `\`${name}\`${from}`, secrets, testHint: /test/i.test(name), loose: !known };
}

const envCredentials = (pairs: Iterable<MapPair>): Seen[] =>
  flatMapped(pairs, (p) => {
    const seen = credentialPair(p);
    return seen ? [seen] : [];
  });

/** Credentials a `run:` script writes for a later upload: `poetry config pypi-token.pypi`, a ~/.pypirc from a secret. */
export function writtenCredentials(step: StepModel, text: string): Array<Seen & { range: Span; name: string }> {
  const range = step.run?.range;
  if (!range) return [];
  const source = text.slice(range[0], range[1]);
  // Both ways of writing a credential name their tool: most scripts name neither.
  if (!source.includes('poetry') && !source.includes('.pypirc')) return [];
  const found: Array<Seen & { range: Span; name: string }> = [];
  const resolve = (reference: string): string[] => {
    const direct = secretsIn(reference);
    if (direct.length > 0) return direct;
    const variable = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(reference)?.[1] ?? /\benv\.([A-Za-z_][A-Za-z0-9_]*)/.exec(reference)?.[1];
    return variable ? secretsIn(stringOf(step.env.get(variable)?.value) ?? '') : [];
  };
  const poetry = /\bpoetry\s+config\s+((?:pypi-token|http-basic)\.\S+)\s+(\S+(?:[ \t]+[^\s;&|]+)?)/.exec(source);
  if (poetry) {
    const secrets = resolve(poetry[2]);
    if (secrets.length > 0 || /\$/.test(poetry[2])) {
      found.push({
        name: `poetry config ${poetry[1]}`,
        description: `\`poetry config ${poetry[1]}\`${secrets.length > 0 ? ` from the secret ${secrets[0]}` : ''}`,
        secrets,
        testHint: /test/i.test(poetry[1]),
        range: { start: range[0] + poetry.index, end: range[0] + poetry.index + poetry[0].length },
      });
    }
  }
  const pypirc = /\.pypirc\b/.exec(source);
  if (pypirc) {
    const secrets = [...new Set([...secretsIn(source), ...flatMapped(step.env.values(), (p) => (source.includes(String(p.key.value)) ? secretsIn(stringOf(p.value) ?? '') : []))])];
    if (secrets.length > 0) {
      found.push({
        name: '~/.pypirc',
        description: `a ~/.pypirc written from the secret ${secrets[0]}`,
        secrets,
        testHint: /test/i.test(source.slice(pypirc.index, pypirc.index + 400)) && !/\[pypi\]/.test(source),
        range: { start: range[0] + pypirc.index, end: range[0] + pypirc.index + pypirc[0].length },
      });
    }
  }
  return found;
}

/** The first command of a `run:` script whose name says it publishes, with its span; else undefined. */
export function publishCommand(step: StepModel, text: string): { what: string; range: Span } | undefined {
  const range = step.run?.range;
  if (!range) return undefined;
  const script = text.slice(range[0], range[1]);
  // Every such command has one of the words of PUBLISH_WORD: most scripts have none, and are not searched further.
  if (!PUBLISH_WORDS.test(script)) return undefined;
  const source = blankComments(script);
  let best: { what: string; range: Span } | undefined;
  for (const pattern of PUBLISH_COMMANDS) {
    const match = pattern.exec(source);
    if (!match) continue;
    const inner = match[1] !== undefined ? match.index + match[0].indexOf(match[1]) : match.index;
    const length = (match[1] ?? match[0]).length;
    // `bash scripts/publish.sh`, `python scripts/release.py`: the interpreter belongs to the command.
    const runner = /(?:\b(?:bash|sh|python[\d.]*|uv\s+run|poetry\s+run)\s+)$/.exec(source.slice(0, inner));
    const start = runner ? inner - runner[0].length : inner;
    if (!best || range[0] + start < best.range.start) {
      best = { what: source.slice(start, inner + length).replace(/\s+/g, ' '), range: { start: range[0] + start, end: range[0] + inner + length } };
    }
  }
  return best;
}

/** The first command of a `run:` script, for messages when the step is recognised by its credential alone. */
function firstCommand(step: StepModel, text: string): { what: string; range: Span } | undefined {
  const range = step.run?.range;
  if (!range) return undefined;
  const source = text.slice(range[0], range[1]);
  const match = /^[ \t]*(?:[|>][-+]?\d*[ \t]*\n)?\s*["']?([^\s#"'][^\n"']*)/.exec(source);
  if (!match) return undefined;
  const start = range[0] + match.index + match[0].length - match[1].length;
  const what = match[1].trimEnd();
  return { what: what.length > 60 ? `${what.slice(0, 57)}...` : what, range: { start, end: start + what.length } };
}

/** Comment lines of a shell script replaced by blanks, so that offsets stay exact. */
export const blankComments = (source: string): string => (!source.includes('#') ? source : source.replace(/^([ \t]*)#[^\n]*/gm, (m) => ' '.repeat(m.length)));

/**
 * The uploads of a job that no step names outright, with what was seen (findPublishSteps asks only for jobs without a
 * named upload: in those, credential steps feed the named upload instead). A step is an upload when it is handed a
 * credential itself; when the credential comes from the job's or workflow's env or from an earlier step's config, or
 * the job has `id-token: write`, only a step whose command says it publishes is.
 */
export function opaqueUploads(workflow: WorkflowModel, job: JobModel, text: string): OpaqueUpload[] {
  const jobEnv = envCredentials(pairsOf(pairOf(job.node, 'env')?.value));
  const workflowEnv = envCredentials(pairsOf(workflow.pair('env')?.value));
  const idToken = effectivePermissions(workflow, job).level('id-token') === 'write';
  const environment = environmentOf(job);
  const environmentUrl = environment?.url ? stringOf(environment.url) : undefined;
  const pypiEnvironment = !!environmentUrl && /(^|\/\/|\.)pypi\.org/i.test(environmentUrl);
  const found: OpaqueUpload[] = [];
  const written: Seen[] = [];
  for (const step of job.steps) {
    if (step.uses) {
      if (step.uses.action === 'pypa/gh-action-pypi-publish' || step.uses.action === 'pyo3/maturin-action') continue;
      const inputs = flatMapped(step.inputs.values(), (pair): Seen[] => {
        if (!tokenInput(step, pair)) return [];
        const key = String(pair.key.value);
        const secrets = secretsIn(stringOf(pair.value) ?? '');
        return [{ description: `the input \`${key}\` from the secret ${secrets[0]}`, secrets, testHint: /test/i.test(key) }];
      });
      const seen = [...inputs, ...envCredentials(step.env.values())];
      if (seen.length === 0 || !step.uses.node.range) continue;
      const what = step.uses.raw.split('@')[0];
      found.push(upload(step, what, { start: step.uses.node.range[0], end: step.uses.node.range[1] }, seen, false));
      continue;
    }
    if (!step.run?.range) continue;
    const writes = writtenCredentials(step, text);
    const given = [...envCredentials(step.env.values()), ...inlineSecrets(step, text)];
    const inherited = [...jobEnv, ...workflowEnv, ...written];
    // Most steps of most jobs get nothing: they are not read further.
    if (given.length === 0 && writes.length === 0 && inherited.length === 0 && !idToken) continue;
    const command = publishCommand(step, text);
    // A PyPI secret under a name no upload tool reads (a private mirror's token for `pip install`...) only counts
    // for a step whose command or name speaks of publishing.
    const publishing = !!command || /publish|release|upload|deploy|pypi/i.test(stringOf(pairOf(step.node, 'name')?.value) ?? '');
    const own = given.filter((seen) => !seen.loose || publishing || writes.length > 0);
    if (own.length > 0 && !(writes.length > 0 && !command)) {
      const shown = command ?? firstCommand(step, text);
      if (shown) found.push(upload(step, shown.what, shown.range, merge(own, writes), false));
    } else if (command && (writes.length > 0 || inherited.length > 0)) {
      found.push(upload(step, command.what, command.range, [...writes, ...inherited], false));
    } else if (command && idToken && !/deploy/i.test(command.what)) {
      // `deploy` scripts in a job with id-token: write often deploy elsewhere (a cloud's OIDC): only names of publishing count.
      found.push(upload(step, command.what, command.range, [], true));
    }
    written.push(...writes);
  }
  // A job that may mint an OIDC token and deploys to a PyPI environment uploads, even from a script of another name.
  if (found.length === 0 && idToken && pypiEnvironment) {
    const last = [...job.steps].reverse().find((s) => s.run?.range);
    const shown = last && firstCommand(last, text);
    if (last && shown) found.push(upload(last, shown.what, shown.range, [], true));
  }
  return found;

  function upload(step: StepModel, what: string, range: Span, seen: Seen[], oidc: boolean): OpaqueUpload {
    const secrets = [...new Set(seen.flatMap((s) => s.secrets))];
    const via = oidc
      ? `\`id-token: write\`${pypiEnvironment ? ` and the environment URL ${environmentUrl}` : ''}`
      : [...new Set(seen.map((s) => s.description))].slice(0, 2).join(' and ');
    // A user name from a secret may be an account login: then the password is the account's, not an API token.
    const user = [...step.env.values(), ...pairsOf(pairOf(job.node, 'env')?.value)].find((p) => USER_VARIABLES.test(String(p.key.value)) && secretsIn(stringOf(p.value) ?? '').length > 0);
    const login = user ? ` (the user name comes from the secret ${secretsIn(stringOf(user.value) ?? '')[0]}: perhaps an account login rather than __token__)` : '';
    return { step, range, index: opaqueIndex(step, job, workflow, what, seen), evidence: { what, via: via + (oidc ? '' : login), secrets, oidc } };
  }
}

/**
 * Weak evidence: steps whose name alone says they publish (`make release`, `scripts/publish`, an action named for
 * PyPI) with no credential and no `id-token: write`. Reported to callers that ask for it, never to the rules.
 */
export function weakUploads(job: JobModel, text: string): OpaqueUpload[] {
  return flatMapped(job.steps, (step): OpaqueUpload[] => {
    if (step.uses?.node.range) {
      if (step.uses.kind !== 'repository' || !PUBLISH_ACTION.test(`${step.uses.action}/${step.uses.path ?? ''}`)) return [];
      const what = step.uses.raw.split('@')[0];
      return [{ step, range: { start: step.uses.node.range[0], end: step.uses.node.range[1] }, index: 'pypi', evidence: { what, via: 'its name only', secrets: [], oidc: false } }];
    }
    const command = publishCommand(step, text);
    return command ? [{ step, range: command.range, index: 'pypi', evidence: { what: command.what, via: 'its name only', secrets: [], oidc: false } }] : [];
  });
}

/** A secret handed over in env and written to a config by the same script is one credential: "`PYPI_TOKEN` from the secret X, written to `poetry config ...`". */
function merge(own: Seen[], writes: Array<Seen & { name: string }>): Seen[] {
  const merged = own.map((o) => ({ ...o }));
  const rest = writes.filter((w) => {
    const same = merged.find((o) => o.secrets.length > 0 && w.secrets.includes(o.secrets[0]));
    if (same) same.description += `, written to \`${w.name}\``;
    return !same;
  });
  return [...merged, ...rest];
}

/** `${{ secrets.PYPI_TOKEN }}` written straight into a script's command line. */
function inlineSecrets(step: StepModel, text: string): Seen[] {
  const range = step.run?.range;
  if (!range) return [];
  const script = text.slice(range[0], range[1]);
  if (!script.includes('secrets.')) return [];
  const secrets = secretsIn(blankComments(script)).filter(isPypiSecret);
  return secrets.length > 0 ? [{ description: `the secret ${secrets[0]} on its command line`, secrets, loose: true }] : [];
}

const URL_VARIABLES = ['TWINE_REPOSITORY_URL', 'UV_PUBLISH_URL', 'PDM_PUBLISH_REPO', 'MATURIN_REPOSITORY_URL', 'HATCH_INDEX_REPO', 'POETRY_REPOSITORIES_TESTPYPI_URL'];

/**
 * Where an upload that no command names goes: an index URL or repository name in its env or command line, else
 * the names of the secrets and variables that reach it, the environment's URL and name. PyPI when nothing says.
 */
function opaqueIndex(step: StepModel, job: JobModel, workflow: WorkflowModel, what: string, seen: Seen[]): PublishStep['index'] {
  const envs = [step.env, new Map(pairsOf(pairOf(job.node, 'env')?.value).map((p) => [String(p.key.value), p])), new Map(pairsOf(workflow.pair('env')?.value).map((p) => [String(p.key.value), p]))];
  for (const env of envs) {
    for (const key of URL_VARIABLES) {
      const value = stringOf(env.get(key)?.value);
      if (value && !/\$\{\{/.test(value)) return indexOfUrl(value);
    }
    const repository = stringOf(env.get('TWINE_REPOSITORY')?.value) ?? stringOf(env.get('MATURIN_REPOSITORY')?.value);
    if (repository && !/\$\{\{/.test(repository)) return /test/i.test(repository) ? 'testpypi' : 'pypi';
  }
  for (const pair of step.inputs.values()) {
    const value = stringOf(pair.value) ?? '';
    if (/^https?:\/\//.test(value) && /repository|index|url/i.test(String(pair.key.value))) return indexOfUrl(value);
  }
  if (/test[-_.]?pypi/i.test(what)) return 'testpypi';
  const secrets = seen.flatMap((s) => s.secrets);
  if (secrets.length > 0 && secrets.every((s) => /test/i.test(s))) return 'testpypi';
  if (secrets.some((s) => /pypi/i.test(s))) return 'pypi';
  if (seen.length > 0 && seen.every((s) => s.testHint)) return 'testpypi';
  const environment = environmentOf(job);
  const url = environment?.url ? stringOf(environment.url) : undefined;
  if (url && /pypi\.org/i.test(url)) return indexOfUrl(url);
  const name = environment?.name ? stringOf(environment.name) : undefined;
  if (name && /test[-_]?pypi/i.test(name)) return 'testpypi';
  return 'pypi';
}
