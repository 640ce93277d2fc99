// The same hostile workspace, opened in Restricted Mode on a server with workspace trust on (fixture hello-pypi).
import { runSuite } from '../index';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
