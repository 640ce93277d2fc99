import * as assert from 'node:assert/strict';
import { verifyProvenance, type CheckId, type ProvenanceVerification } from '../../../src/core/provenance';
import { changeByte, distribution, githubProvenance, gitlabProvenance, GITHUB_DIST, GITLAB_DIST, readFixture } from './attestationFixtures';

function verified(result: ReturnType<typeof verifyProvenance>): ProvenanceVerification {
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.value;
}

/** The status of each check of the only attestation, and the message of the failed ones. */
function outcome(result: ProvenanceVerification): { statuses: Record<string, string>; failures: string[] } {
  assert.equal(result.attestations.length, 1);
  const statuses: Record<string, string> = {};
  for (const check of result.attestations[0].checks) statuses[check.id] = check.status;
  return { statuses, failures: result.attestations[0].checks.filter((c) => c.status === 'fail').map((c) => c.message) };
}

function failedOnly(result: ProvenanceVerification, ...ids: CheckId[]): string[] {
  const { statuses, failures } = outcome(result);
  assert.equal(result.ok, false);
  assert.deepEqual(Object.keys(statuses).filter((id) => statuses[id] === 'fail').sort(), [...ids].sort(), JSON.stringify(result.attestations[0].checks, null, 1));
  return failures;
}

