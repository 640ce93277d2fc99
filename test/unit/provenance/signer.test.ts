import * as assert from 'node:assert/strict';
import { derUtf8String, type FulcioClaims } from '../../../src/core/provenance/certificate';
import { describeSigner, publisherDifferences, signerIdentity } from '../../../src/core/provenance/signer';

/** Claims as Fulcio writes them for a GitHub Actions run of `owner/repo`'s `release.yml` at a tag. */
const github = (overrides: Partial<FulcioClaims> = {}): FulcioClaims => ({
  issuer: 'https://token.actions.githubusercontent.com',
  sourceRepositoryUri: 'https://github.com/Octo-Org/Hello',
  sourceRepositoryRef: 'refs/tags/v1.0',
  sourceRepositoryDigest: 'a'.repeat(40),
  buildConfigUri: 'https://github.com/Octo-Org/Hello/.github/workflows/release.yml@refs/tags/v1.0',
  buildSignerUri: 'https://github.com/Octo-Org/Hello/.github/workflows/release.yml@refs/tags/v1.0',
  ...overrides,
});

const differences = (claims: FulcioClaims, wanted: Parameters<typeof publisherDifferences>[2]) => publisherDifferences(claims, signerIdentity(claims), wanted);

describe('signer identity from Fulcio claims', () => {
  it('reads a GitHub workflow run, and matches the publisher case-insensitively on the repository only', () => {
    const signer = signerIdentity(github());
    assert.deepEqual([signer.kind, signer.repository, signer.workflow, signer.ref], ['GitHub', 'Octo-Org/Hello', 'release.yml', 'refs/tags/v1.0']);
    assert.equal(signer.buildSignerUri, undefined, 'the same as the build config: not repeated');
    assert.equal(describeSigner(signer), 'GitHub workflow Octo-Org/Hello/.github/workflows/release.yml@refs/tags/v1.0');
    assert.deepEqual(differences(github(), { kind: 'GitHub', repository: 'octo-org/hello', workflow: 'release.yml' }), []);
  });

  it('accepts the run pinned by commit as well as by ref (pypi-attestations builds both)', () => {
    const claims = github({ buildConfigUri: `https://github.com/Octo-Org/Hello/.github/workflows/release.yml@${'a'.repeat(40)}` });
    assert.deepEqual(differences(claims, { kind: 'GitHub', repository: 'Octo-Org/Hello', workflow: 'release.yml' }), []);
  });

  it('refuses a workflow that ran at neither the commit nor the ref the certificate names', () => {
    const claims = github({ buildConfigUri: 'https://github.com/Octo-Org/Hello/.github/workflows/release.yml@refs/heads/other' });
    assert.deepEqual(differences(claims, { kind: 'GitHub', workflow: 'release.yml' }), [
      'the workflow ran at "refs/heads/other", which is neither the commit nor the ref the certificate names',
    ]);
  });

  it('refuses a workflow file of another repository (a reusable workflow called from elsewhere)', () => {
    const claims = github({ buildConfigUri: 'https://github.com/Other/Tools/.github/workflows/release.yml@refs/tags/v1.0' });
    assert.deepEqual(differences(claims, { kind: 'GitHub', repository: 'Octo-Org/Hello' }), ['the workflow that ran is in "Other/Tools", not "Octo-Org/Hello"']);
  });

  it('shows the signing workflow when it differs from the one that ran (a reusable workflow)', () => {
    const signer = signerIdentity(github({ buildSignerUri: 'https://github.com/Octo-Org/Hello/.github/workflows/publish-reusable.yml@refs/tags/v1.0' }));
    assert.equal(signer.buildSignerUri, 'https://github.com/Octo-Org/Hello/.github/workflows/publish-reusable.yml@refs/tags/v1.0');
    assert.equal(signer.workflow, 'release.yml');
  });

  it('matches a Google service account by its email, and never a GitHub publisher', () => {
    const claims: FulcioClaims = { issuer: 'https://accounts.google.com', subjectAlternativeName: 'release@example.iam.gserviceaccount.com' };
    assert.equal(describeSigner(signerIdentity(claims)), 'Google service account release@example.iam.gserviceaccount.com');
    assert.deepEqual(differences(claims, { kind: 'Google', email: 'release@example.iam.gserviceaccount.com' }), []);
    assert.deepEqual(differences(claims, { kind: 'Google', email: 'other@example.iam.gserviceaccount.com' }), [
      'service account "release@example.iam.gserviceaccount.com", not "other@example.iam.gserviceaccount.com"',
    ]);
    assert.deepEqual(differences(claims, { kind: 'GitHub', repository: 'Octo-Org/Hello' }), [
      'signed by Google service account release@example.iam.gserviceaccount.com, not by a GitHub workflow',
    ]);
  });

  it('says a publisher kind it cannot match, rather than passing it', () => {
    assert.deepEqual(differences(github(), { kind: 'ActiveState' }), ['publisher kind "ActiveState" cannot be matched with a Sigstore certificate here']);
  });
});

describe('derUtf8String', () => {
  it('reads short and long-form lengths, and nothing that is not a whole UTF8String', () => {
    assert.equal(derUtf8String(Buffer.from([0x0c, 0x02, 0x68, 0x69])), 'hi');
    const long = 'x'.repeat(200);
    assert.equal(derUtf8String(Buffer.concat([Buffer.from([0x0c, 0x81, 200]), Buffer.from(long)])), long);
    assert.equal(derUtf8String(Buffer.from([0x13, 0x02, 0x68, 0x69])), undefined, 'a PrintableString');
    assert.equal(derUtf8String(Buffer.from([0x0c, 0x05, 0x68, 0x69])), undefined, 'cut short');
    assert.equal(derUtf8String(Buffer.from('https://example')), undefined, 'raw text (Fulcio 1.1 to 1.6 style)');
  });
});
