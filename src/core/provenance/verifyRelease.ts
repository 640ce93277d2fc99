import type { PypiClient, ReleaseFile } from '../pypi/types';
import type { DistributionFile, ExpectedPublisher, ProvenanceVerification } from './types';
import { verifyProvenance } from './verify';

/** One file of a release: its verified provenance, or why there is none to verify. */
export interface FileReport {
  file: DistributionFile;
  size?: number;
  /** Where the index serves the file. */
  url?: string;
  verification?: ProvenanceVerification;
  /** Why the file could not be verified at all (no provenance, an unreadable answer). */
  failure?: string;
}

export type ReleaseVerification =
  | { kind: 'reports'; reports: FileReport[] }
  /** The index does not have this release (yet). */
  | { kind: 'notFound'; message: string }
  | { kind: 'failed'; message: string };

/**
 * Every file of a release on the index, each checked against its provenance from the Integrity API. Used by
 * `trusted-publishing verify <project> <version>` and by the editor once a release has landed.
 */
export async function verifyReleaseFiles(client: PypiClient, project: string, version: string, expected: ExpectedPublisher): Promise<ReleaseVerification> {
  const files = await client.releaseFiles(project, version);
  if (!files.ok) {
    return files.error.kind === 'NotFound'
      ? { kind: 'notFound', message: `${project} ${version} is not on the index: ${files.error.message}` }
      : { kind: 'failed', message: `could not list the files of ${project} ${version}: ${files.error.message}` };
  }
  if (files.value.length === 0) return { kind: 'failed', message: `${project} ${version} has no files to verify` };
  const reports: FileReport[] = [];
  // One after the other: the index is asked politely, and the order is the index's.
  for (const listed of files.value) reports.push(await verifyListedFile(client, project, version, listed, expected));
  return { kind: 'reports', reports };
}

async function verifyListedFile(client: PypiClient, project: string, version: string, listed: ReleaseFile, expected: ExpectedPublisher): Promise<FileReport> {
  const file = { filename: listed.filename, sha256: listed.sha256 };
  const base = { file, ...(listed.size !== undefined ? { size: listed.size } : {}), ...(listed.url ? { url: listed.url } : {}) };
  const provenance = await client.provenance(project, version, listed.filename);
  if (!provenance.ok) return { ...base, failure: `could not read its provenance: ${provenance.error.message}` };
  if (provenance.value === undefined) return { ...base, failure: 'no provenance: it was uploaded without attestations (an API token, or a publisher that does not attest)' };
  const verification = verifyProvenance(file, provenance.value, expected);
  if (!verification.ok) return { ...base, failure: `the index sent provenance that cannot be read: ${verification.error}` };
  return { ...base, verification: verification.value };
}
