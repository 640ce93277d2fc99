// A workspace whose .vscode/settings.json points every request-steering setting at a recording server (fixture hello-pypi).
import { runSuite } from '../index';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
