import * as assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually, resetWorkspace, workflowsDir } from './workspaceHelpers';

/**
 * A stand-in for PyPI on 127.0.0.1 with the real APIs' shapes: the simple index (PEP 691 JSON) lists one wheel of
 * hello-pypi 1.2.0 whose provenance (PEP 740, the Integrity API) says it was published by publish.yml.
 */
function fakePypi(): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const wheel = 'hello_pypi-1.2.0-py3-none-any.whl';
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const json = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/pypi/hello-pypi/json') return json(200, { info: { name: 'Hello-PyPI', version: '1.2.0' }, releases: { '1.2.0': [] }, urls: [] });
    if (req.url === '/simple/hello-pypi/') {
      return json(
        200,
        {
          meta: { 'api-version': '1.4' },
          name: 'hello-pypi',
          versions: ['1.2.0'],
          files: [
            {
              filename: wheel,
              url: `/files/${wheel}`,
              hashes: { sha256: '0'.repeat(64) },
              provenance: `/integrity/hello-pypi/1.2.0/${wheel}/provenance`,
              'upload-time': '2026-10-01T10:00:00.000000Z',
              yanked: false,
            },
          ],
        },
        'application/vnd.pypi.simple.v1+json',
      );
    }
    if (req.url === `/integrity/hello-pypi/1.2.0/${wheel}/provenance`) {
      return json(200, {
        version: 1,
        attestation_bundles: [{ publisher: { kind: 'GitHub', claims: null, repository: 'Example-Org/Hello-PyPI', workflow: 'publish.yml', environment: 'pypi' }, attestations: [] }],
      });
    }
    return json(404, { message: 'Not Found' });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

/**
 * PyPI serving a real signed release as hello-pypi's latest: the sdist of pypi-attestations 0.0.19 with its JSON API
 * entry (the SHA-256) and its real provenance, signed by trailofbits/pypi-attestations' release.yml. `claim` replaces
 * the unsigned publisher field's repository and workflow, as a tampering index or proxy could.
 */
function signedPypi(claim?: { repository: string; workflow: string }): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const sdist = 'pypi_attestations-0.0.19.tar.gz';
  const release = readFileSync(path.join(FIXTURES, 'pypi', 'release-pypi-attestations-0.0.19.json'), 'utf8');
  const provenance = JSON.parse(readFileSync(path.join(FIXTURES, 'attestations', `${sdist}.provenance`), 'utf8'));
  if (claim) Object.assign(provenance.attestation_bundles[0].publisher, claim);
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const json = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.url === '/pypi/hello-pypi/0.0.19/json') return json(200, release);
    if (req.url === '/simple/hello-pypi/') {
      const file = { filename: sdist, url: `/files/${sdist}`, hashes: {}, provenance: `/integrity/hello-pypi/0.0.19/${sdist}/provenance`, 'upload-time': '2024-11-22T10:00:00.000000Z', yanked: false };
      return json(200, { meta: { 'api-version': '1.4' }, name: 'hello-pypi', versions: ['0.0.19'], files: [file] }, 'application/vnd.pypi.simple.v1+json');
    }
    if (req.url === `/integrity/hello-pypi/0.0.19/${sdist}/provenance`) return json(200, provenance, 'application/vnd.pypi.integrity.v1+json');
    return json(404, { message: 'Not Found' });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

const workflow = `on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    environment:
      name: pypi
      url: https://pypi.org/p/hello-pypi
    permissions:
      id-token: write
    steps:
      - uses: pypa/gh-action-pypi-publish@release/v1
`;

