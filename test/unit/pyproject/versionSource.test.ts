import * as assert from 'node:assert/strict';
import { readProjectFacts, type VersionSource } from '../../../src/core/pyproject';
import { expectOk } from './fixtures';

const versionOf = (toml: string): VersionSource => expectOk(readProjectFacts(toml, '/repo/pyproject.toml')).version;
const dynamicProject = (name = 'demo') => `[project]\nname = "${name}"\ndynamic = ["version"]\n`;
const backend = (requires: string[], buildBackend: string) =>
  `[build-system]\nrequires = ${JSON.stringify(requires)}\nbuild-backend = "${buildBackend}"\n`;

describe('version source', () => {
  const cases: Array<{ title: string; toml: string; expected: VersionSource }> = [
    {
      title: 'a written [project] version is static',
      toml: '[project]\nname = "demo"\nversion = "1.2.3"\n',
      expected: { kind: 'static', value: '1.2.3' },
    },
    {
      title: 'setuptools_scm in the build requires',
      toml: backend(['setuptools>=64', 'setuptools-scm>=8'], 'setuptools.build_meta') + dynamicProject(),
      expected: { kind: 'dynamic', provider: 'setuptools_scm', fromVcs: true },
    },
    {
      title: 'an empty [tool.setuptools_scm] table',
      toml: backend(['setuptools'], 'setuptools.build_meta') + dynamicProject() + '[tool.setuptools_scm]\n',
      expected: { kind: 'dynamic', provider: 'setuptools_scm', fromVcs: true },
    },
    {
      title: 'hatch reading a file through `path`',
      toml: backend(['hatchling'], 'hatchling.build') + dynamicProject() + '[tool.hatch.version]\npath = "src/demo/__about__.py"\n',
      expected: { kind: 'dynamic', provider: 'file', fromVcs: false },
    },
    {
      title: 'hatch with uv-dynamic-versioning',
      toml: backend(['hatchling', 'uv-dynamic-versioning'], 'hatchling.build') + dynamicProject() + '[tool.hatch.version]\nsource = "uv-dynamic-versioning"\n',
      expected: { kind: 'dynamic', provider: 'uv-dynamic-versioning', fromVcs: true },
    },
    {
      title: 'pdm-backend reading a file',
      toml: backend(['pdm-backend'], 'pdm.backend') + dynamicProject() + '[tool.pdm.version]\nsource = "file"\npath = "src/demo/__init__.py"\n',
      expected: { kind: 'dynamic', provider: 'file', fromVcs: false },
    },
    {
      title: 'pdm-pep517 with use_scm',
      toml: backend(['pdm-pep517'], 'pdm.pep517.api') + dynamicProject() + '[tool.pdm]\nversion = { use_scm = true }\n',
      expected: { kind: 'dynamic', provider: 'pdm-backend scm', fromVcs: true },
    },
    {
      title: 'setuptools attr',
      toml: backend(['setuptools'], 'setuptools.build_meta') + dynamicProject() + '[tool.setuptools.dynamic]\nversion = { attr = "demo.__version__" }\n',
      expected: { kind: 'dynamic', provider: 'attr', fromVcs: false },
    },
    {
      title: 'setuptools file',
      toml: backend(['setuptools'], 'setuptools.build_meta') + dynamicProject() + '[tool.setuptools.dynamic]\nversion = { file = "VERSION" }\n',
      expected: { kind: 'dynamic', provider: 'file', fromVcs: false },
    },
    {
      title: 'setuptools attr wins over setuptools_scm in the requires',
      toml: backend(['setuptools', 'setuptools_scm'], 'setuptools.build_meta') + dynamicProject() + '[tool.setuptools.dynamic]\nversion = { attr = "demo.__version__" }\n',
      expected: { kind: 'dynamic', provider: 'attr', fromVcs: false },
    },
    {
      title: 'versioneer configured in [tool.versioneer]',
      toml: backend(['setuptools', 'versioneer[toml]'], 'setuptools.build_meta') + dynamicProject() + '[tool.versioneer]\nVCS = "git"\nstyle = "pep440"\nversionfile_source = "src/demo/_version.py"\ntag_prefix = "v"\n',
      expected: { kind: 'dynamic', provider: 'versioneer', fromVcs: true },
    },
    {
      title: 'versioningit',
      toml: backend(['setuptools', 'versioningit'], 'setuptools.build_meta') + dynamicProject() + '[tool.versioningit.vcs]\nmethod = "git"\n',
      expected: { kind: 'dynamic', provider: 'versioningit', fromVcs: true },
    },
    {
      title: 'flit reads __version__',
      toml: backend(['flit_core >=3.2,<4'], 'flit_core.buildapi') + dynamicProject(),
      expected: { kind: 'dynamic', provider: 'attr', fromVcs: false },
    },
    {
      title: 'maturin takes the Cargo.toml version',
      toml: backend(['maturin>=1,<2'], 'maturin') + dynamicProject(),
      expected: { kind: 'dynamic', provider: 'maturin (Cargo.toml)', fromVcs: false },
    },
    {
      title: 'scikit-build-core with its setuptools_scm provider',
      toml: backend(['scikit-build-core', 'setuptools-scm'], 'scikit_build_core.build') + dynamicProject() +
        '[tool.scikit-build]\nmetadata.version.provider = "scikit_build_core.metadata.setuptools_scm"\n',
      expected: { kind: 'dynamic', provider: 'setuptools_scm', fromVcs: true },
    },
    {
      title: 'meson-python takes the meson.build version',
      toml: backend(['meson-python'], 'mesonpy') + dynamicProject(),
      expected: { kind: 'dynamic', provider: 'meson.build', fromVcs: false },
    },
    {
      title: 'Poetry 2 with a dynamic [project] version kept in [tool.poetry]',
      toml: backend(['poetry-core>=2'], 'poetry.core.masonry.api') + dynamicProject() + '[tool.poetry]\nversion = "0.4.0"\n',
      expected: { kind: 'static', value: '0.4.0' },
    },
    {
      title: 'Poetry 2 with poetry-dynamic-versioning as a plugin',
      toml: backend(['poetry-core>=2'], 'poetry.core.masonry.api') + dynamicProject() +
        '[tool.poetry]\nversion = "0.0.0"\n[tool.poetry-dynamic-versioning]\nenable = true\n',
      expected: { kind: 'dynamic', provider: 'poetry-dynamic-versioning', fromVcs: true },
    },
    {
      title: 'legacy Poetry with a written version',
      toml: '[tool.poetry]\nname = "demo"\nversion = "3.0.0"\n',
      expected: { kind: 'static', value: '3.0.0' },
    },
    {
      title: 'a dynamic version nothing explains',
      toml: backend(['hatchling'], 'hatchling.build') + dynamicProject(),
      expected: { kind: 'dynamic', provider: 'unknown', fromVcs: false },
    },
  ];
  for (const { title, toml, expected } of cases) {
    it(title, () => assert.deepEqual(versionOf(toml), expected));
  }
});
