import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import type { Attestation } from './shapes';

/** The DSSE payload type of an in-toto statement: part of what the signature covers (DSSE's PAE). */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** The bundle version pypi-attestations (sigstore-python) builds: a single leaf certificate, inclusion proofs. */
const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/**
 * A PEP 740 attestation as the Sigstore bundle it was cut from, the conversion pypi-attestations makes
 * (`Attestation.to_bundle`): the statement becomes a DSSE envelope of in-toto type with the one signature, the
 * certificate the bundle's leaf, the transparency entries its tlog entries (already in the bundle's JSON form).
 * Throws `@sigstore/bundle`'s ValidationError when the pieces do not make a valid bundle.
 */
export function toSigstoreBundle(attestation: Attestation): Bundle {
  return bundleFromJSON({
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: {
      certificate: { rawBytes: attestation.certificate },
      tlogEntries: attestation.transparencyEntries,
    },
    dsseEnvelope: {
      payload: attestation.statement,
      payloadType: IN_TOTO_PAYLOAD_TYPE,
      signatures: [{ sig: attestation.signature, keyid: '' }],
    },
  });
}
