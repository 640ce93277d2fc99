import * as assert from 'node:assert/strict';
import { lintWorkflow } from '../../../src/core/lint';
import { proveLatestPublisher } from '../../../src/core/provenance';
import { createPypiClient, type LatestPublisher } from '../../../src/core/pypi';
import { fixture, json, startIndex, type TestServer } from '../pypi/servers';
import { GITHUB_DIST, githubProvenance } from './attestationFixtures';

const PROJECT = 'pypi-attestations';
const VERSION = '0.0.19';
/** What latestPublisher read from the simple index and the provenance's unsigned publisher field. */
const LATEST: LatestPublisher = { version: VERSION, file: GITHUB_DIST, publisher: { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml', environment: null } };

/**
 * The index of PyPI's JSON and Integrity APIs for the real 0.0.19 release: `release` is the JSON API's body (with the
 * real SHA-256 of the sdist), `provenance` the Integrity API's object, both changeable per test.
 */
async function index(change: { release?: (body: any) => void; provenance?: (body: any) => void } = {}): Promise<TestServer> {
  const release = JSON.parse(fixture('release-pypi-attestations-0.0.19.json'));
  change.release?.(release);
  const provenance = githubProvenance();
  change.provenance?.(provenance);
  return startIndex((url) => {
    if (url === `/pypi/${PROJECT}/${VERSION}/json`) return json(release);
    if (url === `/integrity/${PROJECT}/${VERSION}/${GITHUB_DIST}/provenance`) return json(provenance, 200, { 'content-type': 'application/vnd.pypi.integrity.v1+json' });
    return undefined;
  });
}

describe("the latest release's publisher, proven by its provenance (publisher-drift)", function () {
  this.timeout(10_000);
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const prove = (s: TestServer) => proveLatestPublisher(createPypiClient({ baseUrl: s.url, userAgent: 'tests', retryDelayMs: 0 }), PROJECT, LATEST);

  it("verifies one file against the SHA-256 of PyPI's JSON API and takes the certificate's publisher", async () => {
    server = await index();
    assert.deepEqual(await prove(server), {
      kind: 'verified',
      file: GITHUB_DIST,
      publisher: { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml', environment: null },
    });
    assert.deepEqual(
      server.seen.map((s) => s.url),
      [`/pypi/${PROJECT}/${VERSION}/json`, `/integrity/${PROJECT}/${VERSION}/${GITHUB_DIST}/provenance`],
    );
  });

  it('fails when the publisher field names another workflow than the signed certificate', async () => {
    server = await index({ provenance: (p) => (p.attestation_bundles[0].publisher.workflow = 'publish.yml') });
    const proof = await prove(server);
    assert.equal(proof.kind, 'failed');
    assert.match(proof.kind === 'failed' ? proof.reason : '', /publish\.yml/);
  });

  it('fails when the file PyPI lists is not the file that was signed', async () => {
    server = await index({ release: (r) => (r.urls.find((u: any) => u.filename === GITHUB_DIST).digests.sha256 = '0'.repeat(64)) });
    const proof = await prove(server);
    assert.equal(proof.kind, 'failed');
    assert.match(proof.kind === 'failed' ? proof.reason : '', /sha256|SHA-256|digest/i);
  });

  it('is unavailable, not failed, when the index cannot be reached', async () => {
    server = await index();
    const url = server.url;
    await server.close();
    server = undefined;
    const proof = await proveLatestPublisher(createPypiClient({ baseUrl: url, userAgent: 'tests', retryDelayMs: 0, timeoutMs: 2000 }), PROJECT, LATEST);
    assert.equal(proof.kind, 'unavailable');
  });
});

describe('publisher-drift says what the provenance proved', () => {
  const workflow = (file: string) =>
    lintWorkflow(
      'on:\n  release:\n    types: [published]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    environment: pypi\n    permissions:\n      id-token: write\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n',
      {
        location: { fileName: file, repository: { owner: 'trailofbits', repo: 'pypi-attestations' } },
        project: { name: PROJECT, normalizedName: PROJECT },
        published: [
          {
            index: 'pypi',
            version: VERSION,
            publisher: { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml', environment: null },
            proof: { kind: 'verified', file: GITHUB_DIST },
          },
        ],
      },
    ).findings.filter((f) => f.ruleId === 'publisher-drift');

  it('a renamed workflow against a verified publisher: the message says verified', () => {
    const [finding] = workflow('publish.yml');
    assert.match(finding?.message ?? '', /That release came from trailofbits\/pypi-attestations, workflow release\.yml \(verified: the signed provenance of pypi_attestations-0\.0\.19\.tar\.gz says so\)/);
    assert.deepEqual(workflow('release.yml'), []);
  });

  it('a provenance that does not verify is said plainly; the unsigned publisher field is not compared', () => {
    const findings = lintWorkflow('on:\n  release:\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n', {
      location: { fileName: 'release.yml', repository: { owner: 'trailofbits', repo: 'pypi-attestations' } },
      project: { name: PROJECT, normalizedName: PROJECT },
      published: [
        {
          index: 'pypi',
          version: VERSION,
          // The field matches this workflow: trusting it would say nothing.
          publisher: { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml', environment: null },
          proof: { kind: 'failed', file: GITHUB_DIST, reason: 'the signature does not match' },
        },
      ],
    }).findings.filter((f) => f.ruleId === 'publisher-drift');
    assert.equal(findings.length, 1);
    assert.equal(
      findings[0]!.message,
      "The provenance of pypi_attestations-0.0.19.tar.gz (PyPI's last release, 0.0.19) did not verify: the signature does not match. The publisher PyPI names for it is not trusted, so whether job 'publish' matches the trusted publisher was not checked. The command line's \"trusted-publishing verify pypi-attestations 0.0.19\" shows every check.",
    );
  });
});
