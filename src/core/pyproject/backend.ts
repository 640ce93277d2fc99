import { buildRequirementNames } from './requirements';
import { stringAt, stringsAt, tableAt, type Table } from './tomlValues';

export interface BackendInfo {
  /** `build-system.build-backend` as written, or undefined when absent. */
  buildBackend?: string;
  /** Short human name, e.g. 'hatchling', 'setuptools', 'maturin'. */
  backendName: string;
  /** `backend-path` is set: the backend is imported from the project's own tree (self-hosting or a wrapper). */
  inTree: boolean;
}

// Backend object references (PEP 517 `module:object`) mapped to the name of the distribution that provides them.
const KNOWN_BACKENDS: Readonly<Record<string, string>> = {
  'hatchling.build': 'hatchling',
  'hatchling.ouroboros': 'hatchling',
  'setuptools.build_meta': 'setuptools',
  'setuptools.build_meta:__legacy__': 'setuptools',
  'poetry.core.masonry.api': 'poetry-core',
  'poetry.masonry.api': 'poetry',
  // poetry-dynamic-versioning's backend only patches the version, then delegates to poetry-core.
  'poetry_dynamic_versioning.backend': 'poetry-core',
  'flit_core.buildapi': 'flit-core',
  'flit.buildapi': 'flit',
  'pdm.backend': 'pdm-backend',
  'pdm.pep517.api': 'pdm-pep517',
  'pdm.builders.api': 'pdm',
  maturin: 'maturin',
  'scikit_build_core.build': 'scikit-build-core',
  'scikit_build_core.setuptools.build_meta': 'scikit-build-core',
  mesonpy: 'meson-python',
  uv_build: 'uv-build',
  'sipbuild.api': 'sip',
  'py_build_cmake.build': 'py-build-cmake',
  'pbr.build': 'pbr',
  'enscons.api': 'enscons',
  'jupyter_packaging.build_api': 'jupyter-packaging',
  whey: 'whey',
};

/** Which PEP 517 backend builds the project. */
export function identifyBackend(doc: Table): BackendInfo {
  const buildSystem = tableAt(doc, 'build-system');
  const buildBackend = stringAt(buildSystem, 'build-backend')?.trim();
  const inTree = stringsAt(buildSystem, 'backend-path').length > 0;
  // PEP 517: without a build-backend, frontends use setuptools' legacy backend (which runs setup.py).
  if (!buildBackend) return { buildBackend: undefined, backendName: 'setuptools', inTree: false };

  const known = KNOWN_BACKENDS[buildBackend] ?? KNOWN_BACKENDS[buildBackend.split(':')[0]];
  // A known module wins even with backend-path: meson-python builds itself from `backend-path = ['.']`.
  if (known) return { buildBackend, backendName: known, inTree };

  const requires = buildRequirementNames(doc);
  // An in-tree wrapper (maturin's 'bootstrap') names no distribution; the first requirement is what it wraps.
  if (inTree) return { buildBackend, backendName: requires[0] ?? 'in-tree', inTree };

  // An unknown backend usually ships in a requirement named like its top-level module (`foo_build.api` in foo-build,
  // `sipbuild.api` in sip): prefer that requirement's name, else the module's.
  const topModule = buildBackend.split(/[.:]/)[0].toLowerCase().replace(/_/g, '-');
  const squash = (name: string) => name.replace(/-/g, '');
  const provider = requires.find((name) => squash(topModule).startsWith(squash(name)));
  return { buildBackend, backendName: provider ?? topModule, inTree };
}
