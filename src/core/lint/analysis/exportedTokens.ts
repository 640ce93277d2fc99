import type { Span } from '../engine/types';
import { isPypiSecret } from './publishEvidence';
import { TOKEN_VARIABLES } from './credentials';
import type { JobModel, StepModel } from './workflowModel';
import { pairOf, pairsOf, stringOf, type MapPair } from './yamlNodes';
import { secretsIn } from './secretNames';
import { flatMapped } from './lists';

/**
 * PyPI tokens that a step hands on through the runner's files: `$GITHUB_ENV` (every later step of the job gets the
 * variable) and `$GITHUB_OUTPUT` (a step output, which a job's `outputs:` can pass to other jobs). A token counts when
 * it is minted in the job (an OIDC exchange at PyPI's `/_/oidc/mint-token`, by a script or a token-mint action) or
 * read from a PyPI secret. Scripts write these files with `echo "NAME=value" >> "$GITHUB_ENV"` in a shell, or with
 * `open(os.environ["GITHUB_ENV"], "a")` and `f.write(f"NAME={token}")` in Python (pyca/cryptography's publish job).
 */

export interface ExportedToken {
  step: StepModel;
  /** Where the token goes. */
  file: 'GITHUB_ENV' | 'GITHUB_OUTPUT';
  /** The variable or output name written. */
  name: string;
  /** Where the token comes from, for messages: "the token this step mints", "the secret PYPI_TOKEN". */
  source: string;
  minted: boolean;
  /** The `NAME=value` text in the script. */
  range: Span;
}

/** PyPI's token exchange (also its older GitHub-only path); TestPyPI's has the same path. */
const MINT_URL = /\/_\/oidc\/(?:github\/)?mint-token\b/;
/** Actions that exchange the OIDC token for a PyPI token and return it as an output (tschm/token-mint-action). */
const MINT_ACTION = /(?:^|[/-])(?:token-mint|mint-token|pypi-token|oidc-token)(?:[/-]|$)/i;

/** A step that mints a PyPI token and keeps it: a script calling the exchange, or a token-mint action. */
export function mintsToken(step: StepModel, text: string): boolean {
  if (step.uses?.kind === 'repository') return MINT_ACTION.test(step.uses.action) && /pypi|mint/i.test(step.uses.action);
  const range = step.run?.range;
  return !!range && MINT_URL.test(text.slice(range[0], range[1]));
}

/** The `id:` of a step, when it has one. */
export const stepId = (step: StepModel): string | undefined => stringOf(pairOf(step.node, 'id')?.value);

export function exportedTokens(job: JobModel, text: string): ExportedToken[] {
  // Most jobs write neither file: the steps that mint are looked for only in a job that does.
  let minting: Set<string> | undefined;
  const mintingSteps = () => (minting ??= new Set(job.steps.filter((s) => mintsToken(s, text)).map(stepId).filter((id): id is string => !!id)));
  return flatMapped(job.steps, (step) => flatMapped(writesOf(step, text), (write) => {
    const source = tokenSource(step, write, mintingSteps(), text);
    return source ? [{ step, file: write.file, name: write.name, range: write.range, ...source }] : [];
  }));
}

interface Write {
  file: 'GITHUB_ENV' | 'GITHUB_OUTPUT';
  name: string;
  value: string;
  range: Span;
}

