/**
 * `trusted-publishing verify`: the files of a release (or one file on disk) against their PEP 740 provenance, checked
 * offline with Sigstore's trusted root; only the PyPI look-ups of the online form use the network.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describeSigner, verifyProvenance, verifyReleaseFiles, type ExpectedPublisher, type FileReport } from '../core/provenance';
import { createPypiClient, type PypiClient } from '../core/pypi';

export type VerifyFormat = 'text' | 'json';

export interface VerifyRequest {
  /** Offline form: a distribution file and the provenance JSON the Integrity API serves for it (or one attestation). */
  dist?: string;
  provenance?: string;
  /** Online form: a release on the index. */
  project?: string;
  version?: string;
  repository?: string;
  workflow?: string;
  format: VerifyFormat;
  /** The index, `https://pypi.org` by default. */
  pypiUrl: string;
  userAgent: string;
  cwd: string;
}

export interface VerifyOutcome {
  output: string;
  /** Bad input, one line each (stderr). */
  problems: string[];
  /** 0: every attestation verifies and names the expected publisher; 1: one does not; 2: bad input. */
  exitCode: 0 | 1 | 2;
}


const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]*)\/[A-Za-z0-9._-]+$/;
const WORKFLOW = /^[A-Za-z0-9._-]+\.ya?ml$/;

