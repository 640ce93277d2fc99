import type { LatestPublisher, PypiClient, Publisher } from '../pypi/types';
import { provenPublisher } from './provenPublisher';
import type { ProvenanceVerification } from './types';
import { verifyProvenance } from './verify';

/**
 * What the latest release's provenance proves about its publisher:
 * - `verified`: the uploader's attestation passed every check; `publisher` is the certificate's;
 * - `failed`: the index served provenance that did not verify, so the publisher it names is not to be trusted;
 * - `unavailable`: nothing could be checked (offline, an index error); the index's word is all there is.
 */
export type PublisherProof =
  | { kind: 'verified'; publisher: Publisher; file: string }
  | { kind: 'failed'; file: string; reason: string }
  | { kind: 'unavailable'; reason: string };

/**
 * Verifies the provenance of the file `latestPublisher` read, against the SHA-256 the JSON API lists for it
 * (`urls[].digests.sha256`), offline with Sigstore's trusted root. One request, for the release's files: the client
 * keeps the provenance `latestPublisher` read.
 */
export async function proveLatestPublisher(client: Pick<PypiClient, 'releaseFiles' | 'provenance'>, project: string, latest: LatestPublisher): Promise<PublisherProof> {
  const files = await client.releaseFiles(project, latest.version);
  if (!files.ok) return { kind: 'unavailable', reason: `the files of ${latest.version} could not be listed: ${files.error.message}` };
  const listed = files.value.find((f) => f.filename === latest.file);
  if (!listed) return { kind: 'unavailable', reason: `the JSON API does not list ${latest.file} among the files of ${latest.version}` };
  const provenance = await client.provenance(project, latest.version, listed.filename);
  if (!provenance.ok) return { kind: 'unavailable', reason: `the provenance of ${listed.filename} could not be read: ${provenance.error.message}` };
  if (provenance.value === undefined) return { kind: 'unavailable', reason: `the index no longer serves provenance for ${listed.filename}` };
  const verification = verifyProvenance({ filename: listed.filename, sha256: listed.sha256 }, provenance.value);
  if (!verification.ok) return { kind: 'failed', file: listed.filename, reason: verification.error };
  const publisher = provenPublisher(verification.value);
  return publisher ? { kind: 'verified', publisher, file: listed.filename } : { kind: 'failed', file: listed.filename, reason: whyNotProven(verification.value) };
}

/** The first failed check of the uploader's attestation, as the verifier words it. */
function whyNotProven(verification: ProvenanceVerification): string {
  if (verification.problem) return verification.problem;
  const uploader = verification.attestations.find((a) => a.bundle === 0);
  const failed = uploader?.checks.find((c) => c.status === 'fail');
  if (failed) return failed.message;
  return uploader?.signer?.kind === 'unknown' ? 'its certificate names no publisher this extension knows' : 'the uploader\'s attestation did not verify';
}