/** The `NAME=value` entries a script appends to `$GITHUB_ENV` or `$GITHUB_OUTPUT`. */
function writesOf(step: StepModel, text: string): Write[] {
  const range = step.run?.range;
  if (!range) return [];
  const source = text.slice(range[0], range[1]);
  if (!/GITHUB_(?:ENV|OUTPUT)/.test(source)) return [];
  const writes: Write[] = [];
  let offset = 0;
  for (const line of source.split('\n')) {
    const at = range[0] + offset;
    offset += line.length + 1;
    // Shell: echo/printf "NAME=value" >> "$GITHUB_ENV" on one line.
    const shell = /\b(?:echo|printf)\b[^\n>]*?(["']?)([A-Za-z_][\w-]*)=([^\n>]*?)\1?\s*>>\s*["']?\$\{?(GITHUB_ENV|GITHUB_OUTPUT)\b/.exec(line);
    if (shell) {
      const start = at + shell.index + shell[0].indexOf(`${shell[2]}=`);
      writes.push({ file: shell[4] as Write['file'], name: shell[2], value: shell[3], range: { start, end: start + shell[2].length + 1 + shell[3].length } });
      continue;
    }
    // Python and other languages: a write or print of "NAME=..." in a script that opens one of the two files.
    const written = /\b(?:write|print)\(\s*f?(["'])([A-Za-z_][\w-]*)=([^\n]*?)(?:\\n)?\1/.exec(line);
    if (written) {
      const before = source.slice(0, offset);
      const file = (before.lastIndexOf('GITHUB_OUTPUT') > before.lastIndexOf('GITHUB_ENV') ? 'GITHUB_OUTPUT' : 'GITHUB_ENV') as Write['file'];
      const start = at + written.index + written[0].indexOf(`${written[2]}=`);
      writes.push({ file, name: written[2], value: written[3], range: { start, end: start + written[2].length + 1 + written[3].length } });
    }
  }
  return writes;
}

/** Whether a written value is a PyPI token, and where it comes from. */
function tokenSource(step: StepModel, write: Write, minting: Set<string>, text: string): { source: string; minted: boolean } | undefined {
  const secret = secretOf(write.value, step);
  if (secret) return { source: `the secret ${secret}`, minted: false };
  const output = /steps\.([\w-]+)\.outputs\.([\w-]+)/.exec(write.value);
  if (output && minting.has(output[1])) return { source: `the token minted by step '${output[1]}'`, minted: true };
  const variable = /\$\{?[A-Za-z_]|\{[A-Za-z_][\w.[\]'"]*\}/.test(write.value);
  const tokenish = /token|password|passwd|secret/i;
  if (variable && mintsToken(step, text) && (tokenish.test(write.name) || tokenish.test(write.value))) {
    return { source: 'the token it mints', minted: true };
  }
  if (variable && TOKEN_VARIABLES.some((pattern) => pattern.test(write.name))) return { source: `an upload password (${write.name})`, minted: false };
  return undefined;
}

/** A PyPI secret the value reads, directly or through a variable of the step's `env:`. */
function secretOf(value: string, step: StepModel): string | undefined {
  const direct = secretsIn(value).find(isPypiSecret);
  if (direct) return direct;
  for (const match of value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)|\benv\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = match[1] ?? match[2];
    const secret = secretsIn(stringOf(step.env.get(name)?.value) ?? '').find(isPypiSecret);
    if (secret) return secret;
  }
  return undefined;
}

/**
 * The job `outputs:` entries that read a step output holding a PyPI token: written to `$GITHUB_OUTPUT` by a script
 * above, or an output of a token-mint action whose name speaks of a token. `exported` is the job's exportedTokens,
 * which the caller has already read.
 */
export interface TokenJobOutput {
  pair: MapPair;
  token: Pick<ExportedToken, 'step' | 'name' | 'source' | 'minted'> & { range?: Span };
}

export function tokenJobOutputs(job: JobModel, text: string, exported: readonly ExportedToken[]): TokenJobOutput[] {
  const outputs = pairsOf(job.pair('outputs')?.value);
  if (outputs.length === 0) return [];
  const written = exported.filter((t) => t.file === 'GITHUB_OUTPUT');
  return outputs.flatMap((pair): TokenJobOutput[] => {
    const reference = /steps\.([\w-]+)\.outputs\.([\w-]+)/.exec(stringOf(pair.value) ?? '');
    if (!reference) return [];
    const [, id, name] = reference;
    const token = written.find((t) => stepId(t.step) === id && t.name === name);
    if (token) return [{ pair, token: token.source === 'the token it mints' ? { ...token, source: `the token minted by step '${id}'` } : token }];
    const action = job.steps.find((s) => stepId(s) === id && s.uses && mintsToken(s, text));
    return action && /token|password/i.test(name) ? [{ pair, token: { step: action, name, source: `the token minted by step '${id}'`, minted: true } }] : [];
  });
}
