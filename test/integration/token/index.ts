// The wizard on a repository whose workflow uploads with a token next to id-token: write (fixture sdk-token).
import { runSuite } from '../index';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
