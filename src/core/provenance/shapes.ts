/**
 * Runtime checks of PEP 740 objects: a provenance object as PyPI's Integrity API serves it, or one attestation on its
 * own (a `.publish.attestation` file). Shape only: nothing here is trusted until the verifier has checked it.
 */
import { err, ok, type Result } from '../result';
import type { RecordedPublisher } from './types';

/** One PEP 740 attestation, its base64 fields still encoded. */
export interface Attestation {
  /** base64 of the in-toto statement (the DSSE payload). */
  statement: string;
  /** base64 of the DSSE signature. */
  signature: string;
  /** base64 of the DER leaf certificate. */
  certificate: string;
  /** Rekor entries, already in the Sigstore bundle's JSON form (`logIndex`, `kindVersion`, `inclusionProof`...). */
  transparencyEntries: Array<Record<string, unknown>>;
}

export interface AttestationBundle {
  publisher?: RecordedPublisher;
  attestations: Attestation[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A provenance object (`{ version: 1, attestation_bundles: [...] }`) or a lone attestation (`{ version: 1, envelope,
 * verification_material }`), which then forms one bundle without a recorded publisher.
 */
export function readProvenanceObject(body: unknown): Result<AttestationBundle[], string> {
  if (!isObject(body)) return err('it is not a JSON object');
  if ('envelope' in body || 'verification_material' in body) {
    const attestation = readAttestation(body, 'the attestation');
    return attestation.ok ? ok([{ attestations: [attestation.value] }]) : attestation;
  }
  if (body.version !== 1) return err(`its "version" is ${JSON.stringify(body.version)}, not 1 (a PEP 740 provenance object)`);
  if (!Array.isArray(body.attestation_bundles)) return err('it has no "attestation_bundles" list (a PEP 740 provenance object)');
  const bundles: AttestationBundle[] = [];
  for (const [b, raw] of body.attestation_bundles.entries()) {
    const where = `attestation_bundles[${b}]`;
    if (!isObject(raw)) return err(`${where} is not an object`);
    if (!Array.isArray(raw.attestations)) return err(`${where} has no "attestations" list`);
    let publisher: RecordedPublisher | undefined;
    if (raw.publisher !== undefined && raw.publisher !== null) {
      const read = readPublisher(raw.publisher, `${where}.publisher`);
      if (!read.ok) return read;
      publisher = read.value;
    }
    const attestations: Attestation[] = [];
    for (const [a, item] of raw.attestations.entries()) {
      const attestation = readAttestation(item, `${where}.attestations[${a}]`);
      if (!attestation.ok) return attestation;
      attestations.push(attestation.value);
    }
    bundles.push({ ...(publisher ? { publisher } : {}), attestations });
  }
  return ok(bundles);
}

function readAttestation(raw: unknown, where: string): Result<Attestation, string> {
  if (!isObject(raw)) return err(`${where} is not an object`);
  if (raw.version !== 1) return err(`${where}.version is ${JSON.stringify(raw.version)}, not 1`);
  const { envelope, verification_material: material } = raw;
  if (!isObject(envelope)) return err(`${where} has no "envelope" object`);
  if (!isObject(material)) return err(`${where} has no "verification_material" object`);
  const fields: Array<[unknown, string]> = [
    [envelope.statement, `${where}.envelope.statement`],
    [envelope.signature, `${where}.envelope.signature`],
    [material.certificate, `${where}.verification_material.certificate`],
  ];
  for (const [value, name] of fields) {
    if (typeof value !== 'string' || value === '' || !BASE64.test(value)) return err(`${name} is not base64 text`);
  }
  const entries = material.transparency_entries;
  if (!Array.isArray(entries) || entries.length === 0 || !entries.every(isObject)) {
    return err(`${where}.verification_material.transparency_entries is not a list of transparency-log entries`);
  }
  return ok({
    statement: envelope.statement as string,
    signature: envelope.signature as string,
    certificate: material.certificate as string,
    transparencyEntries: entries,
  });
}

/**
 * PyPI's publisher objects (pypi-attestations' GitHubPublisher, GitLabPublisher, GooglePublisher): `repository`,
 * `workflow` (GitHub) or `workflow_filepath` (GitLab), `email` (Google), `environment`.
 */
function readPublisher(raw: unknown, where: string): Result<RecordedPublisher, string> {
  if (!isObject(raw)) return err(`${where} is not an object`);
  if (typeof raw.kind !== 'string' || raw.kind === '') return err(`${where}.kind is not a string`);
  const text: Record<string, string | undefined> = {};
  for (const key of ['repository', 'workflow', 'workflow_filepath', 'email', 'environment']) {
    const value = raw[key];
    if (value !== undefined && value !== null && typeof value !== 'string') return err(`${where}.${key} is not a string`);
    text[key] = typeof value === 'string' && value.trim() !== '' ? value : undefined;
  }
  const workflow = text.workflow ?? text.workflow_filepath;
  return ok({
    kind: raw.kind,
    ...(text.repository ? { repository: text.repository } : {}),
    ...(workflow ? { workflow } : {}),
    ...(text.email ? { email: text.email } : {}),
    environment: text.environment ?? null,
  });
}
