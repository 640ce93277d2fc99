import * as path from 'node:path';
import type { PlanOptions } from '../../../src/core/publish/types';
import type { ProjectFacts } from '../../../src/core/pyproject/types';

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

/**
 * Every combination of the choices that shape the generator's output (288), with the facts each needs: the tests
 * that must hold for any workflow the extension writes run over all of them.
 */
export function* generatorCombinations(): Generator<{ facts: ProjectFacts; options: PlanOptions; label: string }> {
  const builds: ProjectFacts['build'][] = [
    { kind: 'pure' },
    { kind: 'compiled', builder: 'meson-python', detail: '' },
    { kind: 'compiled', builder: 'maturin', detail: '' },
  ];
  for (const build of builds)
    for (const fromVcs of [false, true])
      for (const trigger of ['release', 'tag'] as const)
        for (const buildTool of ['build', 'uv'] as const)
          for (const pinning of ['sha', 'tag'] as const)
            for (const [pypi, testPypi] of [[true, false], [true, true], [false, true]])
              for (const packageDir of ['.', 'src/pkg']) {
                const version: ProjectFacts['version'] = fromVcs ? { kind: 'dynamic', provider: 'x', fromVcs } : { kind: 'static', value: '1.0.0' };
                const options: PlanOptions = { trigger, buildTool, pinning, pypi, testPypi, packageDir };
                yield { facts: facts({ build, version }), options, label: JSON.stringify({ build, fromVcs, ...options }) };
              }
}
