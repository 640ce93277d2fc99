/**
 * Fulcio's identity claims in a signing certificate (https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md),
 * read from the leaf certificate's extensions. Reading is not trusting: the claims mean something only once the
 * certificate chains to Fulcio, which the verifier checks first.
 */
import type { X509Certificate } from '@sigstore/core';

const FULCIO = '1.3.6.1.4.1.57264.1';

/** The extensions used here, by their names in Fulcio's table. All are DER UTF8Strings. */
export const FULCIO_CLAIMS = {
  issuer: `${FULCIO}.8`,
  buildSignerUri: `${FULCIO}.9`,
  sourceRepositoryUri: `${FULCIO}.12`,
  sourceRepositoryDigest: `${FULCIO}.13`,
  sourceRepositoryRef: `${FULCIO}.14`,
  buildConfigUri: `${FULCIO}.18`,
  buildTrigger: `${FULCIO}.20`,
  runInvocationUri: `${FULCIO}.21`,
} as const;

export type FulcioClaims = { -readonly [K in keyof typeof FULCIO_CLAIMS]?: string } & { subjectAlternativeName?: string };

/** The claims present in `certificate`; an extension that is not a readable UTF8String is left out. */
export function fulcioClaims(certificate: X509Certificate): FulcioClaims {
  const claims: FulcioClaims = {};
  for (const [name, oid] of Object.entries(FULCIO_CLAIMS) as Array<[keyof typeof FULCIO_CLAIMS, string]>) {
    const extension = certificate.extension(oid);
    const text = extension ? derUtf8String(extension.value) : undefined;
    if (text !== undefined) claims[name] = text;
  }
  let san: string | undefined;
  try {
    san = certificate.subjectAltName;
  } catch {
    san = undefined;
  }
  if (san) claims.subjectAlternativeName = san;
  return claims;
}

/** A DER UTF8String (tag 0x0C, then a short or long-form length) to its text; undefined for anything else. */
export function derUtf8String(der: Buffer): string | undefined {
  if (der.length < 2 || der[0] !== 0x0c) return undefined;
  let length = der[1];
  let start = 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || der.length < 2 + bytes) return undefined;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[2 + i];
    start = 2 + bytes;
  }
  if (start + length !== der.length) return undefined;
  return der.subarray(start).toString('utf8');
}
