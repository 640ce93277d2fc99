import type { FileReport, ReleaseVerification } from '../provenance/verifyRelease';
import type { ExpectedPublisher } from '../provenance/types';
import type { PypiClient, ReleaseFile } from '../pypi/types';
import type { Clock } from './types';

export interface LandTiming {
  firstDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** How long the index may lag behind a successful run before we say so. */
  timeoutMs: number;
}

export const DEFAULT_LAND_TIMING: LandTiming = { firstDelayMs: 5_000, maxDelayMs: 30_000, factor: 1.5, timeoutMs: 10 * 60_000 };

export type Arrival =
  | { kind: 'available'; files: ReleaseFile[]; waitedMs: number }
  | { kind: 'timedOut'; waitedMs: number }
  | { kind: 'stopped' };

/**
 * Waits until the index lists the release's files. The upload finished when the run did, but the JSON API is
 * cached and can lag: it is asked again with growing waits until `timeoutMs`. Errors other than "not there yet" are
 * waited out the same way; the last one is not interesting once the timeout says the index lags.
 */
export async function awaitRelease(
  pypi: Pick<PypiClient, 'releaseFiles'>,
  project: string,
  version: string,
  clock: Clock,
  signal: AbortSignal,
  onWait: (waitedMs: number) => void = () => undefined,
  timing: LandTiming = DEFAULT_LAND_TIMING,
): Promise<Arrival> {
  const start = clock.now();
  let delay = timing.firstDelayMs;
  for (;;) {
    if (signal.aborted) return { kind: 'stopped' };
    const files = await pypi.releaseFiles(project, version);
    const waitedMs = clock.now() - start;
    if (files.ok && files.value.length > 0) return { kind: 'available', files: files.value, waitedMs };
    if (waitedMs >= timing.timeoutMs) return { kind: 'timedOut', waitedMs };
    onWait(waitedMs);
    await clock.sleep(Math.min(delay, Math.max(0, timing.timeoutMs - waitedMs)), signal);
    delay = Math.min(delay * timing.factor, timing.maxDelayMs);
  }
}

/** The publisher a release from this workflow must be signed by. */
export function expectedPublisher(owner: string, repo: string, workflowFile: string, environment: string | undefined): ExpectedPublisher {
  return { repository: `${owner}/${repo}`, workflow: workflowFile, ...(environment ? { environment } : {}) };
}

export interface LandedFile {
  filename: string;
  size?: number;
  sha256: string;
  ok: boolean;
  /** `owner/repo/.github/workflows/release.yml@refs/tags/v1.0`, when a trusted certificate names it. */
  signedBy?: string;
  /** Why it did not verify: the first failed check, or why there was nothing to check. */
  problem?: string;
  /** Rekor log indexes, for whoever wants to look them up. */
  logIndexes: string[];
}

export interface LandingSummary {
  ok: boolean;
  /** One line for a notification. */
  headline: string;
  files: LandedFile[];
  pypiUrl: string;
  runUrl?: string;
  /** The whole summary as Markdown, for a preview. */
  markdown: string;
}

export interface LandingInput {
  project: string;
  version: string;
  /** `https://pypi.org` */
  indexUrl: string;
  runUrl?: string;
  expected: ExpectedPublisher;
  verification: ReleaseVerification;
}

/** What landed and who signed it, each file on its own line. */
export function landingSummary(input: LandingInput): LandingSummary {
  const pypiUrl = `${input.indexUrl.replace(/\/+$/, '')}/project/${input.project}/${input.version}/`;
  const reports = input.verification.kind === 'reports' ? input.verification.reports : [];
  const files = reports.map(landedFile);
  const ok = reports.length > 0 && files.every((file) => file.ok);
  const release = `${input.project} ${input.version}`;
  const publisher = [input.expected.repository, input.expected.workflow].filter(Boolean).join(' ');
  const headline =
    input.verification.kind !== 'reports'
      ? `${release}: the files could not be verified: ${input.verification.message}`
      : ok
        ? `${release} is on PyPI: ${files.length === 1 ? 'its file is' : `all ${files.length} files are`} signed by ${publisher}.`
        : `${release} is on PyPI, but ${files.filter((f) => !f.ok).length} of ${files.length} files did not verify.`;

  const lines = [`# ${release}`, '', headline, '', `[PyPI](${pypiUrl})${input.runUrl ? ` · [workflow run](${input.runUrl})` : ''}`, ''];
  if (files.length > 0) {
    // The verdict before the digest: a 64-character digest pushes what follows out of a narrow preview.
    lines.push('| File | Size | Provenance | SHA-256 |', '|---|---|---|---|');
    for (const file of files) {
      const size = file.size !== undefined ? `${file.size.toLocaleString('en-US')} bytes` : '';
      const provenance = file.ok ? `✓ signed by \`${file.signedBy ?? publisher}\`` : `✗ ${escapeCell(file.problem ?? 'did not verify')}`;
      lines.push(`| ${escapeCell(file.filename)} | ${size} | ${provenance} | \`${file.sha256}\` |`);
    }
    lines.push(
      '',
      'Each file was checked offline against its PEP 740 publish attestation: the signature over its SHA-256, the Sigstore certificate chain and transparency-log entry, and the repository and workflow the certificate names.',
    );
  }
  return { ok, headline, files, pypiUrl, ...(input.runUrl ? { runUrl: input.runUrl } : {}), markdown: lines.join('\n') + '\n' };
}

function landedFile(report: FileReport): LandedFile {
  const base = { filename: report.file.filename, sha256: report.file.sha256, ...(report.size !== undefined ? { size: report.size } : {}) };
  const verification = report.verification;
  const attestations = verification?.attestations ?? [];
  const logIndexes = attestations.flatMap((a) => a.logEntries.map((entry) => entry.logIndex));
  if (report.failure || !verification) return { ...base, ok: false, problem: report.failure ?? 'not verified', logIndexes };
  const uploader = attestations.find((a) => a.bundle === 0) ?? attestations[0];
  const trusted = uploader?.checks.find((c) => c.id === 'certificate')?.status === 'pass';
  const uri = trusted ? uploader?.signer?.buildConfigUri : undefined;
  const signedBy = uri?.replace(/^https:\/\/(github|gitlab)\.com\//, '');
  const failed = attestations.flatMap((a) => a.checks).find((c) => c.status === 'fail');
  const problem = verification.ok ? undefined : (failed?.message ?? verification.problem ?? 'did not verify');
  return { ...base, ok: verification.ok, ...(signedBy ? { signedBy } : {}), ...(problem ? { problem } : {}), logIndexes };
}

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
