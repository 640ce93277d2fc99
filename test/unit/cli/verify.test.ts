import * as assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cli } from './captured';
import { tempProject } from '../tempProject';
import { ATTESTATIONS, GITHUB_DIST, GITLAB_DIST, githubProvenance, readFixture } from '../provenance/attestationFixtures';
import { fixture, json, startIndex, type Answer, type TestServer } from '../pypi/servers';

const DIST = path.join(ATTESTATIONS, GITHUB_DIST);
const PROVENANCE = path.join(ATTESTATIONS, `${GITHUB_DIST}.provenance`);

describe('trusted-publishing verify', function () {
  this.timeout(10_000);

  describe('offline: --dist FILE --provenance FILE', () => {
    it('exits 0 when the file verifies and names the expected repository and workflow, and says who signed', async () => {
      const ran = await cli(ATTESTATIONS, 'verify', '--dist', DIST, '--provenance', PROVENANCE, '--repository', 'trailofbits/pypi-attestations', '--workflow', 'release.yml');
      assert.equal(ran.code, 0, ran.stdout + ran.stderr);
      assert.match(ran.stdout, /^pypi_attestations-0\.0\.19\.tar\.gz \(29,882 bytes, sha256 9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3\)$/m);
      assert.match(ran.stdout, /verified: signed by GitHub workflow trailofbits\/pypi-attestations\/\.github\/workflows\/release\.yml@refs\/tags\/v0\.0\.19/);
      assert.match(ran.stdout, /commit 08802efe1f8e5fec4ad842d6b8ce97656092ee72, run https:\/\/github\.com\/trailofbits\/pypi-attestations\/actions\/runs\/12169989787\/attempts\/1/);
      assert.match(ran.stdout, /Verified the file, signed by the expected publisher \(trailofbits\/pypi-attestations release\.yml\)\./);
      assert.doesNotMatch(ran.stdout, /FAIL/);
      assert.equal(ran.stderr, '');
    });

    it('without --repository, reports the publisher the file names and exits 0', async () => {
      const ran = await cli(ATTESTATIONS, 'verify', '--dist', GITHUB_DIST, '--provenance', `${GITHUB_DIST}.provenance`);
      assert.equal(ran.code, 0, ran.stdout + ran.stderr);
      assert.match(ran.stdout, /signed by GitHub workflow trailofbits\/pypi-attestations\/\.github\/workflows\/release\.yml@refs\/tags\/v0\.0\.19, the GitHub publisher PyPI records/);
      assert.match(ran.stdout, /No publisher was required: pass --repository/);
    });

    it('verifies a GitLab-published file from its lone attestation and reports the publisher kind', async () => {
      const ran = await cli(ATTESTATIONS, 'verify', '--dist', GITLAB_DIST, '--provenance', `${GITLAB_DIST}.publish.attestation`, '--format', 'json');
      assert.equal(ran.code, 0, ran.stdout + ran.stderr);
      const report = JSON.parse(ran.stdout);
      assert.equal(report.files[0].attestations[0].signer.kind, 'GitLab');
      assert.equal(report.files[0].attestations[0].signedBy, 'GitLab CI facutuesca/gitlab-oidc-project//.gitlab-ci.yml@refs/heads/main');
    });

    it('exits 1 when the expected repository differs, saying which', async () => {
      const ran = await cli(ATTESTATIONS, 'verify', '--dist', DIST, '--provenance', PROVENANCE, '--repository', 'octo-org/hello');
      assert.equal(ran.code, 1);
      assert.match(ran.stdout, /FAIL {2}not the expected publisher \(octo-org\/hello\): repository "trailofbits\/pypi-attestations", not "octo-org\/hello"/);
      assert.match(ran.stdout, /1 of 1 file failed verification\./);
    });

    it('exits 1 when the expected workflow differs, and for a GitLab file when a GitHub repository is expected', async () => {
      const workflow = await cli(ATTESTATIONS, 'verify', '--dist', DIST, '--provenance', PROVENANCE, '--workflow', 'publish.yml');
      assert.equal(workflow.code, 1);
      assert.match(workflow.stdout, /workflow "release\.yml", not "publish\.yml"/);
      const gitlab = await cli(ATTESTATIONS, 'verify', '--dist', GITLAB_DIST, '--provenance', `${GITLAB_DIST}.publish.attestation`, '--repository', 'facutuesca/gitlab-oidc-project');
      assert.equal(gitlab.code, 1);
      assert.match(gitlab.stdout, /not by a GitHub workflow/);
    });

    it('exits 1 when one byte of the file changed, saying the digest differs', async () => {
      const dir = tempProject({});
      const bytes = Buffer.from(readFixture(GITHUB_DIST));
      bytes[bytes.length - 1] ^= 0x01;
      writeFileSync(path.join(dir, GITHUB_DIST), bytes);
      const ran = await cli(dir, 'verify', '--dist', GITHUB_DIST, '--provenance', PROVENANCE);
      assert.equal(ran.code, 1);
      assert.match(ran.stdout, /FAIL {2}the file's SHA-256 is [0-9a-f]{64}, but the statement signs 9bb1add0/);
    });

    it('exits 1 when the signature was changed', async () => {
      const dir = tempProject({});
      const provenance = githubProvenance();
      const envelope = provenance.attestation_bundles[0].attestations[0].envelope;
      const signature = Buffer.from(envelope.signature, 'base64');
      signature[20] ^= 0x01;
      envelope.signature = signature.toString('base64');
      writeFileSync(path.join(dir, 'provenance.json'), JSON.stringify(provenance));
      copyFileSync(DIST, path.join(dir, GITHUB_DIST));
      const ran = await cli(dir, 'verify', '--dist', GITHUB_DIST, '--provenance', 'provenance.json', '--format', 'json');
      assert.equal(ran.code, 1);
      const report = JSON.parse(ran.stdout);
      assert.equal(report.ok, false);
      const signatureCheck = report.files[0].attestations[0].checks.find((c: { id: string }) => c.id === 'signature');
      assert.equal(signatureCheck.status, 'fail');
      assert.match(signatureCheck.message, /the signature does not match the statement/);
    });

    it('prints the stable JSON shape', async () => {
      const ran = await cli(ATTESTATIONS, 'verify', '--dist', DIST, '--provenance', PROVENANCE, '--repository', 'trailofbits/pypi-attestations', '--format', 'json');
      assert.equal(ran.code, 0);
      const report = JSON.parse(ran.stdout);
      assert.deepEqual(Object.keys(report), ['ok', 'expected', 'files']);
      assert.deepEqual(report.expected, { repository: 'trailofbits/pypi-attestations', workflow: null });
      const [file] = report.files;
      assert.deepEqual(Object.keys(file), ['filename', 'sha256', 'size', 'ok', 'problem', 'attestations']);
      assert.equal(file.size, 29882);
      const [attestation] = file.attestations;
      assert.deepEqual(Object.keys(attestation), ['ok', 'signedBy', 'signer', 'recordedPublisher', 'transparencyLog', 'checks']);
      assert.deepEqual(attestation.recordedPublisher, { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml', environment: null });
      assert.deepEqual(attestation.transparencyLog, [{ logIndex: '153454663', integratedTime: '2024-12-04T23:14:01.000Z' }]);
      assert.deepEqual(
        attestation.checks.map((c: { id: string; status: string }) => `${c.id}:${c.status}`),
        ['signature:pass', 'certificate:pass', 'transparencyLog:pass', 'subject:pass', 'recordedPublisher:pass', 'expectedPublisher:pass'],
      );
    });

    for (const [what, argv, message] of [
      ['a missing --provenance', ['--dist', DIST], /verify needs both --dist FILE and --provenance FILE/],
      ['no arguments at all', [], /verify needs <project> <version>, or --dist FILE --provenance FILE/],
      ['both forms', ['pypi-attestations', '0.0.19', '--dist', DIST, '--provenance', PROVENANCE], /either <project> <version> or --dist FILE --provenance FILE, not both/],
      ['a project without a version', ['pypi-attestations'], /verify needs a project and a version/],
      ['a file that does not exist', ['--dist', 'nope.tar.gz', '--provenance', PROVENANCE], /--dist nope\.tar\.gz: no such file/],
      ['a folder as the file', ['--dist', '.', '--provenance', PROVENANCE], /--dist \.: not a file/],
      ['provenance that is not JSON', ['--dist', DIST, '--provenance', DIST], /not JSON \(save the Integrity API's answer/],
      ['JSON that is not provenance', ['--dist', DIST, '--provenance', path.resolve(__dirname, '../../../../package.json')], /not a PEP 740 provenance object or attestation: its "version" is "0\.1\.0", not 1/],
      ['a repository that is not owner/repo', ['--dist', DIST, '--provenance', PROVENANCE, '--repository', 'https://github.com/a/b'], /--repository must be owner\/repo/],
      ['a workflow that is not a file name', ['--dist', DIST, '--provenance', PROVENANCE, '--workflow', 'release'], /--workflow must be a workflow file name such as release\.yml/],
      ['an unknown format', ['--dist', DIST, '--provenance', PROVENANCE, '--format', 'sarif'], /--format must be one of text, json/],
    ] as const) {
      it(`exits 2 on ${what}, with one line saying so`, async () => {
        const ran = await cli(ATTESTATIONS, 'verify', ...argv);
        assert.equal(ran.code, 2, ran.stdout + ran.stderr);
        assert.match(ran.stderr, message);
        assert.equal(ran.stdout, '');
      });
    }
  });

  describe('online: <project> <version> against a local index', () => {
    const servers: TestServer[] = [];
    // The machine's proxy settings must not reach the local index.
    const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];
    const saved = new Map<string, string | undefined>();
    before(() => {
      for (const name of PROXY_VARIABLES) {
        saved.set(name, process.env[name]);
        delete process.env[name];
      }
    });
    after(() => {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((s) => s.close()));
    });

    const RELEASE_PATH = '/pypi/pypi-attestations/0.0.19/json';
    const PROVENANCE_PATH = `/integrity/pypi-attestations/0.0.19/${GITHUB_DIST}/provenance`;
    const release = () => JSON.parse(fixture('release-pypi-attestations-0.0.19.json'));
    const integrity = (body: string): Answer => ({ status: 200, headers: { 'content-type': 'application/vnd.pypi.integrity.v1+json' }, body });

    async function index(routes: Record<string, Answer>): Promise<TestServer> {
      const server = await startIndex((url) => routes[url]);
      servers.push(server);
      return server;
    }

    it('lists the files with the JSON API, reads each provenance from the Integrity API and exits 0 when all verify', async () => {
      const server = await index({ [RELEASE_PATH]: json(release()), [PROVENANCE_PATH]: integrity(readFixture(`${GITHUB_DIST}.provenance`).toString('utf8')) });
      const ran = await cli(ATTESTATIONS, 'verify', 'pypi-attestations', '0.0.19', '--repository', 'trailofbits/pypi-attestations', '--workflow', 'release.yml', '--pypi-url', server.url);
      assert.equal(ran.code, 0, ran.stdout + ran.stderr);
      assert.match(ran.stdout, /verified: signed by GitHub workflow trailofbits\/pypi-attestations\/\.github\/workflows\/release\.yml@refs\/tags\/v0\.0\.19/);
      assert.deepEqual(server.seen.map((s) => s.url), [RELEASE_PATH, PROVENANCE_PATH]);
      assert.equal(server.seen[0].headers.accept, 'application/json');
      assert.equal(server.seen[1].headers.accept, 'application/vnd.pypi.integrity.v1+json');
      assert.match(String(server.seen[0].headers['user-agent']), /^pypi-trusted-publishing\/.+ \(cli\)$/);
    });

    it('normalizes the project name in the URLs and reports the release in JSON', async () => {
      const server = await index({ [RELEASE_PATH]: json(release()), [PROVENANCE_PATH]: integrity(readFixture(`${GITHUB_DIST}.provenance`).toString('utf8')) });
      const ran = await cli(ATTESTATIONS, 'verify', 'PyPI_Attestations', '0.0.19', '--pypi-url', server.url, '--format', 'json');
      assert.equal(ran.code, 0, ran.stdout + ran.stderr);
      const report = JSON.parse(ran.stdout);
      assert.equal(report.project, 'PyPI_Attestations');
      assert.equal(report.version, '0.0.19');
      assert.equal(report.files[0].attestations[0].signer.repository, 'trailofbits/pypi-attestations');
    });

    it('exits 1 when the index lists a digest other than the one signed', async () => {
      const body = release();
      body.urls[0].digests.sha256 = '0'.repeat(64);
      const server = await index({ [RELEASE_PATH]: json(body), [PROVENANCE_PATH]: integrity(readFixture(`${GITHUB_DIST}.provenance`).toString('utf8')) });
      const ran = await cli(ATTESTATIONS, 'verify', 'pypi-attestations', '0.0.19', '--pypi-url', server.url);
      assert.equal(ran.code, 1);
      assert.match(ran.stdout, /the file's SHA-256 is 0{64}, but the statement signs 9bb1add0/);
    });

    it('exits 1 when a file has no provenance, naming it, while still verifying the others', async () => {
      const body = release();
      body.urls.push({ ...body.urls[0], filename: 'pypi_attestations-0.0.19-py3-none-any.whl', packagetype: 'bdist_wheel' });
      const server = await index({ [RELEASE_PATH]: json(body), [PROVENANCE_PATH]: integrity(readFixture(`${GITHUB_DIST}.provenance`).toString('utf8')) });
      const ran = await cli(ATTESTATIONS, 'verify', 'pypi-attestations', '0.0.19', '--pypi-url', server.url);
      assert.equal(ran.code, 1);
      assert.match(ran.stdout, /pypi_attestations-0\.0\.19-py3-none-any\.whl \(29,882 bytes, sha256 [0-9a-f]{64}\)\n {2}FAILED: no provenance: it was uploaded without attestations/);
      assert.match(ran.stdout, /verified: signed by GitHub workflow/);
      assert.match(ran.stdout, /1 of 2 files failed verification\./);
    });

    it('exits 2 when the release is not on the index', async () => {
      const server = await index({});
      const ran = await cli(ATTESTATIONS, 'verify', 'pypi-attestations', '9.9.9', '--pypi-url', server.url);
      assert.equal(ran.code, 2);
      assert.match(ran.stderr, /pypi-attestations 9\.9\.9 is not on the index: 127\.0\.0\.1:\d+ has no version 9\.9\.9 of project "pypi-attestations"\./);
    });

    it('exits 1 when the index fails, with its answer', async () => {
      const server = await index({ [RELEASE_PATH]: json(release()), [PROVENANCE_PATH]: { status: 503, body: 'down' } });
      const ran = await cli(ATTESTATIONS, 'verify', 'pypi-attestations', '0.0.19', '--pypi-url', server.url);
      assert.equal(ran.code, 1);
      assert.match(ran.stdout, /FAILED: could not read its provenance: 127\.0\.0\.1:\d+ failed with HTTP 503 \(provenance of pypi_attestations-0\.0\.19\.tar\.gz\)/);
    });

    it('exits 1 when the index sends provenance that is not PEP 740', async () => {
      const server = await index({ [RELEASE_PATH]: json(release()), [PROVENANCE_PATH]: integrity('{"version": 1}') });
      const ran = await cli(ATTESTATIONS, 'verify', 'pypi-attestations', '0.0.19', '--pypi-url', server.url);
      assert.equal(ran.code, 1);
      assert.match(ran.stdout, /FAILED: the index sent provenance that cannot be read: .*no "attestation_bundles" list/);
    });
  });
});
