import * as assert from 'node:assert/strict';
import { parseRetryAfter } from '../../../src/core/pypi';
import { bestFileOfVersion, newestVersion, versionOfFile } from '../../../src/core/pypi/latestFile';
import { readProjectInfo, readProvenance, readReleaseFiles, readSimpleProject, type SimpleFile } from '../../../src/core/pypi/shapes';
import { fixture } from './servers';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    assert.equal(parseRetryAfter('120', now), 120);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
  });

  it('reads an HTTP date as seconds from now, never negative', () => {
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:01:30 GMT', now), 90);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now), 0);
  });

  it('gives undefined for a missing or unreadable header', () => {
    for (const value of [null, undefined, '', 'soon', '-5', '1.5']) assert.equal(parseRetryAfter(value, now), undefined, String(value));
  });
});

describe('versionOfFile', () => {
  const versions = ['0.9', '1.0', '1.0.1', '2.0.0rc1', '2024.1.post1'];

  it('reads wheels and eggs from their second field', () => {
    assert.equal(versionOfFile('my_pkg-1.0.1-py3-none-any.whl', versions), '1.0.1');
    assert.equal(versionOfFile('my_pkg-2.0.0rc1-1-cp312-cp312-manylinux_2_17_x86_64.whl', versions), '2.0.0rc1');
    assert.equal(versionOfFile('my_pkg-0.9-py2.7.egg', versions), '0.9');
    assert.equal(versionOfFile('my_pkg-3.0-py3-none-any.whl', versions), undefined);
    assert.equal(versionOfFile('my_pkg-3.0-py3-none-any.whl', undefined), '3.0');
  });

  it('matches sdist suffixes, longest version first, with legacy dashed names', () => {
    assert.equal(versionOfFile('my-pkg-1.0.1.tar.gz', versions), '1.0.1');
    assert.equal(versionOfFile('my-pkg-1.0.tar.gz', versions), '1.0');
    assert.equal(versionOfFile('Flask-Thing-2024.1.post1.zip', versions), '2024.1.post1');
    assert.equal(versionOfFile('my-pkg-1.0.tar.gz', undefined), '1.0');
  });

  it('reads legacy installers', () => {
    assert.equal(versionOfFile('my-pkg-1.0.win32.exe', versions), '1.0');
  });
});

describe('choosing the file to ask about', () => {
  const file = (filename: string, uploadTime: number | undefined, provenance: string | null | undefined): SimpleFile => ({
    filename,
    provenance,
    yanked: false,
    ...(uploadTime === undefined ? {} : { uploadTime }),
  });

  it('takes the version of the latest upload, not the highest version', () => {
    const files = [file('p-2.0.tar.gz', 100, null), file('p-1.1.tar.gz', 200, null)];
    assert.equal(newestVersion(files, ['1.1', '2.0']), '1.1');
  });

  it('cannot tell without upload times', () => {
    assert.equal(newestVersion([file('p-2.0.tar.gz', 100, null), file('p-1.1.tar.gz', undefined, null)], ['1.1', '2.0']), undefined);
  });

  it('prefers a file with a provenance link, then one the index is silent about', () => {
    const files = [file('p-1.0.tar.gz', 300, null), file('p-1.0-py3-none-any.whl', 100, undefined), file('p-1.0-cp312-cp312-win_amd64.whl', 200, 'https://x/prov')];
    assert.equal(bestFileOfVersion(files, '1.0', ['1.0'])?.filename, 'p-1.0-cp312-cp312-win_amd64.whl');
    assert.equal(bestFileOfVersion(files.slice(0, 2), '1.0', ['1.0'])?.filename, 'p-1.0-py3-none-any.whl');
  });
});

