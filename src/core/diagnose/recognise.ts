import type { JobLog, LogLine } from './jobLog';

/**
 * The failures of a trusted-publishing release that the log says plainly, each recognised by the text its source
 * prints (test/fixtures/diagnose/SOURCES.tsv names where each text comes from):
 *
 * - the PyPA action: oidc-exchange.py (`Trusted publishing exchange failure`, the rendered claims, the reusable
 *   workflow warning, the fork pull request message), twine-upload.sh, the composite action's runner check;
 * - uv: `Failed to obtain token for trusted publishing` and its causes;
 * - PyPI (warehouse): the token exchange's error codes (warehouse/oidc/views.py) and the upload's 400/403 messages
 *   (warehouse/forklift/legacy.py), which twine, uv and the action print;
 * - twine: `InvalidDistribution` for metadata it cannot read.
 */
export type FailureKind =
  | 'invalid-publisher'
  | 'invalid-pending-publisher'
  | 'fork-pull-request'
  | 'missing-id-token'
  | 'non-user-identity'
  | 'file-exists'
  | 'metadata-unsupported'
  | 'token-rejected'
  | 'non-linux-runner'
  | 'reusable-workflow';

export interface LogFailure {
  kind: FailureKind;
  /** Where the message starts in the log's flat text. */
  at: number;
  /** The lines that show it, in log order. */
  evidence: LogLine[];
  /** What PyPI gave as the reason (`All lookup strategies exhausted`), when it says. */
  reason?: string;
  /** `file-exists`: the distribution file PyPI already has. */
  file?: string;
  /** `metadata-unsupported`: the metadata versions the tool accepts (`1.0, ..., 2.3`), or the fields it rejected. */
  supportedVersions?: string;
  rejectedFields?: string[];
  /** `reusable-workflow`: the called and the calling workflow refs, as the warning names them. */
  calledRef?: string;
  callerRef?: string;
}

interface Recogniser {
  kind: FailureKind;
  /** Each match is one occurrence; the first one found is reported. */
  pattern: RegExp;
  details?: (match: RegExpExecArray, log: JobLog) => Partial<LogFailure>;
  /** Widens the evidence to the lines after the match (the message's own explanation). */
  followingLines?: number;
}

