import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { lintWorkflow, type Finding } from '../../../src/core/lint';

const dist = path.resolve(__dirname, '../../../../dist');

describe('built bundles', () => {
  it('dist/core.js can be required by any Node program and exposes the core', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require(path.join(dist, 'core.js'));
    for (const name of ['parseRemoteUrl', 'readProjectFacts', 'planRelease', 'generateWorkflow', 'publisherValues', 'findPyprojects', 'lintWorkflow']) {
      assert.equal(typeof core[name], 'function', `dist/core.js exports ${name}`);
    }
    const facts = core.readProjectFacts('[project]\nname = "Demo_Pkg"\nversion = "1.0"\n', 'pyproject.toml');
    assert.equal(facts.value.normalizedName, 'demo-pkg');
    const { findings } = core.lintWorkflow('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          python-version: 3.10\n');
    assert.deepEqual(findings.map((f: { ruleId: string }) => f.ruleId), ['float-python-version']);
  });

  it('dist/core.js finds, says and fixes the same as the source on every fixture workflow', () => {
    // The bundles carry yaml's ES module build, marked faster (yamlAsModules in esbuild.mjs); the other tests run the
    // source on yaml's CommonJS build. Users get the bundle: it must agree with what the tests checked, to the byte.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundled = require(path.join(dist, 'core.js'));
    const fixtures = path.resolve(__dirname, '../../../../test/fixtures');
    const workflows = (readdirSync(fixtures, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/.test(f));
    assert.ok(workflows.length > 300, `${workflows.length} fixture workflows`);
    const said = (findings: Finding[]) => JSON.stringify(findings.map((f) => ({ ...f, fixes: f.fixes })));
    let findings = 0;
    for (const file of workflows) {
      const text = readFileSync(path.join(fixtures, file), 'utf8');
      const ours = lintWorkflow(text).findings;
      findings += ours.length;
      assert.equal(said(bundled.lintWorkflow(text).findings), said(ours), file);
    }
    assert.ok(findings > 500, `${findings} findings compared`);
  });

  it('dist/core.js and dist/cli.js never load the editor API', () => {
    for (const bundle of ['core.js', 'cli.js']) {
      const text = readFileSync(path.join(dist, bundle), 'utf8');
      assert.doesNotMatch(text, /require\(["']vscode["']\)/, `${bundle} requires vscode`);
    }
  });

  it('dist/extension.js keeps vscode external and starts with no network library', () => {
    const text = readFileSync(path.join(dist, 'extension.js'), 'utf8');
    assert.match(text, /require\(["']vscode["']\)/);
    assert.doesNotMatch(text, /require\(["'](undici|octokit|@octokit\/[^"']+)["']\)/);
  });

  it('dist/provenance.js verifies a real attestation on its own, with the trusted root bundled in', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { verifyProvenance } = require(path.join(dist, 'provenance.js'));
    const fixtures = path.resolve(__dirname, '../../../../test/fixtures/attestations');
    const file = { filename: 'pypi_attestations-0.0.19.tar.gz', sha256: '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3' };
    const provenance = JSON.parse(readFileSync(path.join(fixtures, `${file.filename}.provenance`), 'utf8'));
    const result = verifyProvenance(file, provenance, { repository: 'trailofbits/pypi-attestations', workflow: 'release.yml' });
    assert.equal(result.value.ok, true);
    // Only the trusted root of @sigstore/tuf's seeds is bundled, not the TUF metadata nor npm's keys.
    assert.doesNotMatch(readFileSync(path.join(dist, 'provenance.js'), 'utf8'), /registry\.npmjs\.org/);
  });

  it('dist/network.js makes a real request with the HTTP parser it carries (the one without SIMD)', async () => {
    const seen: string[] = [];
    const server = http.createServer((request, response) => {
      seen.push(request.url ?? '');
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message": "Not Found"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const network = require(path.join(dist, 'network.js'));
      const result = await network.createPypiClient({ baseUrl: `http://127.0.0.1:${port}`, userAgent: 'test', timeoutMs: 5000, retryDelayMs: 10 }).project('sampleproject');
      assert.ok(seen.length > 0, 'the server got the request');
      assert.notEqual(!result.ok && result.error.kind, 'Network', JSON.stringify(result));
    } finally {
      server.close();
    }
  });

  it('dist/extension.js and dist/network.js leave the Sigstore verifier out', () => {
    for (const bundle of ['extension.js', 'network.js']) {
      assert.doesNotMatch(readFileSync(path.join(dist, bundle), 'utf8'), /dev\.sigstore\.trustedroot|@sigstore\/verify|DSSE payload hash mismatch/, bundle);
    }
  });

  it('dist/codicons holds only the icons the wizard names, with their outlines', () => {
    const css = readFileSync(path.join(dist, 'codicons', 'codicon.css'), 'utf8');
    const names = [...css.matchAll(/^\.codicon-([a-z0-9-]+):before/gm)].map((m) => m[1]);
    // A few the wizard always shows (the title, the stepper, the spinner, the Done list), and none it never uses.
    for (const name of ['rocket', 'check', 'loading', 'arrow-right', 'pass-filled', 'circle-large-outline', 'copy']) assert.ok(names.includes(name), name);
    assert.ok(!names.includes('account') && names.length < 80, `${names.length} icons`);
    assert.match(css, /\.codicon-loading\.codicon-modifier-spin/);
    const font = readFileSync(path.join(dist, 'codicons', 'codicon.ttf'));
    assert.equal(font.readUInt32BE(0), 0x00010000, 'a TrueType font');
    assert.ok(font.length < 40_000, `${font.length} bytes`);
  });

  it('every bundle, script and stylesheet the editor loads ships in the VSIX', () => {
    const root = path.resolve(dist, '..');
    // Every `'dist', 'x.js'` of a require and every joinPath(dist | media, ...) of a webview, in the editor's sources.
    const sources = walk(path.join(root, 'src', 'vscode')).map((file) => readFileSync(file, 'utf8'));
    const loaded = new Set<string>();
    for (const text of sources) {
      for (const match of text.matchAll(/'dist',\s*'([\w.-]+\.js)'/g)) loaded.add(`dist/${match[1]}`);
      for (const match of text.matchAll(/joinPath\((?:dist|this\.extensionUri, 'dist')((?:,\s*'[\w.-]+')+)\)/g)) loaded.add(`dist/${quoted(match[1])}`);
      for (const match of text.matchAll(/joinPath\((?:media|this\.extensionUri, 'media')((?:,\s*'[\w.-]+')+)\)/g)) loaded.add(`media/${quoted(match[1])}`);
    }
    for (const bundle of ['dist/provenance.js', 'dist/network.js', 'dist/webview.js', 'dist/diagnose.js', 'media/wizard.css']) assert.ok(loaded.has(bundle), `${bundle} among ${[...loaded].join(', ')}`);
    const shipped = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').filter((line) => line.startsWith('!')).map((line) => line.slice(1).trim());
    for (const bundle of loaded) assert.ok(shipped.includes(bundle), `${bundle} is loaded by the editor but left out of the VSIX (.vscodeignore)`);
  });
});

/** `, 'a', 'b.css'` → `a/b.css`. */
function quoted(args: string): string {
  return [...args.matchAll(/'([\w.-]+)'/g)].map((m) => m[1]).join('/');
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []));
}
