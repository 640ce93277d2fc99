import type { BackendInfo } from './backend';
import { buildRequirementNames } from './requirements';
import { asTable, hasKey, stringAt, stringsAt, tableAt, type Table } from './tomlValues';
import type { VersionSource } from './types';

/**
 * Whether the version is written in the file or computed at build time, and by what. It matters for publishing: a
 * version from git tags needs the full history in CI (`fetch-depth: 0`), or every build gets a 0.1.dev version.
 */
export function detectVersion(doc: Table, backend: BackendInfo): VersionSource {
  const project = tableAt(doc, 'project');
  const poetry = tableAt(doc, 'tool', 'poetry');
  const poetryPlugin = usesPoetryDynamicVersioning(doc);

  if (project !== undefined) {
    const declaredDynamic = stringsAt(project, 'dynamic').includes('version');
    const written = stringAt(project, 'version');
    if (written !== undefined && !declaredDynamic) return { kind: 'static', value: written };
    // Poetry 2 accepts `dynamic = ["version"]` with the version itself kept in [tool.poetry].
    const poetryVersion = stringAt(poetry, 'version');
    if (isPoetry(backend) && !poetryPlugin && poetryVersion !== undefined) return { kind: 'static', value: poetryVersion };
    return dynamicSource(doc, backend);
  }

  // No [project] table: the legacy tool tables hold the version.
  if (poetryPlugin) return dynamicSource(doc, backend);
  const legacyVersion = stringAt(poetry, 'version') ?? stringAt(tableAt(doc, 'tool', 'pdm'), 'version');
  if (legacyVersion !== undefined) return { kind: 'static', value: legacyVersion };
  return dynamicSource(doc, backend);
}

type Detector = (doc: Table, backend: BackendInfo, requires: string[]) => VersionSource | undefined;

const dynamic = (provider: string, fromVcs: boolean): VersionSource => ({ kind: 'dynamic', provider, fromVcs });

// Explicit configuration first (a backend's own version table says exactly where the version comes from), then
// plugins recognised by their table or build requirement, then each backend's default for a dynamic version.
const DETECTORS: Detector[] = [
  (_doc, backend) => (backend.backendName === 'maturin' ? dynamic('maturin (Cargo.toml)', false) : undefined),
  hatchVersion,
  pdmVersion,
  setuptoolsDynamicVersion,
  scikitBuildVersion,
  (doc) => (usesPoetryDynamicVersioning(doc) ? dynamic('poetry-dynamic-versioning', true) : undefined),
  (doc) => (hasKey(tableAt(doc, 'tool'), 'uv-dynamic-versioning') ? dynamic('uv-dynamic-versioning', true) : undefined),
  (doc, _b, requires) =>
    hasKey(tableAt(doc, 'tool'), 'versioningit') || requires.includes('versioningit') ? dynamic('versioningit', true) : undefined,
  (doc, _b, requires) =>
    hasKey(tableAt(doc, 'tool'), 'setuptools_scm') || hasKey(tableAt(doc, 'tool'), 'setuptools-scm') || requires.includes('setuptools-scm')
      ? dynamic('setuptools_scm', true)
      : undefined,
  (doc, _b, requires) =>
    tableAt(doc, 'tool', 'setuptools-git-versioning')?.['enabled'] === true || requires.includes('setuptools-git-versioning')
      ? dynamic('setuptools-git-versioning', true)
      : undefined,
  // versioneer writes `_version.py`, which reads `git describe` (configured in [tool.versioneer] since 0.23).
  (doc, _b, requires) =>
    hasKey(tableAt(doc, 'tool'), 'versioneer') || requires.includes('versioneer') ? dynamic('versioneer', true) : undefined,
  // pbr derives the version from git tags unless setup.cfg pins it.
  (_doc, backend) => (backend.backendName === 'pbr' ? dynamic('pbr', true) : undefined),
  // flit reads `__version__` from the module (and old flit always does).
  (doc, backend) =>
    backend.backendName === 'flit-core' || backend.backendName === 'flit' || tableAt(doc, 'tool', 'flit', 'metadata') !== undefined
      ? dynamic('attr', false)
      : undefined,
  (_doc, backend) => (backend.backendName === 'meson-python' ? dynamic('meson.build', false) : undefined),
  // Setuptools without [tool.setuptools.dynamic] takes a dynamic version from setup.py (or setup.cfg).
  (_doc, backend) => (backend.backendName === 'setuptools' ? dynamic('setup.py', false) : undefined),
];

