import type { JobLog } from './jobLog';

/**
 * The OIDC token claims a failed exchange prints: the PyPA action renders them as a list
 * (`` * `sub`: `repo:octo/app:environment:pypi` ``, `MISSING` for an absent claim), uv as a Rust debug struct
 * (`sub: "repo:...",`), and people paste them without the backticks. These are the values the run presented to
 * PyPI, so they are the values a publisher must hold to match.
 */
export interface TokenClaims {
  sub?: string;
  /** `owner/repo` */
  repository?: string;
  repository_owner?: string;
  repository_owner_id?: string;
  /** The workflow the run started: `owner/repo/.github/workflows/release.yml@refs/tags/v1`. */
  workflow_ref?: string;
  /** The workflow file that holds the job that asked for the token; PyPI matches the publisher's workflow on this. */
  job_workflow_ref?: string;
  ref?: string;
  /** `undefined` when the log does not render it (older action, uv); `''` when rendered `MISSING` (no environment). */
  environment?: string;
}

export const CLAIM_NAMES = ['sub', 'repository', 'repository_owner', 'repository_owner_id', 'workflow_ref', 'job_workflow_ref', 'ref', 'environment'] as const;
export type ClaimName = (typeof CLAIM_NAMES)[number];

const NAMES = CLAIM_NAMES.join('|');
/** `* \`sub\`: \`value\``, `sub: value`, `> * sub: value`: the action's list, with or without its markdown. */
const LISTED = new RegExp(`^\\s*(?:>\\s*)?(?:[*-]\\s+)?\`?(${NAMES})\`?\\s*:\\s*\`?([^\`\\s]*)\`?\\s*$`);
/** `    sub: "value",` in uv's `OidcTokenClaims { ... }` (a raw identifier may print as `r#ref`). */
const DEBUG_STRUCT = new RegExp(`^\\s*(?:r#)?(${NAMES}):\\s*"([^"]*)",?\\s*$`);

/** The claims rendered in the log (the last rendering, when a retried step printed them twice); undefined when none. */
export function readClaims(log: JobLog): TokenClaims | undefined {
  let claims: TokenClaims = {};
  let found = 0;
  for (const line of log.lines) {
    const match = DEBUG_STRUCT.exec(line.text) ?? LISTED.exec(line.text);
    if (!match) continue;
    const name = match[1] as ClaimName;
    // A second `sub` starts a new rendering.
    if (name === 'sub' && claims.sub !== undefined) {
      claims = {};
      found = 0;
    }
    const value = match[2];
    claims[name] = value === 'MISSING' ? '' : value;
    found++;
  }
  // One stray `ref: main` line in a log is not a claim set: it takes the subject or the workflow.
  return found >= 2 && (claims.sub !== undefined || claims.job_workflow_ref !== undefined) ? claims : undefined;
}

/** `owner/repo/.github/workflows/release.yml@refs/tags/v1` → `release.yml`. */
export function workflowFileOf(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const match = /^[^/]+\/[^/]+\/\.github\/workflows\/([^@]+)@/.exec(ref) ?? /\.github\/workflows\/([^@/]+)(?:@|$)/.exec(ref);
  return match?.[1];
}

/** `owner/repo/.github/workflows/...` → `owner/repo`. */
export function repositoryOfRef(ref: string | undefined): string | undefined {
  return ref ? /^([^/]+\/[^/]+)\/\.github\//.exec(ref)?.[1] : undefined;
}

/** The environment the token names: the claim, else the `sub` claim's `environment:` part, else none ('') when `sub` says so. */
export function environmentOfClaims(claims: TokenClaims): string | undefined {
  if (claims.environment !== undefined) return claims.environment;
  const sub = claims.sub;
  if (!sub) return undefined;
  const match = /:environment:(.+)$/.exec(sub);
  if (match) return match[1];
  // GitHub puts the environment in `sub` whenever the job has one; a `ref:` or `pull_request` subject means none.
  return /:(ref|pull_request|job_workflow_ref)(:|$)/.test(sub) ? '' : undefined;
}

/** `owner` and `repo` of the repository claim (falling back on the workflow refs). */
export function repositoryOfClaims(claims: TokenClaims): { owner: string; repo: string } | undefined {
  const full = claims.repository || repositoryOfRef(claims.job_workflow_ref) || repositoryOfRef(claims.workflow_ref);
  const match = full ? /^([^/\s]+)\/([^/\s]+)$/.exec(full) : null;
  return match ? { owner: match[1], repo: match[2] } : undefined;
}
