// Builds the three entry points: the extension (loaded by VS Code), the command line, and the pure core
// as a CommonJS module other Node programs can require.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { iconNames, subsetFont, subsetStylesheet, usedIconNames } from './scripts/codicons.mjs';

/** The role the check worker is started with (CHECK_WORKER_ROLE in src/core/lint/worker/protocol.ts). */
const CHECK_WORKER_ROLE = 'trusted-publishing-checks';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * Of `@sigstore/tuf`'s seeds the verifier reads only the public-good instance's trusted root; the TUF root metadata
 * and npm's keys are left out of the bundle.
 */
const trustedRootOnly = {
  name: 'trusted-root-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]@sigstore[\\/]tuf[\\/]seeds\.json$/ }, (args) => {
      const seeds = JSON.parse(readFileSync(args.path, 'utf8'));
      const instance = 'https://tuf-repo-cdn.sigstore.dev';
      const root = seeds[instance].targets['trusted_root.json'];
      return { contents: JSON.stringify({ [instance]: { targets: { 'trusted_root.json': root } } }), loader: 'json' };
    });
  },
};

/**
 * dist/extension.js is also the script of the worker thread that checks large workflows (src/core/lint/worker): a
 * bundle of its own would repeat the whole core and push the VSIX past its size budget. In that worker the editor's
 * API does not exist (`require('vscode')` has no answer outside the extension host's own thread), yet the bundle's
 * modules run their top-level code there too; so in the worker, and only there, `vscode` is an inert stand-in:
 * any property, call or `new` of it gives the stand-in again. Nothing in the worker uses it (it only checks text).
 */
const vscodeOutsideTheWorker = {
  name: 'vscode-outside-the-check-worker',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-or-inert' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-or-inert' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-or-inert' }, () => ({
      loader: 'js',
      contents: `
        const { workerData } = require('node:worker_threads');
        if (workerData && workerData.role === ${JSON.stringify(CHECK_WORKER_ROLE)}) {
          const inert = new Proxy(function () {}, { get: () => inert, apply: () => inert, construct: () => inert, getPrototypeOf: () => inert });
          module.exports = inert;
        } else {
          module.exports = require('vscode');
        }`,
    }));
  },
};

/**
 * undici carries its HTTP parser twice, as WebAssembly with and without SIMD (72 KB each), and tries the SIMD one
 * first. For a few requests to PyPI and GitHub the plain one is as good: the SIMD copy is left out of the editor's
 * network bundle (undici's own fallback then loads the plain one; a test makes a real request with the bundle).
 */
const llhttpWithoutSimd = {
  name: 'llhttp-without-simd',
  setup(build) {
    build.onLoad({ filter: /[\\/]undici[\\/]lib[\\/]llhttp[\\/]llhttp_simd-wasm\.js$/ }, () => ({ contents: 'module.exports = undefined;', loader: 'js' }));
  },
};

/**
 * `yaml` as its ES module build (the one its package gives browsers). Node's condition picks the CommonJS build,
 * whose modules call each other through \`require\` objects and which esbuild must wrap whole; the ES modules are
 * hoisted into one scope, calls between them are direct, and what the bundle does not use is left out. It parses the
 * same: both builds are compiled from one source, and the tests run the checks on the CommonJS one.
 */
const yamlAsModules = {
  name: 'yaml-as-es-modules',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: fileURLToPath(new URL('./node_modules/yaml/browser/index.js', import.meta.url)) }));
    // yaml's nodes set two fields with Object.defineProperty in their constructors: every node its kind (scalar, map,
    // sequence, pair), every map and sequence its schema. In V8 that call is slow: together 10% of a parse, and the
    // checks parse on every keystroke. Plain assignments set the same fields (`isScalar`, `isMap`... and `.schema`
    // read them as before), only enumerable: JSON and yaml's own copies do not read nodes' own fields. A yaml release
    // that writes these lines otherwise fails the build here, so the change is looked at again, never silently lost.
    const assignments = [
      [/Object\.defineProperty\(this, NODE_TYPE, \{ value: (type|PAIR) \}\);/, 'this[NODE_TYPE] = $1;'],
      [/Object\.defineProperty\(this, 'schema', \{\s*value: schema,\s*configurable: true,\s*enumerable: false,\s*writable: true\s*\}\);/, 'this.schema = schema;'],
    ];
    build.onLoad({ filter: /[\\/]yaml[\\/]browser[\\/]dist[\\/]nodes[\\/](Node|Pair|Collection)\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const assigned = assignments.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), source);
      if (assigned === source) return { errors: [{ text: `yaml's ${args.path} no longer sets its fields as esbuild.mjs expects: look at yamlAsModules again` }] };
      return { contents: assigned, loader: 'js' };
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  plugins: [yamlAsModules],
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [yamlAsModules, vscodeOutsideTheWorker] },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [yamlAsModules, trustedRootOnly] },
  { ...common, entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js' },
  // undici and octokit, loaded by the extension only when a command needs the network.
  { ...common, entryPoints: ['src/core/network.ts'], outfile: 'dist/network.js', plugins: [yamlAsModules, llhttpWithoutSimd] },
  // @sigstore/verify and Sigstore's trusted root, loaded only when a file's provenance is verified.
  { ...common, entryPoints: ['src/core/provenance/index.ts'], outfile: 'dist/provenance.js', plugins: [yamlAsModules, trustedRootOnly] },
  // The wizard's script, run inside the webview (a browser page with a strict CSP): no Node, no vscode module.
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js' },
  // The "Diagnose Failed Release" panel's script, under the same CSP.
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['src/webview/diagnose.ts'], outfile: 'dist/diagnose.js' },
];

// The wizard's icon font, loaded from dist/ through asWebviewUri (the webview cannot read node_modules), cut down to
// the icons the webview uses (scripts/codicons.mjs).
mkdirSync('dist/codicons', { recursive: true });
const codicons = readFileSync('node_modules/@vscode/codicons/dist/codicon.css', 'utf8');
const icons = subsetStylesheet(codicons, usedIconNames(['src/webview', 'media'], iconNames(codicons)));
writeFileSync('dist/codicons/codicon.css', icons.css);
writeFileSync('dist/codicons/codicon.ttf', subsetFont(readFileSync('node_modules/@vscode/codicons/dist/codicon.ttf'), icons.codePoints));

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
