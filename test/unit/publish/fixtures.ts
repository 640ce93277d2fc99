import * as path from 'node:path';
import { ProjectFacts } from '../../../src/core/pyproject/types';

/** The repository root, from out/test/unit/publish (compiled) or test/unit/publish (source). */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../../..' : '../../..');

export const GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'golden');

/** Project facts as the pyproject reader would return them; override what a test cares about. */
export function facts(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    name: 'Example_Package',
    normalizedName: 'example-package',
    nameSource: 'project',
    version: { kind: 'static', value: '1.0.0' },
    requiresPython: '>=3.9',
    buildBackend: 'hatchling.build',
    backendName: 'hatchling',
    build: { kind: 'pure' },
    ...overrides,
  };
}
