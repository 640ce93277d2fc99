/**
 * Verifies PEP 740 attestations against a distribution file, offline, the way PyPI and pypi-attestations do:
 * 1. the DSSE signature over the in-toto statement, with the certificate's key;
 * 2. the certificate chains to Sigstore's Fulcio CA, with its CT log proof, and was valid when Rekor logged it;
 * 3. the Rekor transparency-log entry: its inclusion proof and signed promise, and that it records this signature;
 * 4. the statement names this file and its SHA-256;
 * 5. the certificate's identity is the publisher PyPI records for the bundle, and the one the user expects.
 * Steps 2 and 3 are `@sigstore/verify`'s; the rest is here, with one message per failure saying what failed.
 */
import { crypto as sigstoreCrypto, X509Certificate } from '@sigstore/core';
import { toSignedEntity, Verifier, type SignedEntity } from '@sigstore/verify';
import { err, ok, type Result } from '../result';
import { fulcioClaims, type FulcioClaims } from './certificate';
import { readProvenanceObject, type Attestation } from './shapes';
import { toSigstoreBundle } from './sigstoreBundle';
import { describeSigner, publisherDifferences, signerIdentity } from './signer';
import { subjectProblem } from './statement';
import { sigstoreTrustMaterial } from './trustedRoot';
import type { AttestationVerification, Check, CheckId, DistributionFile, ExpectedPublisher, ProvenanceVerification, RecordedPublisher } from './types';

/**
 * Every attestation of `provenance` (a provenance object from the Integrity API, or a lone attestation) checked
 * against `file`. An error only when `provenance` is not a PEP 740 object at all; a failed check is a result.
 */
export function verifyProvenance(file: DistributionFile, provenance: unknown, expected: ExpectedPublisher = {}): Result<ProvenanceVerification, string> {
  const bundles = readProvenanceObject(provenance);
  if (!bundles.ok) return err(`not a PEP 740 provenance object or attestation: ${bundles.error}`);
  const attestations: AttestationVerification[] = [];
  for (const [b, bundle] of bundles.value.entries()) {
    for (const [a, attestation] of bundle.attestations.entries()) {
      attestations.push(verifyAttestation(file, attestation, { bundle: b, index: a, recorded: bundle.publisher, expected }));
    }
  }
  const problem = attestations.length === 0 ? 'the provenance holds no attestation' : undefined;
  return ok({ file, attestations, ok: !problem && attestations.every((a) => a.ok), ...(problem ? { problem } : {}) });
}

interface Place {
  bundle: number;
  index: number;
  recorded?: RecordedPublisher;
  expected: ExpectedPublisher;
}

/** Builds the list of checks in their fixed order; a check never set is reported as skipped with `why`. */
class Checks {
  private readonly results = new Map<CheckId, Check>();
  constructor(private readonly ids: CheckId[]) {}
  pass(id: CheckId, message: string): void {
    this.results.set(id, { id, status: 'pass', message });
  }
  fail(id: CheckId, message: string): void {
    this.results.set(id, { id, status: 'fail', message });
  }
  skip(id: CheckId, message: string): void {
    if (!this.results.has(id)) this.results.set(id, { id, status: 'skipped', message });
  }
  failed(id: CheckId): boolean {
    return this.results.get(id)?.status === 'fail';
  }
  list(): Check[] {
    return this.ids.map((id) => this.results.get(id) ?? { id, status: 'skipped', message: 'not checked' });
  }
}