export async function verifyRelease(request: VerifyRequest, pypi: (baseUrl: string) => PypiClient = defaultClient(request.userAgent)): Promise<VerifyOutcome> {
  const usage = (message: string): VerifyOutcome => ({ output: '', problems: [message], exitCode: 2 });
  const offline = request.dist !== undefined || request.provenance !== undefined;
  const online = request.project !== undefined || request.version !== undefined;
  if (offline && online) return usage('verify takes either <project> <version> or --dist FILE --provenance FILE, not both');
  if (!offline && !online) return usage('verify needs <project> <version>, or --dist FILE --provenance FILE');
  if (offline && (request.dist === undefined || request.provenance === undefined)) return usage('verify needs both --dist FILE and --provenance FILE');
  if (online && (request.project === undefined || request.version === undefined)) return usage('verify needs a project and a version: verify <project> <version>');
  if (request.repository !== undefined && !REPOSITORY.test(request.repository)) return usage(`--repository must be owner/repo, such as octo-org/hello (got '${request.repository}')`);
  const workflow = request.workflow?.replace(/^\.github\/workflows\//, '');
  if (workflow !== undefined && !WORKFLOW.test(workflow)) return usage(`--workflow must be a workflow file name such as release.yml (got '${request.workflow}')`);
  const expected: ExpectedPublisher = { ...(request.repository ? { repository: request.repository } : {}), ...(workflow ? { workflow } : {}) };

  let reports: FileReport[];
  if (offline) {
    const read = await offlineReport(request.dist!, request.provenance!, request.cwd, expected);
    if (typeof read === 'string') return usage(read);
    reports = [read];
  } else {
    const fetched = await verifyReleaseFiles(pypi(request.pypiUrl), request.project!, request.version!, expected);
    if (fetched.kind === 'notFound') return usage(fetched.message);
    if (fetched.kind === 'failed') return { output: '', problems: [fetched.message], exitCode: 1 };
    reports = fetched.reports;
  }
  const ok = reports.length > 0 && reports.every((r) => r.verification?.ok === true);
  const release = online ? { project: request.project!, version: request.version! } : undefined;
  const output = request.format === 'json' ? formatJson(reports, expected, ok, release) : formatText(reports, expected, ok);
  return { output, problems: [], exitCode: ok ? 0 : 1 };
}

function defaultClient(userAgent: string): (baseUrl: string) => PypiClient {
  return (baseUrl) => createPypiClient({ baseUrl, userAgent });
}

async function offlineReport(distPath: string, provenancePath: string, cwd: string, expected: ExpectedPublisher): Promise<FileReport | string> {
  const dist = path.resolve(cwd, distPath);
  let digest: { sha256: string; size: number };
  try {
    digest = await sha256Of(dist);
  } catch (error) {
    return `--dist ${distPath}: ${readFailure(error)}`;
  }
  let text: string;
  try {
    text = await fs.readFile(path.resolve(cwd, provenancePath), 'utf8');
  } catch (error) {
    return `--provenance ${provenancePath}: ${readFailure(error)}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `--provenance ${provenancePath}: not JSON (save the Integrity API's answer, /integrity/<project>/<version>/<file>/provenance)`;
  }
  const file = { filename: path.basename(dist), sha256: digest.sha256 };
  const verification = verifyProvenance(file, body, expected);
  if (!verification.ok) return `--provenance ${provenancePath}: ${verification.error}`;
  return { file, size: digest.size, verification: verification.value };
}

async function sha256Of(file: string): Promise<{ sha256: string; size: number }> {
  const stat = await fs.stat(file);
  if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' });
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { sha256: hash.digest('hex'), size: stat.size };
}

function readFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR' || code === 'ENOTFILE') return 'not a file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

const MARK = { pass: 'ok  ', fail: 'FAIL', skipped: 'skip' } as const;

function formatText(reports: FileReport[], expected: ExpectedPublisher, ok: boolean): string {
  const lines: string[] = [];
  for (const report of reports) {
    const size = report.size !== undefined ? `${report.size.toLocaleString('en-US')} bytes, ` : '';
    lines.push(`${report.file.filename} (${size}sha256 ${report.file.sha256})`);
    if (report.failure) {
      lines.push(`  FAILED: ${report.failure}`);
      continue;
    }
    const verification = report.verification!;
    if (verification.problem) lines.push(`  FAILED: ${verification.problem}`);
    for (const attestation of verification.attestations) {
      const where = verification.attestations.length > 1 ? ` (attestation ${attestation.bundle + 1}.${attestation.index + 1})` : '';
      const trusted = attestation.signer && attestation.checks.find((c) => c.id === 'certificate')?.status === 'pass';
      const signer = trusted ? `signed by ${describeSigner(attestation.signer!)}` : 'the signer cannot be trusted';
      lines.push(attestation.ok ? `  verified${where}: ${signer}` : `  FAILED${where} (${signer})`);
      if (trusted && attestation.signer) {
        const details = [
          attestation.signer.sha ? `commit ${attestation.signer.sha}` : undefined,
          attestation.signer.buildSignerUri ? `signing workflow ${attestation.signer.buildSignerUri}` : undefined,
          attestation.signer.runUri ? `run ${attestation.signer.runUri}` : undefined,
        ].filter(Boolean);
        if (details.length > 0) lines.push(`    ${details.join(', ')}`);
      }
      for (const check of attestation.checks) lines.push(`    ${MARK[check.status]}  ${check.message}`);
    }
  }
  const failed = reports.filter((r) => r.verification?.ok !== true).length;
  const publisher = [expected.repository, expected.workflow].filter(Boolean).join(' ');
  lines.push('');
  if (ok) {
    const each = reports.length === 1 ? 'the file' : `all ${reports.length} files`;
    lines.push(`Verified ${each}${publisher ? `, signed by the expected publisher (${publisher})` : ''}.`);
    if (!publisher) lines.push('No publisher was required: pass --repository owner/repo (and --workflow FILE) to require one.');
  } else {
    lines.push(`${failed} of ${reports.length} file${reports.length === 1 ? '' : 's'} failed verification.`);
  }
  return lines.join('\n') + '\n';
}

/** The stable JSON shape of `verify --format json`. */
function formatJson(reports: FileReport[], expected: ExpectedPublisher, ok: boolean, release?: { project: string; version: string }): string {
  return (
    JSON.stringify(
      {
        ok,
        ...(release ?? {}),
        expected: expected.repository || expected.workflow ? { repository: expected.repository ?? null, workflow: expected.workflow ?? null } : null,
        files: reports.map((r) => ({
          filename: r.file.filename,
          sha256: r.file.sha256,
          size: r.size ?? null,
          ok: r.verification?.ok === true,
          problem: r.failure ?? r.verification?.problem ?? null,
          attestations: (r.verification?.attestations ?? []).map((a) => ({
            ok: a.ok,
            signedBy: a.signer && a.checks.find((c) => c.id === 'certificate')?.status === 'pass' ? describeSigner(a.signer) : null,
            signer: a.signer ?? null,
            recordedPublisher: a.recordedPublisher ?? null,
            transparencyLog: a.logEntries,
            checks: a.checks,
          })),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
