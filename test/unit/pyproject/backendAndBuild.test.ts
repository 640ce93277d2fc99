import * as assert from 'node:assert/strict';
import { readProjectFacts, type BuildKind } from '../../../src/core/pyproject';
import { expectOk } from './fixtures';

const facts = (toml: string) => expectOk(readProjectFacts(`[project]\nname = "demo"\nversion = "1.0"\n${toml}`, '/repo/pyproject.toml'));
const buildSystem = (requires: string[], buildBackend?: string, extra = '') =>
  `[build-system]\nrequires = ${JSON.stringify(requires)}\n${buildBackend ? `build-backend = "${buildBackend}"\n` : ''}${extra}`;

describe('backend name', () => {
  const cases: Array<[string, string, string]> = [
    // [build-backend, first requirement, expected backendName]
    ['hatchling.build', 'hatchling', 'hatchling'],
    ['setuptools.build_meta', 'setuptools', 'setuptools'],
    ['setuptools.build_meta:__legacy__', 'setuptools', 'setuptools'],
    ['poetry.core.masonry.api', 'poetry-core', 'poetry-core'],
    ['flit_core.buildapi', 'flit_core', 'flit-core'],
    ['pdm.backend', 'pdm-backend', 'pdm-backend'],
    ['pdm.pep517.api', 'pdm-pep517', 'pdm-pep517'],
    ['maturin', 'maturin', 'maturin'],
    ['scikit_build_core.build', 'scikit-build-core', 'scikit-build-core'],
    ['mesonpy', 'meson-python', 'meson-python'],
    ['uv_build', 'uv_build>=0.8', 'uv-build'],
    ['sipbuild.api', 'sip', 'sip'],
    ['py_build_cmake.build', 'py-build-cmake', 'py-build-cmake'],
    // Unknown backends: the requirement that provides the module, else the module.
    ['whatever_backend.api:build', 'whatever-backend', 'whatever-backend'],
    ['mybuild.api', 'setuptools', 'mybuild'],
  ];
  for (const [buildBackend, requirement, expected] of cases) {
    it(`${buildBackend} -> ${expected}`, () => {
      const result = facts(buildSystem([requirement], buildBackend));
      assert.equal(result.backendName, expected);
      assert.equal(result.buildBackend, buildBackend);
    });
  }

  it('no build-backend: setuptools (legacy), buildBackend left out', () => {
    const result = facts(buildSystem(['setuptools', 'wheel']));
    assert.equal(result.backendName, 'setuptools');
    assert.equal(result.buildBackend, undefined);
  });

  it('in-tree backend: the first requirement', () => {
    assert.equal(facts(buildSystem(['setuptools>=70', 'wheel'], 'backend', 'backend-path = ["_build"]\n')).backendName, 'setuptools');
  });

  it('in-tree backend without requirements: in-tree', () => {
    assert.equal(facts(buildSystem([], 'backend', 'backend-path = ["."]\n')).backendName, 'in-tree');
  });
});

describe('pure or compiled', () => {
  const cases: Array<{ title: string; toml: string; expected: BuildKind }> = [
    { title: 'plain hatchling', toml: buildSystem(['hatchling'], 'hatchling.build'), expected: { kind: 'pure' } },
    {
      title: 'maturin',
      toml: buildSystem(['maturin'], 'maturin'),
      expected: { kind: 'compiled', builder: 'maturin', detail: 'the maturin backend builds native code' },
    },
    {
      title: 'meson-python',
      toml: buildSystem(['meson-python'], 'mesonpy'),
      expected: { kind: 'compiled', builder: 'meson-python', detail: 'the meson-python backend builds native code' },
    },
    {
      title: 'setuptools with Cython',
      toml: buildSystem(['setuptools', 'Cython>=3'], 'setuptools.build_meta'),
      expected: { kind: 'compiled', builder: 'setuptools-extensions', detail: 'the build requires cython' },
    },
    {
      title: 'legacy setuptools with cffi',
      toml: buildSystem(['setuptools', 'cffi>=1.0']),
      expected: { kind: 'compiled', builder: 'setuptools-extensions', detail: 'the build requires cffi' },
    },
    {
      title: 'setuptools ext-modules',
      toml: buildSystem(['setuptools>=74.1'], 'setuptools.build_meta') +
        '[[tool.setuptools.ext-modules]]\nname = "demo._speedups"\nsources = ["src/speedups.c"]\n',
      expected: { kind: 'compiled', builder: 'setuptools-extensions', detail: '[tool.setuptools] declares ext-modules' },
    },
    {
      title: 'hatchling with [tool.cibuildwheel]',
      toml: buildSystem(['hatchling'], 'hatchling.build') + '[tool.cibuildwheel]\nskip = "pp*"\n',
      expected: { kind: 'compiled', builder: 'other', detail: '[tool.cibuildwheel] is configured' },
    },
    {
      title: 'numpy as a runtime dependency only',
      toml: buildSystem(['setuptools'], 'setuptools.build_meta').replace('[build-system]', 'dependencies = ["numpy"]\n[build-system]'),
      expected: { kind: 'pure' },
    },
  ];
  for (const { title, toml, expected } of cases) {
    it(title, () => assert.deepEqual(facts(toml).build, expected));
  }
});