function verifyAttestation(file: DistributionFile, attestation: Attestation, place: Place): AttestationVerification {
  const wantsPublisher = place.expected.repository !== undefined || place.expected.workflow !== undefined || place.expected.environment !== undefined;
  const ids: CheckId[] = ['signature', 'certificate', 'transparencyLog', 'subject'];
  if (place.recorded) ids.push('recordedPublisher');
  if (wantsPublisher) ids.push('expectedPublisher');
  const checks = new Checks(ids);
  const logEntries = attestation.transparencyEntries.map((entry) => ({
    logIndex: String(entry.logIndex ?? '?'),
    ...(typeof entry.integratedTime === 'string' && /^\d+$/.test(entry.integratedTime) && entry.integratedTime !== '0'
      ? { integratedTime: new Date(Number(entry.integratedTime) * 1000).toISOString() }
      : {}),
  }));
  const done = (signer?: AttestationVerification['signer']): AttestationVerification => {
    const list = checks.list();
    return {
      bundle: place.bundle,
      index: place.index,
      ...(place.recorded ? { recordedPublisher: place.recorded } : {}),
      ...(signer ? { signer } : {}),
      logEntries,
      checks: list,
      ok: list.every((c) => c.status === 'pass'),
    };
  };

  let certificate: X509Certificate;
  try {
    certificate = X509Certificate.parse(Buffer.from(attestation.certificate, 'base64'));
  } catch (error) {
    checks.fail('certificate', `the certificate cannot be read as X.509 (${reason(error)})`);
    skipAfterCertificate(checks);
    return done();
  }
  const claims = fulcioClaims(certificate);
  const signer = signerIdentity(claims);

  let entity: SignedEntity;
  let payload: Buffer;
  try {
    const bundle = toSigstoreBundle(attestation);
    if (bundle.content.$case !== 'dsseEnvelope') throw new Error('no DSSE envelope');
    payload = Buffer.from(bundle.content.dsseEnvelope.payload);
    entity = toSignedEntity(bundle);
  } catch (error) {
    checks.fail('transparencyLog', `the attestation does not make a Sigstore bundle: ${reason(error)}`);
    skipAfterCertificate(checks);
    return done(signer);
  }

  // The signature first, with the certificate's own key: a changed statement or signature fails here, by name.
  let signatureOk = false;
  try {
    signatureOk = entity.signature.verifySignature(sigstoreCrypto.createPublicKey(certificate.publicKey));
  } catch {
    signatureOk = false;
  }
  if (signatureOk) checks.pass('signature', "the signature over the statement verifies with the certificate's key");
  else checks.fail('signature', "the signature does not match the statement with the certificate's key: the statement or the signature was changed");

  // Chain, CT proof, validity at log time, then the log entry: @sigstore/verify stops at the first failure.
  const loggedAt = logEntries.find((e) => e.integratedTime)?.integratedTime;
  try {
    new Verifier(sigstoreTrustMaterial()).verify(entity);
    checks.pass('certificate', `the certificate chains to Sigstore's Fulcio CA and was valid when the log recorded it${loggedAt ? ` (${loggedAt})` : ''}`);
    checks.pass('transparencyLog', `the transparency log (Rekor) includes this signature and certificate: ${logEntries.map((e) => `entry ${e.logIndex}`).join(', ')}`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const detail = reason(error);
    if (code === 'SIGNATURE_ERROR') {
      checks.pass('certificate', "the certificate chains to Sigstore's Fulcio CA");
      checks.pass('transparencyLog', 'the transparency log (Rekor) includes the entry');
      checks.fail('signature', "the signature does not match the statement with the certificate's key");
    } else if (typeof code === 'string' && (code.startsWith('TLOG_') || code === 'TIMESTAMP_ERROR')) {
      checks.pass('certificate', "the certificate chains to Sigstore's Fulcio CA");
      checks.fail('transparencyLog', `the transparency-log entry does not check out (${detail})`);
    } else {
      checks.fail('certificate', `the certificate is not one Sigstore's Fulcio CA issued, or was not valid when logged (${detail})`);
      skipAfterCertificate(checks);
    }
  }

  if (checks.failed('certificate')) {
    checks.skip('subject', 'not checked: the certificate is not trusted');
  } else if (checks.failed('signature')) {
    checks.skip('subject', 'not checked: the statement is not signed, so what it names proves nothing');
  } else {
    const problem = subjectProblem(payload, file);
    if (problem) checks.fail('subject', problem);
    else checks.pass('subject', `the statement names ${file.filename} with SHA-256 ${file.sha256.toLowerCase()}`);
  }

  if (!checks.failed('certificate')) {
    const signedBy = describeSigner(signer);
    if (place.recorded) checkRecordedPublisher(checks, claims, signer, place.recorded, signedBy);
    if (wantsPublisher) checkExpectedPublisher(checks, claims, signer, place, signedBy);
  }
  return done(signer);
}

function skipAfterCertificate(checks: Checks): void {
  const why = 'not checked: the certificate is not trusted';
  for (const id of ['signature', 'transparencyLog', 'subject', 'recordedPublisher', 'expectedPublisher'] as const) checks.skip(id, why);
}

function checkRecordedPublisher(checks: Checks, claims: FulcioClaims, signer: ReturnType<typeof signerIdentity>, recorded: RecordedPublisher, signedBy: string): void {
  const differences = publisherDifferences(claims, signer, recorded);
  if (differences.length === 0) checks.pass('recordedPublisher', `signed by ${signedBy}, the ${recorded.kind} publisher PyPI records`);
  else checks.fail('recordedPublisher', `the certificate does not name the publisher PyPI records (${describeRecorded(recorded)}): ${differences.join('; ')}`);
}

function checkExpectedPublisher(checks: Checks, claims: FulcioClaims, signer: ReturnType<typeof signerIdentity>, place: Place, signedBy: string): void {
  const { expected, recorded } = place;
  const workflow = expected.workflow?.slice(expected.workflow.lastIndexOf('/') + 1);
  const differences = publisherDifferences(claims, signer, { kind: 'GitHub', repository: expected.repository, workflow });
  const environment = expected.environment?.trim();
  let environmentNote = '';
  if (environment && differences.length === 0) {
    // Fulcio certificates carry no environment claim: PyPI's record of the publisher is all there is to compare.
    const registered = recorded?.environment?.trim();
    if (!recorded) differences.push(`environment "${environment}" cannot be checked: a lone attestation does not say, and certificates do not carry it`);
    else if (registered && registered.toLowerCase() !== environment.toLowerCase()) differences.push(`environment "${registered}" (as PyPI records the publisher), not "${environment}"`);
    else environmentNote = registered ? ` (environment "${registered}" as PyPI records it)` : ' (PyPI records no environment: any may publish)';
  }
  const wanted = [expected.repository, workflow].filter(Boolean).join(', ');
  if (differences.length === 0) checks.pass('expectedPublisher', `signed by ${signedBy}, as expected${environmentNote}`);
  else checks.fail('expectedPublisher', `not the expected publisher${wanted ? ` (${wanted})` : ''}: ${differences.join('; ')}`);
}

function describeRecorded(publisher: RecordedPublisher): string {
  const parts = [publisher.kind, publisher.repository, publisher.workflow, publisher.email].filter(Boolean);
  return parts.join(' ');
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
