import { isScalar } from 'yaml';
import { credentialPair, isPypiSecret, tokenInput, writtenCredentials } from './publishEvidence';
import { isOpaque, type PublishStep } from './publishing';
import type { Span } from '../engine/types';
import type { WorkflowModel } from './workflowModel';
import { pairOf, pairsOf, stringOf, type MapPair } from './yamlNodes';
import { secretsIn } from './secretNames';

/** Environment variables through which upload tools read a long-lived password or API token. */
export const TOKEN_VARIABLES = [
  /^TWINE_PASSWORD$/,
  /^UV_PUBLISH_TOKEN$/,
  /^UV_PUBLISH_PASSWORD$/,
  /^POETRY_PYPI_TOKEN_[A-Z0-9_]+$/,
  /^POETRY_HTTP_BASIC_[A-Z0-9_]+_PASSWORD$/,
  /^MATURIN_PYPI_TOKEN$/,
  /^MATURIN_PASSWORD$/,
  /^PDM_PUBLISH_PASSWORD$/,
  /^HATCH_INDEX_AUTH$/,
  /^FLIT_PASSWORD$/,
];

export interface Credential {
  /** What carries it: `password` input, `TWINE_PASSWORD`, `--password`... */
  name: string;
  range: Span;
  /** The pair to delete to remove it, when it is a YAML key (inputs and env entries). */
  pair?: MapPair;
  /** The map holding that pair (an env or with block), to know whether it empties; `script` for a credential a script writes. */
  container?: 'with' | 'step-env' | 'job-env' | 'workflow-env' | 'script';
  /** The secret's name when the value reads one (`secrets.PYPI_TOKEN` → PYPI_TOKEN). */
  secret?: string;
}

const secretIn = (value: string | undefined): string | undefined => (value ? secretsIn(value)[0] : undefined);

/** The long-lived credentials that reach a publish step: its inputs, env at any level, and command-line flags. */
export function credentialsOf(publish: PublishStep, workflow: WorkflowModel, text: string): Credential[] {
  const found: Credential[] = [];
  const { step, job } = publish;
  if (publish.tool === 'pypa-action' || publish.tool === 'maturin-action') {
    const password = step.inputs.get('password');
    // The pypa action's default user is __token__; a password input is always a token or a password.
    if (password && stringOf(password.value)?.trim()) {
      found.push({ name: 'password', range: spanOfPair(password), pair: password, container: 'with', secret: secretIn(stringOf(password.value)) });
    }
  }
  const opaque = isOpaque(publish.tool);
  if (publish.tool === 'action') {
    for (const pair of step.inputs.values()) {
      if (tokenInput(step, pair)) found.push({ name: String(pair.key.value), range: spanOfPair(pair), pair, container: 'with', secret: secretIn(stringOf(pair.value)) });
    }
  }
  const envs: Array<[Credential['container'], MapPair[]]> = [
    ['step-env', [...step.env.values()]],
    ['job-env', pairsOf(pairOf(job.node, 'env')?.value)],
    ['workflow-env', pairsOf(workflow.pair('env')?.value)],
  ];
  for (const [container, pairs] of envs) {
    for (const pair of pairs) {
      const name = String(pair.key.value);
      // A script may read any variable: there, a PyPI secret under another name (PYPI_TOKEN) counts too.
      if ((TOKEN_VARIABLES.some((pattern) => pattern.test(name)) || (opaque && credentialPair(pair))) && stringOf(pair.value)?.trim()) {
        found.push({ name, range: spanOfPair(pair), pair, container, secret: secretIn(stringOf(pair.value)) });
      }
    }
  }
  // Credentials written by a script for the upload: Poetry's config or a ~/.pypirc, in this step or an earlier one.
  for (const earlier of job.steps) {
    if (earlier.index > step.index) break;
    for (const written of writtenCredentials(earlier, text)) {
      if (earlier === step && !opaque && written.name.startsWith('poetry config')) continue;
      // The same secret handed over in env and written to a config by the script is one credential, reported once.
      if (written.secrets[0] && found.some((c) => c.secret === written.secrets[0])) continue;
      found.push({ name: written.name, range: written.range, container: 'script', secret: written.secrets[0] });
    }
  }
  if (step.run?.range && opaque) {
    const [start, end] = step.run.range;
    for (const match of text.slice(start, end).matchAll(/\$\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}/g)) {
      if (isPypiSecret(match[1])) found.push({ name: `secrets.${match[1]}`, range: { start: start + match.index!, end: start + match.index! + match[0].length }, container: 'script', secret: match[1] });
    }
  }
  if (step.run?.range && publish.tool !== 'pypa-action' && publish.tool !== 'maturin-action' && !opaque) {
    const [start, end] = step.run.range;
    const source = text.slice(start, end);
    const flag = /(--password|--token|-p|-t)[=\s]+("?\$\{\{[^}]*\}\}"?|\S+)/g;
    for (const match of source.matchAll(flag)) {
      // `-p`/`-t` only count next to an upload command's usual secret forms, to avoid flags of other programs.
      if ((match[1] === '-p' || match[1] === '-t') && !/secrets\.|\$[A-Z_]*(TOKEN|PASSWORD)/.test(match[2])) continue;
      found.push({ name: match[1], range: { start: start + match.index!, end: start + match.index! + match[0].length }, secret: secretIn(match[2]) });
    }
    const poetryConfig = /poetry\s+config\s+(pypi-token\.\S+|http-basic\.\S+)\s+(\S+)/.exec(source);
    if (poetryConfig) {
      found.push({ name: `poetry config ${poetryConfig[1]}`, range: { start: start + poetryConfig.index, end: start + poetryConfig.index + poetryConfig[0].length }, secret: secretIn(poetryConfig[2]) });
    }
  }
  return found;
}

