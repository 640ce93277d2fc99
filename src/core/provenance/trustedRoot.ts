import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, type TrustMaterial } from '@sigstore/verify';

/** The public-good Sigstore instance's TUF repository, as `@sigstore/tuf` names it in its seeds. */
const PUBLIC_GOOD_TUF = 'https://tuf-repo-cdn.sigstore.dev';

let material: TrustMaterial | undefined;

/**
 * Sigstore's trusted root (Fulcio CAs, Rekor and CT log keys, with their validity periods) as shipped inside
 * `@sigstore/tuf`: verified offline, no TUF refresh. A key rotation after that package's release needs a new version
 * of it; attestations signed before it keep verifying, since old keys stay in the root with their periods.
 */
export function sigstoreTrustMaterial(): TrustMaterial {
  if (!material) {
    // Bundled by esbuild as data; read once, when the first attestation is verified.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const seeds = require('@sigstore/tuf/seeds.json') as Record<string, { targets: Record<string, string> }>;
    const encoded = seeds[PUBLIC_GOOD_TUF]?.targets['trusted_root.json'];
    if (!encoded) throw new Error(`@sigstore/tuf ships no trusted root for ${PUBLIC_GOOD_TUF}`);
    material = toTrustMaterial(TrustedRoot.fromJSON(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'))));
  }
  return material;
}
