import type { BackendInfo } from './backend';
import { buildRequirementNames } from './requirements';
import { hasKey, stringAt, tableAt, type Table } from './tomlValues';
import type { BuildKind } from './types';

// Backends whose whole purpose is compiling native code: their wheels are always platform-specific.
const COMPILING_BACKENDS: Readonly<Record<string, 'maturin' | 'scikit-build-core' | 'meson-python' | 'other'>> = {
  maturin: 'maturin',
  'scikit-build-core': 'scikit-build-core',
  'meson-python': 'meson-python',
  'py-build-cmake': 'other',
  sip: 'other',
  enscons: 'other',
};

// Build requirements that only make sense when something is compiled. Only `[build-system].requires` counts: a runtime
// dependency such as numpy says nothing about the wheel, but numpy at build time is there to compile against its C API.
const COMPILING_REQUIREMENTS: ReadonlySet<string> = new Set([
  'cython',
  'pybind11',
  'nanobind',
  'setuptools-rust',
  'cffi', // out-of-line cffi modules are compiled when the wheel is built
  'numpy',
  'oldest-supported-numpy',
  'scikit-build', // classic scikit-build runs CMake from setup.py
  'cmake',
  'ninja',
  'pythran',
  'extension-helpers',
  'hatch-cython',
  'hatch-mypyc',
  'mypy', // mypyc ships inside mypy; projects list it to compile themselves (black did)
]);

/** Pure (one py3-none-any wheel) or compiled (one wheel per platform, which changes the release workflow). */
export function detectBuild(doc: Table, backend: BackendInfo, normalizedName: string): BuildKind {
  // A backend building itself from its own tree (meson-python's `backend-path = ['.']`) is a pure-Python package:
  // build backends are, even those whose job is compiling other projects.
  if (backend.inTree && backend.backendName === normalizedName) return { kind: 'pure' };

  const builder = COMPILING_BACKENDS[backend.backendName];
  if (builder !== undefined) return { kind: 'compiled', builder, detail: `the ${backend.backendName} backend builds native code` };

  const compiledBuilder = backend.backendName === 'setuptools' ? 'setuptools-extensions' : 'other';
  if (hasKey(tableAt(doc, 'tool', 'setuptools'), 'ext-modules')) {
    return { kind: 'compiled', builder: 'setuptools-extensions', detail: '[tool.setuptools] declares ext-modules' };
  }
  const compiling = buildRequirementNames(doc).find((name) => COMPILING_REQUIREMENTS.has(name));
  if (compiling !== undefined) {
    return { kind: 'compiled', builder: compiledBuilder, detail: `the build requires ${compiling}` };
  }
  // Poetry runs a build script only to compile extensions.
  const poetry = tableAt(doc, 'tool', 'poetry');
  if (stringAt(tableAt(poetry, 'build'), 'script') !== undefined || stringAt(poetry, 'build') !== undefined) {
    return { kind: 'compiled', builder: 'other', detail: 'Poetry runs a build script' };
  }
  // cibuildwheel exists to build per-platform wheels; configuring it is a strong sign the project needs them.
  if (tableAt(doc, 'tool', 'cibuildwheel') !== undefined) {
    return { kind: 'compiled', builder: compiledBuilder, detail: '[tool.cibuildwheel] is configured' };
  }
  return { kind: 'pure' };
}