function spanOfPair(pair: MapPair): Span {
  const start = pair.key.range?.[0] ?? 0;
  const end = isScalar(pair.value) && pair.value.range ? pair.value.range[1] : (pair.key.range?.[1] ?? start);
  return { start, end };
}

/** Where upload tools read the user name that goes with a password. */
const USER_NAME_KEYS = /^(?:user|username|TWINE_USERNAME|UV_PUBLISH_USERNAME|MATURIN_USERNAME|PDM_PUBLISH_USERNAME|FLIT_USERNAME|HATCH_INDEX_USER|POETRY_HTTP_BASIC_[A-Z0-9_]+_USERNAME)$/;

/**
 * The user name an upload logs in with, when it is not `__token__` (an API token's user name): a literal account
 * name or a secret (`${{ secrets.PYPI_USERNAME }}`), which may hold an account name. Messages then speak of a
 * password, not of a token. Undefined when the user is `__token__` or the tool's default.
 */
export function loginOf(publish: PublishStep, workflow: WorkflowModel, text: string): string | undefined {
  const { step } = publish;
  const line = step.run?.range ? text.slice(publish.range.start, text.indexOf('\n', publish.range.start) === -1 ? undefined : text.indexOf('\n', publish.range.start)) : '';
  // A `--username` on the command line wins; else the first user name given, from the step inward to the workflow.
  const user = /(?:^|\s)(?:--username|-u)[=\s]+(\S+)/.exec(line)?.[1] ?? firstUserName(publish, workflow);
  if (!user || /^['"]?__token__['"]?$/.test(user)) return undefined;
  return user.replace(/^\$\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}$/, 'the secret $1');
}

function firstUserName({ step, job, tool }: PublishStep, workflow: WorkflowModel): string | undefined {
  const sources: Iterable<MapPair>[] = [
    tool === 'pypa-action' || tool === 'maturin-action' || tool === 'action' ? step.inputs.values() : [],
    step.env.values(),
    pairsOf(pairOf(job.node, 'env')?.value),
    pairsOf(workflow.pair('env')?.value),
  ];
  for (const pairs of sources) {
    for (const pair of pairs) {
      if (!USER_NAME_KEYS.test(String(pair.key.value))) continue;
      const value = stringOf(pair.value)?.trim();
      if (value) return value;
    }
  }
  return undefined;
}

/** Some upload of these logs in with a user name of its own, so its secret is a password rather than an API token. */
export const passwordLogin = (uploads: readonly PublishStep[], workflow: WorkflowModel, text: string): boolean => uploads.some((u) => loginOf(u, workflow, text) !== undefined);