describe('response shapes', () => {
  it('reads the simple index fixture', () => {
    const simple = readSimpleProject(JSON.parse(fixture('simple.json')));
    assert.equal(simple.ok, true);
    if (simple.ok) {
      assert.equal(simple.value.files.length, 5);
      assert.deepEqual(simple.value.versions, ['1.2.0', '3.0.0', '4.0.0']);
      assert.equal(simple.value.files[0].provenance, null);
      assert.equal(simple.value.files[4].uploadTime, Date.parse('2024-11-06T22:37:10.868088Z'));
    }
  });

  it('rejects simple index bodies of the wrong shape', () => {
    for (const body of [null, {}, { files: {} }, { files: [{}] }, { files: [{ filename: 'a.tar.gz', provenance: 1 }] }, { files: [], versions: [1] }]) {
      assert.equal(readSimpleProject(body).ok, false, JSON.stringify(body));
    }
  });

  it('reads the provenance fixture', () => {
    assert.deepEqual(readProvenance(JSON.parse(fixture('provenance.json'))), {
      ok: true,
      value: { kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml', environment: 'pypi' },
    });
  });

  it("also reads PEP 740's illustrative publisher fields", () => {
    const body = {
      version: 1,
      attestation_bundles: [
        {
          publisher: { kind: 'GitHub', claims: {}, repository_name: 'HolyGrail', repository_owner: 'octocat', repository_owner_id: '1', workflow_filename: 'publish.yml', environment: null },
          attestations: [],
        },
      ],
    };
    assert.deepEqual(readProvenance(body), { ok: true, value: { kind: 'GitHub', repository: 'octocat/HolyGrail', workflow: 'publish.yml', environment: null } });
  });

  it('gives no publisher for an empty bundle list, and errors for wrong types', () => {
    assert.deepEqual(readProvenance({ version: 1, attestation_bundles: [] }), { ok: true, value: undefined });
    assert.equal(readProvenance({ version: 1, attestation_bundles: [{ publisher: { kind: 'GitHub', workflow: ['x'] } }] }).ok, false);
  });
});

describe('readReleaseFiles', () => {
  it("reads a release's files, sizes and SHA-256 from the JSON API", () => {
    const files = readReleaseFiles(JSON.parse(fixture('release-pypi-attestations-0.0.19.json')));
    assert.ok(files.ok);
    assert.deepEqual(files.value.map(({ filename, sha256, size, yanked }) => ({ filename, sha256, size, yanked })), [
      { filename: 'pypi_attestations-0.0.19.tar.gz', sha256: '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3', size: 29882, yanked: false },
    ]);
    assert.match(files.value[0].url ?? '', /^https:\/\/files\.pythonhosted\.org\/packages\//);
  });

  it('refuses a file without a SHA-256 or with a path for a name, saying which', () => {
    const body = (file: object) => ({ urls: [{ filename: 'a-1.0.tar.gz', digests: { sha256: 'a'.repeat(64) }, ...file }] });
    assert.deepEqual(readReleaseFiles(body({ digests: { md5: 'x' } })), { ok: false, error: 'urls[0].digests.sha256 is not a SHA-256' });
    assert.deepEqual(readReleaseFiles(body({ filename: '../a-1.0.tar.gz' })), { ok: false, error: 'urls[0].filename is not a file name' });
    assert.deepEqual(readReleaseFiles({ info: {} }), { ok: false, error: 'no "urls" list' });
  });
});

describe('readProjectInfo', () => {
  it('lists every released version from the keys of `releases`, emptied ones too', () => {
    const info = readProjectInfo({ info: { name: 'demo', version: '1.2.0' }, releases: { '0.9': [], '1.0.0': [{}], '1.2.0': [{}] } });
    assert.deepEqual(info, { ok: true, value: { name: 'demo', latestVersion: '1.2.0', releasedVersions: ['0.9', '1.0.0', '1.2.0'] } });
  });

  it('leaves the versions unknown when `releases` is absent or not an object', () => {
    for (const releases of [undefined, null, ['1.0'], 'x']) {
      const info = readProjectInfo({ info: { name: 'demo', version: '1.0' }, ...(releases === undefined ? {} : { releases }) });
      assert.deepEqual(info, { ok: true, value: { name: 'demo', latestVersion: '1.0' } }, JSON.stringify(releases));
    }
  });
});
