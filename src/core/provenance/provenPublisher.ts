import type { Publisher } from '../pypi/types';
import type { ProvenanceVerification } from './types';

/**
 * The publisher a verified provenance proves, in the shape `publisherDrift` compares: repository and workflow from the
 * certificate of the uploader's attestation (the first bundle's, PEP 740), which passed every check, rather than the
 * index's unsigned `publisher` field. The environment is the index's record: certificates do not carry it.
 * Undefined when that attestation did not verify: nothing is proven then.
 */
export function provenPublisher(verification: ProvenanceVerification): Publisher | undefined {
  const uploader = verification.attestations.find((a) => a.bundle === 0 && a.ok);
  const signer = uploader?.signer;
  if (!uploader || !signer || signer.kind === 'unknown') return undefined;
  return {
    kind: signer.kind,
    ...(signer.repository ? { repository: signer.repository } : {}),
    ...(signer.workflow ? { workflow: signer.workflow } : {}),
    environment: uploader.recordedPublisher?.environment ?? null,
  };
}
