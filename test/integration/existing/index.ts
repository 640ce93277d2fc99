// The wizard on a repository that already publishes with trusted publishing (fixture flask-publish).
import { runSuite } from '../index';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