const RECOGNISERS: Recogniser[] = [
  {
    kind: 'invalid-publisher',
    // The action: "* `invalid-publisher`: valid token, but no corresponding publisher (reason)"; uv: the JSON body.
    pattern: /`?"?invalid-publisher"?`?\s*[:,]\s*(?:"description"\s*:\s*")?valid token, but no corresponding publisher(?:\s*\(([^)]*)\))?/i,
    details: (m) => (m[1] ? { reason: m[1] } : {}),
  },
  {
    kind: 'invalid-pending-publisher',
    pattern: /`?"?invalid-pending-publisher"?`?\s*[:,]\s*(?:"description"\s*:\s*")?valid token, but project already exists/i,
  },
  {
    kind: 'fork-pull-request',
    pattern: /this action was called from a pull request on a fork\. GitHub doesn't give these workflows OIDC permissions/i,
  },
  {
    kind: 'missing-id-token',
    pattern:
      /OpenID Connect token retrieval failed: [^.]{0,400}?(?:missing or insufficient OIDC token permissions|ACTIONS_ID_TOKEN_REQUEST_(?:TOKEN|URL))[^.]{0,400}|Environment variable ACTIONS_ID_TOKEN_REQUEST_(?:TOKEN|URL) not set, is the `id-token: write` permission missing\?|Failed to obtain OIDC token: is the `id-token: write` permission missing\?|Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable/i,
    followingLines: 1,
  },
  {
    kind: 'non-user-identity',
    pattern: /Non-user identities cannot create new projects\./i,
  },
  {
    kind: 'file-exists',
    pattern: /File already exists \('([^']+)', with blake2_256 hash '[0-9a-f]+'\)|File already exists\. See \S*file-name-reuse|This filename has already been used, use a different version/i,
    details: (m) => (m[1] ? { file: m[1] } : {}),
  },
  {
    kind: 'metadata-unsupported',
    pattern:
      /InvalidDistribution: Metadata is missing required fields: Name, Version\.? Make sure the distribution includes the files where those fields are specified, and is using a supported Metadata-Version: ([0-9., ]*[0-9])/i,
    details: (m) => ({ supportedVersions: m[1].replace(/\s+/g, ' ') }),
  },
  {
    kind: 'metadata-unsupported',
    pattern: /InvalidDistribution: Invalid distribution metadata: ((?:unrecognized or malformed field '[a-z-]+'(?:;\s*)?)+)/i,
    details: (m) => ({ rejectedFields: [...m[1].matchAll(/'([a-z-]+)'/gi)].map((f) => f[1]) }),
  },
  {
    kind: 'token-rejected',
    pattern:
      /403 (?:Forbidden from \S+ |Client Error: )?Invalid or non-existent authentication information|Username\/Password authentication is no longer supported|Password-based uploads disabled/i,
  },
  {
    kind: 'non-linux-runner',
    pattern: /Container action is only supported on Linux|This action is only able to run under GNU\/Linux environments/i,
  },
  {
    kind: 'reusable-workflow',
    pattern:
      /The claims in this token suggest that the calling workflow is a reusable workflow\. In particular, this action was initiated by: (\S+) Whereas its parent workflow is: (\S+)/i,
    details: (m) => ({ calledRef: m[1], callerRef: m[2] }),
  },
];

/** Every known failure the log shows, once per kind, in the order of RECOGNISERS (the most specific first). */
export function recogniseFailures(log: JobLog): LogFailure[] {
  const failures: LogFailure[] = [];
  for (const recogniser of RECOGNISERS) {
    if (failures.some((f) => f.kind === recogniser.kind)) continue;
    const match = recogniser.pattern.exec(log.flat);
    if (!match) continue;
    const evidence = log.linesIn(match.index, match.index + match[0].length);
    if (recogniser.followingLines) {
      const last = log.lines.indexOf(evidence[evidence.length - 1]);
      evidence.push(...log.lines.slice(last + 1, last + 1 + recogniser.followingLines).filter((l) => l.text.trim() !== ''));
    }
    failures.push({ kind: recogniser.kind, at: match.index, evidence, ...recogniser.details?.(match, log) });
  }
  return failures;
}

/**
 * The index the job uploaded to, from the upload URL it printed or was given: the last one named before `at` (a
 * job that uploads to TestPyPI, then to PyPI, fails in the second), else the first one.
 */
export function indexOfLog(log: JobLog, at = log.flat.length): 'pypi' | 'testpypi' | undefined {
  const urls = [...log.flat.matchAll(/https?:\/\/(test\.pypi\.org|upload\.pypi\.org|pypi\.org)\/legacy/gi)];
  const match = urls.filter((m) => m.index! <= at).at(-1) ?? urls[0];
  if (!match) return undefined;
  return match[1].toLowerCase() === 'test.pypi.org' ? 'testpypi' : 'pypi';
}

/** The PyPA action's ref (`release/v1`, `v1.8.14`, a SHA) and, when the log shows it, its release. */
export function publishActionOf(log: JobLog): { ref?: string; version?: string } | undefined {
  const run = /\bpypa\/gh-action-pypi-publish@(\S+)/.exec(log.flat);
  const image = /ghcr\.io\/pypa\/gh-action-pypi-publish:(v?\d+\.\d+\.\d+)/.exec(log.flat);
  if (!run && !image) return undefined;
  const ref = run?.[1];
  const version = image?.[1] ?? (ref && /^v?\d+\.\d+\.\d+$/.test(ref) ? ref : undefined);
  return { ...(ref ? { ref } : {}), ...(version ? { version } : {}) };
}

/** A distribution named in the log (`name-1.0-py3-none-any.whl`, `name-1.0.tar.gz`): its project name and version as written. */
export interface DistributionName {
  file: string;
  name: string;
  version: string;
}

const WHEEL = /\b([A-Za-z0-9](?:[A-Za-z0-9._]*[A-Za-z0-9])?)-(\d[A-Za-z0-9.+!_]*)(?:-\d[A-Za-z0-9_]*)?-[A-Za-z0-9_.]+-[A-Za-z0-9_.]+-[A-Za-z0-9_.]+\.whl\b/;
const SDIST = /\b([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)-(\d[A-Za-z0-9.+!_]*)\.tar\.gz\b/;

export function distributionOf(text: string): DistributionName | undefined {
  const match = WHEEL.exec(text) ?? SDIST.exec(text);
  return match ? { file: match[0], name: match[1], version: match[2] } : undefined;
}

/** The first distribution the log names. */
export function distributionInLog(log: JobLog): DistributionName | undefined {
  for (const line of log.lines) {
    const found = distributionOf(line.text);
    if (found) return found;
  }
  return undefined;
}
