// The extension's entry, and the script of its check worker too. A separate bundle for the worker would repeat the
// whole core and push the VSIX past its size budget, so dist/extension.js serves both: in the worker thread started
// for large workflows it answers check requests and loads nothing of the editor's API (`require('vscode')` has no
// answer there); everywhere else it is the extension. Both are `require`d so that the bundler loads each part only
// when reached.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const worker = require('./core/lint/worker/main') as typeof import('./core/lint/worker/main');
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (!worker.startIfCheckWorker()) module.exports = require('./extension') as typeof import('./extension');
