// The mocha runner inside the extension host, in the shape @vscode/test-electron and VS Code's browser test
// protocol both expect: `run(): Promise<void>` that rejects when a test fails. It adds every `*.test.js`
// next to it; a suite in a subfolder can reuse `runSuite(__dirname)` from its own index.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Printed once mocha ends; test/harness/hostTests.ts reads the counts from it. */
const RESULT_MARKER = '##host-suite-result ';

export function runSuite(directory: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  const files = fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files in ${directory}`));
  for (const name of files) mocha.addFile(path.join(directory, name));

  return new Promise<void>((resolve, reject) => {
    const counts = { passed: 0, failed: 0, pending: 0 };
    try {
      const runner = mocha.run((failures) => {
        console.log(`${RESULT_MARKER}${JSON.stringify(counts)}`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else if (counts.passed === 0) reject(new Error('no test ran'));
        else resolve();
      });
      runner.on('pass', () => counts.passed++);
      runner.on('fail', () => counts.failed++);
      runner.on('pending', () => counts.pending++);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

export function run(): Promise<void> {
  return runSuite(__dirname);
}
