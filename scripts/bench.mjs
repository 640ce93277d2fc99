// Measures what users feel: how long the extension takes to load and activate, and how long the core takes for
// the work behind each command. Run with `npm run bench` (it builds first). Prints a table; no thresholds here:
// compare runs before and after a change.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
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
    registerWebviewPanelSerializer: () => disposable,
  },
  workspace: {
    registerTextDocumentContentProvider: () => disposable,
    createFileSystemWatcher: () => ({ onDidChange: () => disposable, onDidCreate: () => disposable, onDidDelete: () => disposable, dispose() {} }),
    onDidOpenTextDocument: () => disposable,
    onDidChangeTextDocument: () => disposable,
    onDidCloseTextDocument: () => disposable,
    onDidChangeConfiguration: () => disposable,
    textDocuments: [],
  },
  languages: { createDiagnosticCollection: () => ({ set() {}, delete() {}, dispose() {} }), registerCodeActionsProvider: () => disposable },
  env: {},
  EventEmitter: class { event = () => disposable; fire() {} dispose() {} },
  ThemeIcon: Stub, Uri: Stub, Position: Stub, Range: Stub, WorkspaceEdit: Stub, TabInputText: Stub, TabInputTextDiff: Stub,
  QuickPickItemKind: { Separator: -1, Default: 0 },
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

// 3. Checks: the per-keystroke cost (after the debounce) on real workflows.
const corpusDir = path.join(root, 'test', 'fixtures', 'corpus', 'workflows');
const workflows = readdirSync(corpusDir).filter((f) => /\.ya?ml$/.test(f)).map((f) => readFileSync(path.join(corpusDir, f), 'utf8'));
const largest = workflows.reduce((a, b) => (b.length > a.length ? b : a), '');
timeIt('check one workflow (largest of the corpus)', 200, () => core.lintWorkflow(largest), `${(largest.length / 1024).toFixed(1)} KiB, ${core.RULES.length} rules`);
timeIt('check the whole corpus', 20, () => workflows.forEach((w) => core.lintWorkflow(w)), `${workflows.length} files per iteration`);

console.table(rows);
