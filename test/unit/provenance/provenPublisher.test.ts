import * as assert from 'node:assert/strict';
import { provenPublisher, verifyProvenance } from '../../../src/core/provenance';
import { publisherDrift } from '../../../src/core/pypi/drift';
import { changeByte, distribution, githubProvenance, gitlabProvenance, GITHUB_DIST, GITLAB_DIST } from './attestationFixtures';

const verify = (file: ReturnType<typeof distribution>, body: unknown) => {
  const result = verifyProvenance(file, body);
  assert.ok(result.ok);
  return result.value;
};

describe('the publisher verified provenance proves (for publisher-drift)', function () {
  this.timeout(10_000);

  it("takes the repository and workflow from the verified certificate, not the index's publisher field", () => {
    const provenance = githubProvenance();
    // An index (or a proxy) claiming another workflow: the bundle then fails its check, and proves nothing.
    provenance.attestation_bundles[0].publisher.workflow = 'other.yml';
    assert.equal(provenPublisher(verify(distribution(GITHUB_DIST), provenance)), undefined);

    const proven = provenPublisher(verify(distribution(GITHUB_DIST), githubProvenance()));
    assert.deepEqual(proven, { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml', environment: null });
    assert.deepEqual(publisherDrift({ owner: 'trailofbits', repo: 'pypi-attestations', workflow: 'release.yml' }, proven!), []);
    assert.deepEqual(publisherDrift({ owner: 'trailofbits', repo: 'pypi-attestations', workflow: 'publish.yml' }, proven!), ['workflow "publish.yml" instead of "release.yml"']);
  });

  it('proves nothing when the attestation does not verify', () => {
    const provenance = githubProvenance();
    const envelope = provenance.attestation_bundles[0].attestations[0].envelope;
    envelope.signature = changeByte(envelope.signature, { offset: 30 });
    assert.equal(provenPublisher(verify(distribution(GITHUB_DIST), provenance)), undefined);
  });

  it('reports a GitLab publisher as such, which drift then names', () => {
    const proven = provenPublisher(verify(distribution(GITLAB_DIST), gitlabProvenance()));
    assert.deepEqual(proven, { kind: 'GitLab', repository: 'facutuesca/gitlab-oidc-project', workflow: '.gitlab-ci.yml', environment: null });
    assert.deepEqual(publisherDrift({ owner: 'facutuesca', repo: 'gitlab-oidc-project', workflow: 'release.yml' }, proven!), [
      'published from GitLab (facutuesca/gitlab-oidc-project), not from a GitHub workflow',
    ]);
  });
});
