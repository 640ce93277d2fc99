import type { BackendInfo } from './backend';
import { buildRequirementNames } from './requirements';
import { compiledLanguageClassifier, readSetupCfg, readSetupPy, type ProjectFiles } from './setupFiles';
import { hasKey, stringAt, stringsAt, tableAt, type Table } from './tomlValues';
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

/**
 * Pure (one py3-none-any wheel) or compiled (one wheel per platform, which changes the release workflow), from
 * pyproject.toml and, for setuptools, what setup.py and setup.cfg declare (`extra`, read as text, never run).
 */
export function detectBuild(doc: Table, backend: BackendInfo, normalizedName: string, extra?: ProjectFiles): BuildKind {
  // A backend building itself from its own tree (meson-python's `backend-path = ['.']`) is a pure-Python package:
  // build backends are, even those whose job is compiling other projects.
  if (backend.inTree && backend.backendName === normalizedName) return { kind: 'pure' };

  const builder = COMPILING_BACKENDS[backend.backendName];
  if (builder !== undefined) return { kind: 'compiled', builder, detail: `the ${backend.backendName} backend builds native code` };

  const setuptools = backend.backendName === 'setuptools';
  const requires = buildRequirementNames(doc);
  // setup.py only counts when setuptools builds the project: another backend never runs it.
  const setupPy = setuptools && extra?.setupPy !== undefined ? readSetupPy(extra.setupPy) : undefined;
  // setuptools-rust compiles Rust: the wheel jobs need a Rust toolchain.
  const rustTable = tableAt(doc, 'tool', 'setuptools-rust');
  if (requires.includes('setuptools-rust') || rustTable !== undefined || setupPy?.rust) {
    const detail = rustTable !== undefined ? '[tool.setuptools-rust] declares Rust extensions' : setupPy?.rust ? 'setup.py builds Rust extensions with setuptools-rust' : 'the build requires setuptools-rust';
    return { kind: 'compiled', builder: 'setuptools-rust', detail, rustConfigured: cibuildwheelInstallsRust(doc) };
  }

  const compiledBuilder = setuptools ? 'setuptools-extensions' : 'other';
  if (hasKey(tableAt(doc, 'tool', 'setuptools'), 'ext-modules')) {
    return { kind: 'compiled', builder: 'setuptools-extensions', detail: '[tool.setuptools] declares ext-modules' };
  }
  if (setupPy?.compiled) return { kind: 'compiled', builder: 'setuptools-extensions', detail: setupPy.compiled };
  const compiling = requires.find((name) => COMPILING_REQUIREMENTS.has(name));
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
  const doubt = compiledDoubt(doc, extra, setupPy !== undefined);
  return doubt ? { kind: 'pure', doubt } : { kind: 'pure' };
}

/**
 * Weak signs of compiled code in a project planned as pure: a classifier naming a compiled language, or native
 * sources in the package folder with nothing found that builds them. Not enough to decide: the user is asked.
 */
function compiledDoubt(doc: Table, extra: ProjectFiles | undefined, setupPyRead: boolean): string | undefined {
  const classifiers = [...stringsAt(tableAt(doc, 'project'), 'classifiers'), ...stringsAt(tableAt(doc, 'tool', 'poetry'), 'classifiers')];
  const fromCfg = extra?.setupCfg !== undefined ? readSetupCfg(extra.setupCfg).classifiers : [];
  const classifier = compiledLanguageClassifier(classifiers) ?? compiledLanguageClassifier(fromCfg);
  const sources = extra?.nativeSources ?? [];
  const shown = sources.slice(0, 3).join(', ') + (sources.length > 3 ? ` and ${sources.length - 3} more` : '');
  const signs = [
    ...(classifier ? [`${compiledLanguageClassifier(classifiers) ? 'pyproject.toml' : 'setup.cfg'} has the classifier "${classifier}"`] : []),
    ...(sources.length > 0 ? [`the package folder holds ${shown}`] : []),
  ];
  if (signs.length === 0) return undefined;
  const nothing = setupPyRead ? 'setup.py declares no extension module' : 'nothing in pyproject.toml builds native code';
  return `${signs.join(' and ')}, but ${nothing}`;
}

/** The project's own [tool.cibuildwheel] already installs Rust (rustup, or cargo on the PATH). */
function cibuildwheelInstallsRust(doc: Table): boolean {
  const table = tableAt(doc, 'tool', 'cibuildwheel');
  return table !== undefined && /rustup|\.cargo|cargo\/bin/.test(JSON.stringify(table));
}