function dynamicSource(doc: Table, backend: BackendInfo): VersionSource {
  const requires = buildRequirementNames(doc);
  for (const detect of DETECTORS) {
    const found = detect(doc, backend, requires);
    if (found) return found;
  }
  return dynamic('unknown', false);
}

/** hatchling's `[tool.hatch.version]`: `source` names a plugin; the default 'regex' source reads `path`. */
function hatchVersion(doc: Table): VersionSource | undefined {
  const table = tableAt(doc, 'tool', 'hatch', 'version');
  if (table === undefined) return undefined;
  const source = stringAt(table, 'source') ?? 'regex';
  switch (source) {
    case 'vcs':
      return dynamic('hatch-vcs', true);
    case 'uv-dynamic-versioning':
    case 'versioningit':
      return dynamic(source, true);
    case 'regex':
    case 'code':
    case 'regex_commit':
      return dynamic('file', false);
    default:
      // A third-party plugin: trust its name to tell whether it reads git.
      return dynamic(`hatch ${source}`, /vcs|git|scm/i.test(source));
  }
}

/**
 * pdm-backend's `[tool.pdm.version]` table (`source = "scm" | "file" | "call"`), and pdm-pep517 / pre-PEP 621 PDM's
 * `[tool.pdm] version = { source = ..., path = ... }` or `{ use_scm = true }` / `{ from = "pkg/__init__.py" }`.
 */
function pdmVersion(doc: Table): VersionSource | undefined {
  const table = asTable(tableAt(doc, 'tool', 'pdm')?.['version']);
  if (table === undefined) return undefined;
  const source = stringAt(table, 'source');
  if (source === 'scm' || table['use_scm'] === true) return dynamic('pdm-backend scm', true);
  if (source === 'file' || stringAt(table, 'path') !== undefined || stringAt(table, 'from') !== undefined) return dynamic('file', false);
  if (source === 'call') return dynamic('pdm-backend call', false);
  return dynamic(source ? `pdm ${source}` : 'unknown', false);
}

/** `[tool.setuptools.dynamic] version = { attr = "pkg.__version__" }` or `{ file = "VERSION" }`. */
function setuptoolsDynamicVersion(doc: Table): VersionSource | undefined {
  const table = asTable(tableAt(doc, 'tool', 'setuptools', 'dynamic')?.['version']);
  if (table === undefined) return undefined;
  if (hasKey(table, 'attr')) return dynamic('attr', false);
  if (hasKey(table, 'file')) return dynamic('file', false);
  return undefined;
}

/** scikit-build-core's `[tool.scikit-build.metadata.version] provider = "scikit_build_core.metadata.<name>"`. */
function scikitBuildVersion(doc: Table): VersionSource | undefined {
  const provider = stringAt(tableAt(doc, 'tool', 'scikit-build', 'metadata', 'version'), 'provider');
  if (provider === undefined) return undefined;
  if (/setuptools_scm/.test(provider)) return dynamic('setuptools_scm', true);
  if (/regex/.test(provider)) return dynamic('file', false);
  return dynamic(provider, false);
}

/** The Poetry plugin that replaces the placeholder version with one from git tags (through dunamai). */
function usesPoetryDynamicVersioning(doc: Table): boolean {
  return (
    tableAt(doc, 'tool', 'poetry-dynamic-versioning')?.['enable'] === true ||
    stringAt(tableAt(doc, 'build-system'), 'build-backend') === 'poetry_dynamic_versioning.backend'
  );
}

function isPoetry(backend: BackendInfo): boolean {
  return backend.backendName === 'poetry-core' || backend.backendName === 'poetry';
}