describe('publisher-drift (in VS Code, against a local PyPI)', () => {
  let pypi: Awaited<ReturnType<typeof fakePypi>>;
  const settings = () => vscode.workspace.getConfiguration('trustedPublishing');

  before(async () => {
    await resetWorkspace();
    pypi = await fakePypi();
    await settings().update('pypiUrl', pypi.url, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await settings().update('pypiUrl', undefined, vscode.ConfigurationTarget.Global);
    await pypi.close();
    await resetWorkspace();
  });

  it('warns that the renamed workflow is not the publisher of the last release, with the prefilled form one click away', async () => {
    await fs.mkdir(workflowsDir(), { recursive: true });
    // A name no other test used: no document is still loaded with older text.
    const file = path.join(workflowsDir(), 'release-drift.yml');
    await fs.writeFile(file, workflow);
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const drift = await eventually(
      'the publisher-drift diagnostic',
      () => vscode.languages.getDiagnostics(document.uri).find((d) => typeof d.code === 'object' && d.code.value === 'publisher-drift'),
      20000,
    );
    assert.match(drift.message, /came from Example-Org\/Hello-PyPI, workflow publish\.yml/);
    assert.match(drift.message, /workflow release-drift\.yml/);
    assert.ok(pypi.requests.some((r) => r.startsWith('GET /integrity/hello-pypi/1.2.0/')), pypi.requests.join(', '));

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, drift.range);
    const open = actions.find((a) => a.title === "Open PyPI's publisher form for hello-pypi (prefilled)");
    assert.ok(open?.command, actions.map((a) => a.title).join(', '));
    const argument: unknown = open.command.arguments?.[0];
    const target = argument instanceof vscode.Uri ? argument.toString(true) : String(argument);
    assert.match(target, /^https:\/\/pypi\.org\/manage\/project\/hello-pypi\/settings\/publishing\/\?/);
    assert.match(target, /workflow_filename=release-drift\.yml/);
  });

  /** Opens a new workflow file with `workflow` and waits for its publisher-drift diagnostic. */
  async function driftOn(name: string): Promise<vscode.Diagnostic> {
    await fs.mkdir(workflowsDir(), { recursive: true });
    const file = path.join(workflowsDir(), name);
    await fs.writeFile(file, workflow);
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    return eventually(
      'the publisher-drift diagnostic',
      () => vscode.languages.getDiagnostics(document.uri).find((d) => typeof d.code === 'object' && d.code.value === 'publisher-drift'),
      20000,
    );
  }

  it("compares with the signed certificate's publisher when the last release's provenance verifies, and says verified", async () => {
    const signed = await signedPypi();
    try {
      await settings().update('pypiUrl', signed.url, vscode.ConfigurationTarget.Global);
      const drift = await driftOn('release-verified.yml');
      assert.match(drift.message, /That release came from trailofbits\/pypi-attestations, workflow release\.yml \(verified: the signed provenance of pypi_attestations-0\.0\.19\.tar\.gz says so\)/);
      assert.match(drift.message, /repository "Example-Org\/Hello-PyPI" instead of "trailofbits\/pypi-attestations"/);
      assert.ok(signed.requests.includes('GET /pypi/hello-pypi/0.0.19/json'), `the SHA-256 came from the JSON API: ${signed.requests.join(', ')}`);
    } finally {
      await settings().update('pypiUrl', pypi.url, vscode.ConfigurationTarget.Global);
      await signed.close();
    }
  });

  it('says plainly that the provenance did not verify instead of trusting the publisher field PyPI sent', async () => {
    // The unsigned field claims this very workflow, so trusting it would say nothing; the certificate says otherwise.
    const tampered = await signedPypi({ repository: 'Example-Org/Hello-PyPI', workflow: 'release-tampered.yml' });
    try {
      await settings().update('pypiUrl', tampered.url, vscode.ConfigurationTarget.Global);
      const drift = await driftOn('release-tampered.yml');
      assert.match(drift.message, /^The provenance of pypi_attestations-0\.0\.19\.tar\.gz \(PyPI's last release, 0\.0\.19\) did not verify: .+/);
      assert.match(drift.message, /The publisher PyPI names for it is not trusted/);
    } finally {
      await settings().update('pypiUrl', pypi.url, vscode.ConfigurationTarget.Global);
      await tampered.close();
    }
  });

  it("a cloned repository's .vscode/settings.json cannot send requests elsewhere: its URLs are ignored", async () => {
    const hostile = await fakePypi();
    const folder = path.dirname(path.dirname(workflowsDir()));
    try {
      // What a malicious repository would commit: every URL that decides where a request or the token goes.
      await fs.mkdir(path.join(folder, '.vscode'), { recursive: true });
      await fs.writeFile(
        path.join(folder, '.vscode', 'settings.json'),
        JSON.stringify({
          'trustedPublishing.pypiUrl': hostile.url,
          'trustedPublishing.testPypiUrl': hostile.url,
          'trustedPublishing.githubApiUrl': hostile.url,
          'trustedPublishing.githubAuthProvider': 'hostile',
          // A window-scoped setting VS Code does read from a workspace: it shows when the file has been read.
          'trustedPublishing.pypiChecks.enabled': true,
        }),
      );
      await eventually('VS Code to read the workspace settings file', () => settings().inspect('pypiChecks.enabled')?.workspaceValue === true);
      assert.equal(settings().inspect('pypiUrl')?.workspaceValue, undefined, 'VS Code itself drops machine settings from a workspace');
      await fs.mkdir(workflowsDir(), { recursive: true });
      const file = path.join(workflowsDir(), 'release-hostile.yml');
      await fs.writeFile(file, workflow);
      const document = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(document);
      await eventually(
        'the publisher-drift diagnostic from the user-configured PyPI',
        () => vscode.languages.getDiagnostics(document.uri).find((d) => typeof d.code === 'object' && d.code.value === 'publisher-drift'),
        20000,
      );
      assert.deepEqual(hostile.requests, [], 'the workspace-chosen host received nothing');
    } finally {
      await fs.rm(path.join(folder, '.vscode'), { recursive: true, force: true });
      await hostile.close();
    }
  });
});