describe('PEP 740 provenance verification (real attestations, offline)', function () {
  // Sigstore's checks are a few milliseconds each; loading the trusted root once takes a little more.
  this.timeout(10_000);

  describe('a file published from GitHub Actions (the Integrity API provenance object)', () => {
    const file = distribution(GITHUB_DIST);

    it('verifies every check and names the workflow that signed', () => {
      const result = verified(verifyProvenance(file, githubProvenance(), { repository: 'trailofbits/pypi-attestations', workflow: 'release.yml' }));
      assert.equal(result.ok, true);
      const [attestation] = result.attestations;
      assert.deepEqual(
        attestation.checks.map((c) => [c.id, c.status]),
        [
          ['signature', 'pass'],
          ['certificate', 'pass'],
          ['transparencyLog', 'pass'],
          ['subject', 'pass'],
          ['recordedPublisher', 'pass'],
          ['expectedPublisher', 'pass'],
        ],
      );
      assert.equal(attestation.signer?.kind, 'GitHub');
      assert.equal(attestation.signer?.repository, 'trailofbits/pypi-attestations');
      assert.equal(attestation.signer?.workflow, 'release.yml');
      assert.equal(attestation.signer?.ref, 'refs/tags/v0.0.19');
      assert.equal(attestation.signer?.sha, '08802efe1f8e5fec4ad842d6b8ce97656092ee72');
      assert.match(attestation.checks.at(-1)!.message, /signed by GitHub workflow trailofbits\/pypi-attestations\/\.github\/workflows\/release\.yml@refs\/tags\/v0\.0\.19/);
      assert.deepEqual(attestation.logEntries, [{ logIndex: '153454663', integratedTime: '2024-12-04T23:14:01.000Z' }]);
    });

    it('verifies without an expected publisher, reporting the one the certificate names', () => {
      const result = verified(verifyProvenance(file, githubProvenance()));
      assert.equal(result.ok, true);
      assert.ok(!result.attestations[0].checks.some((c) => c.id === 'expectedPublisher'));
      assert.equal(result.attestations[0].signer?.buildConfigUri, 'https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml@refs/tags/v0.0.19');
    });

    it('verifies a lone attestation file (no publisher recorded)', () => {
      const lone = JSON.parse(readFixture(`${GITHUB_DIST}.publish.attestation`).toString('utf8'));
      const result = verified(verifyProvenance(file, lone, { repository: 'trailofbits/pypi-attestations' }));
      assert.equal(result.ok, true);
      assert.equal(result.attestations[0].recordedPublisher, undefined);
    });

    it('compares the expected repository case-insensitively, the workflow exactly, and takes a workflow path', () => {
      assert.equal(verified(verifyProvenance(file, githubProvenance(), { repository: 'TrailOfBits/PyPI-Attestations', workflow: '.github/workflows/release.yml' })).ok, true);
      const [message] = failedOnly(verified(verifyProvenance(file, githubProvenance(), { workflow: 'Release.yml' })), 'expectedPublisher');
      assert.match(message, /workflow "release\.yml", not "Release\.yml" \(workflow names compare case-sensitively\)/);
    });

    it('fails when one byte of the distribution changes: the SHA-256 differs from the signed one', () => {
      const bytes = Buffer.from(readFixture(GITHUB_DIST));
      bytes[1000] ^= 0x01;
      const [message] = failedOnly(verified(verifyProvenance(distribution(GITHUB_DIST, bytes), githubProvenance())), 'subject');
      assert.match(message, /the file's SHA-256 is [0-9a-f]{64}, but the statement signs 9bb1add0/);
    });

    it('fails when the file name differs from the signed one', () => {
      const [message] = failedOnly(verified(verifyProvenance({ ...file, filename: 'pypi_attestations-0.0.20.tar.gz' }, githubProvenance())), 'subject');
      assert.match(message, /the statement is for "pypi_attestations-0\.0\.19\.tar\.gz", not "pypi_attestations-0\.0\.20\.tar\.gz"/);
    });

    it('fails when one byte of the statement changes: the signature no longer matches, and the log recorded another', () => {
      const provenance = githubProvenance();
      const envelope = provenance.attestation_bundles[0].attestations[0].envelope;
      // The first character of the signed digest: a statement that claims another file.
      envelope.statement = changeByte(envelope.statement, { marker: '9bb1add0' });
      const failures = failedOnly(verified(verifyProvenance(file, provenance)), 'signature', 'transparencyLog');
      assert.match(failures[0], /the signature does not match the statement/);
      assert.match(failures[1], /transparency-log entry does not check out \(DSSE payload hash mismatch\)/);
      assert.equal(outcome(verified(verifyProvenance(file, provenance))).statuses.subject, 'skipped');
    });

    it('fails when one byte of the signature changes', () => {
      const provenance = githubProvenance();
      const envelope = provenance.attestation_bundles[0].attestations[0].envelope;
      envelope.signature = changeByte(envelope.signature, { offset: 40 });
      const failures = failedOnly(verified(verifyProvenance(file, provenance)), 'signature', 'transparencyLog');
      assert.match(failures[0], /the signature does not match the statement/);
    });

    it('fails when one byte of the certificate changes: it no longer chains to Fulcio', () => {
      const provenance = githubProvenance();
      const material = provenance.attestation_bundles[0].attestations[0].verification_material;
      // Inside the Build Config URI: a certificate claiming another workflow.
      material.certificate = changeByte(material.certificate, { marker: 'release.yml', offset: 2 });
      const result = verified(verifyProvenance(file, provenance, { repository: 'trailofbits/pypi-attestations' }));
      const [message] = failedOnly(result, 'certificate');
      assert.match(message, /not one Sigstore's Fulcio CA issued.*Failed to verify certificate chain/);
      const { statuses } = outcome(result);
      for (const id of ['transparencyLog', 'subject', 'recordedPublisher', 'expectedPublisher']) assert.equal(statuses[id], 'skipped', id);
    });

    it('fails when the certificate is not X.509 at all', () => {
      const provenance = githubProvenance();
      provenance.attestation_bundles[0].attestations[0].verification_material.certificate = Buffer.from('not a certificate').toString('base64');
      const [message] = failedOnly(verified(verifyProvenance(file, provenance)), 'certificate');
      assert.match(message, /cannot be read as X\.509/);
    });

    it('fails when the transparency-log inclusion proof changes', () => {
      const provenance = githubProvenance();
      const entry = provenance.attestation_bundles[0].attestations[0].verification_material.transparency_entries[0];
      entry.inclusionProof.hashes[3] = changeByte(entry.inclusionProof.hashes[3], { offset: 5 });
      const [message] = failedOnly(verified(verifyProvenance(file, provenance)), 'transparencyLog');
      assert.match(message, /transparency-log entry does not check out/);
    });

    it('fails when the expected repository differs, saying which', () => {
      const [message] = failedOnly(verified(verifyProvenance(file, githubProvenance(), { repository: 'example/other' })), 'expectedPublisher');
      assert.match(message, /not the expected publisher \(example\/other\): repository "trailofbits\/pypi-attestations", not "example\/other"/);
    });

    it('fails when the expected workflow differs, saying which', () => {
      const [message] = failedOnly(verified(verifyProvenance(file, githubProvenance(), { repository: 'trailofbits/pypi-attestations', workflow: 'publish.yml' })), 'expectedPublisher');
      assert.match(message, /workflow "release\.yml", not "publish\.yml"/);
    });

    it('fails when PyPI records another publisher than the certificate names', () => {
      const provenance = githubProvenance();
      provenance.attestation_bundles[0].publisher.workflow = 'other.yml';
      const [message] = failedOnly(verified(verifyProvenance(file, provenance)), 'recordedPublisher');
      assert.match(message, /does not name the publisher PyPI records \(GitHub trailofbits\/pypi-attestations other\.yml\): workflow "release\.yml", not "other\.yml"/);
    });

    it('compares an expected environment with the one PyPI records, and says certificates do not carry it', () => {
      const anyEnvironment = verified(verifyProvenance(file, githubProvenance(), { environment: 'pypi' }));
      assert.equal(anyEnvironment.ok, true);
      assert.match(anyEnvironment.attestations[0].checks.at(-1)!.message, /PyPI records no environment: any may publish/);
      const provenance = githubProvenance();
      provenance.attestation_bundles[0].publisher.environment = 'release';
      const [message] = failedOnly(verified(verifyProvenance(file, provenance, { environment: 'pypi' })), 'expectedPublisher');
      assert.match(message, /environment "release" \(as PyPI records the publisher\), not "pypi"/);
    });
  });

  describe('a file published from GitLab CI', () => {
    const file = distribution(GITLAB_DIST);

    it('verifies, and reports a GitLab signer with its project and CI file', () => {
      const result = verified(verifyProvenance(file, gitlabProvenance()));
      assert.equal(result.ok, true, JSON.stringify(result.attestations[0].checks, null, 1));
      const { signer } = result.attestations[0];
      assert.equal(signer?.kind, 'GitLab');
      assert.equal(signer?.repository, 'facutuesca/gitlab-oidc-project');
      assert.equal(signer?.workflow, '.gitlab-ci.yml');
      assert.match(result.attestations[0].checks.find((c) => c.id === 'recordedPublisher')!.message, /GitLab CI facutuesca\/gitlab-oidc-project\/\/\.gitlab-ci\.yml@refs\/heads\/main, the GitLab publisher PyPI records/);
    });

    it('is not the expected GitHub publisher', () => {
      const [message] = failedOnly(verified(verifyProvenance(file, gitlabProvenance(), { repository: 'facutuesca/gitlab-oidc-project' })), 'expectedPublisher');
      assert.match(message, /signed by GitLab CI facutuesca\/gitlab-oidc-project\/\/\.gitlab-ci\.yml@refs\/heads\/main, not by a GitHub workflow/);
    });

    it('fails when PyPI records a GitHub publisher for it', () => {
      const provenance = gitlabProvenance();
      provenance.attestation_bundles[0].publisher = { kind: 'GitHub', repository: 'facutuesca/gitlab-oidc-project', workflow: 'release.yml' };
      const [message] = failedOnly(verified(verifyProvenance(file, provenance)), 'recordedPublisher');
      assert.match(message, /not by a GitHub workflow/);
    });

    it('does not verify the GitHub-published file', () => {
      const [message] = failedOnly(verified(verifyProvenance(distribution(GITHUB_DIST), gitlabProvenance())), 'subject');
      assert.match(message, /the statement is for "gitlab_oidc_project-0\.0\.3\.tar\.gz", not "pypi_attestations-0\.0\.19\.tar\.gz"/);
    });
  });

  describe('input that is not PEP 740', () => {
    const file = distribution(GITHUB_DIST);
    for (const [what, body, expected] of [
      ['a list', [], /not a JSON object/],
      ['another version', { version: 2, attestation_bundles: [] }, /"version" is 2, not 1/],
      ['bundles without attestations', { version: 1, attestation_bundles: [{ publisher: { kind: 'GitHub' } }] }, /attestation_bundles\[0\] has no "attestations" list/],
      ['an attestation without its certificate', { version: 1, envelope: { statement: 'e30=', signature: 'e30=' }, verification_material: { transparency_entries: [{}] } }, /verification_material\.certificate is not base64 text/],
    ] as const) {
      it(`refuses ${what} with a message saying what is wrong`, () => {
        const result = verifyProvenance(file, body);
        assert.equal(result.ok, false);
        if (!result.ok) assert.match(result.error, expected);
      });
    }

    it('fails (not ok) when the provenance holds no attestation', () => {
      const result = verified(verifyProvenance(file, { version: 1, attestation_bundles: [] }));
      assert.equal(result.ok, false);
      assert.equal(result.problem, 'the provenance holds no attestation');
    });
  });
});
