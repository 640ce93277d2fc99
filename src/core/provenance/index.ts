/**
 * The PEP 740 provenance verifier, bundled apart as `dist/provenance.js`: `@sigstore/verify` and Sigstore's trusted
 * root are loaded only when a file's provenance is checked, never at activation.
 */
export { verifyProvenance } from './verify';
export { describeSigner } from './signer';
export { provenPublisher } from './provenPublisher';
export { verifyReleaseFiles, type FileReport, type ReleaseVerification } from './verifyRelease';
export type * from './types';
export { proveLatestPublisher, type PublisherProof } from './publisherProof';
