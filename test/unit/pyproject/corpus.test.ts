import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { readProjectFacts } from '../../../src/core/pyproject';
import { expectErr, expectOk, FIXTURES, fixtureText } from './fixtures';

interface Expected {
  name: string;
  normalizedName: string;
  nameSource: 'project' | 'tool.poetry' | 'tool.pdm' | 'tool.flit.metadata';
  backendName: string;
  build: 'pure' | 'compiled';
  /** 'static' or the dynamic provider. */
  version: 'static' | { provider: string; fromVcs: boolean };
}

// One row per real-world file in test/fixtures/pyproject (see SOURCES.tsv for where each comes from). The expected
// values come from reading each file; the comments say why where it is not obvious.
const CORPUS: Record<string, Expected | { error: 'MissingName' }> = {
  // No [build-system]: frontends fall back to setuptools' legacy backend. `dynamic = []` is empty, so static.
  '0b01001001__spectree__root__pyproject.toml': {
    name: 'spectree', normalizedName: 'spectree', nameSource: 'project', backendName: 'setuptools', build: 'pure', version: 'static',
  },
  '0xarchit__tg-logging-handler__root__pyproject.toml': {
    name: 'tg-logging-handler', normalizedName: 'tg-logging-handler', nameSource: 'project', backendName: 'hatchling', build: 'pure', version: 'static',
  },
  // pybind11 and numpy in the build requires, and [tool.cibuildwheel]: C++ extensions.
  '0zean__fastgoertzel__root__pyproject.toml': {
    name: 'fastgoertzel', normalizedName: 'fastgoertzel', nameSource: 'project', backendName: 'setuptools', build: 'compiled', version: 'static',
  },
  // Monorepo sub-package; a name starting with a digit is valid.
  '2s-io__sdk__packages_python__pyproject.toml': {
    name: '2sio', normalizedName: '2sio', nameSource: 'project', backendName: 'hatchling', build: 'pure', version: 'static',
  },
  // Only tool configuration: the metadata is in setup.py.
  'AgnostiqHQ__covalent__root__pyproject.toml': { error: 'MissingName' },
  // In-tree 'bootstrap' backend wrapping setuptools + setuptools-rust; its setup.py supplies the version.
  'PyO3__maturin__root__pyproject.toml': {
    name: 'maturin', normalizedName: 'maturin', nameSource: 'project', backendName: 'setuptools', build: 'compiled',
    version: { provider: 'setup.py', fromVcs: false },
  },
  // Pre-PEP 621 PDM: name in [tool.pdm], version read from marko/__init__.py.
  'frostming__marko__root__pyproject.toml': {
    name: 'marko', normalizedName: 'marko', nameSource: 'tool.pdm', backendName: 'pdm', build: 'pure',
    version: { provider: 'file', fromVcs: false },
  },
  'jaraco__jaraco.functools__root__pyproject.toml': {
    name: 'jaraco.functools', normalizedName: 'jaraco-functools', nameSource: 'project', backendName: 'setuptools', build: 'pure',
    version: { provider: 'setuptools_scm', fromVcs: true },
  },
  'langchain-ai__langchain__libs_core__pyproject.toml': {
    name: 'langchain-core', normalizedName: 'langchain-core', nameSource: 'tool.poetry', backendName: 'poetry-core', build: 'pure', version: 'static',
  },
  // meson-python builds itself (backend-path = ['.']) and is a pure-Python package.
  'mesonbuild__meson-python__root__pyproject.toml': {
    name: 'meson-python', normalizedName: 'meson-python', nameSource: 'project', backendName: 'meson-python', build: 'pure', version: 'static',
  },
  'pallets-eco__flask-sqlalchemy__root__pyproject.toml': {
    name: 'Flask-SQLAlchemy', normalizedName: 'flask-sqlalchemy', nameSource: 'project', backendName: 'pdm-pep517', build: 'pure',
    version: { provider: 'file', fromVcs: false },
  },
  'psf__requests__root__pyproject.toml': {
    name: 'requests', normalizedName: 'requests', nameSource: 'project', backendName: 'setuptools', build: 'pure',
    version: { provider: 'attr', fromVcs: false },
  },
  'python-attrs__attrs__root__pyproject.toml': { error: 'MissingName' },
  'wjakob__nanobind_example__root__pyproject.toml': {
    name: 'tvbk', normalizedName: 'tvbk', nameSource: 'project', backendName: 'scikit-build-core', build: 'compiled', version: 'static',
  },
};

describe('readProjectFacts on the real-world corpus', () => {
  it('covers every corpus fixture', () => {
    const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.toml')).sort();
    assert.deepEqual(Object.keys(CORPUS).sort(), files);
  });

  for (const [file, expected] of Object.entries(CORPUS)) {
    it(file, () => {
      const result = readProjectFacts(fixtureText(file), `/repo/${file}`);
      if ('error' in expected) {
        const error = expectErr(result);
        assert.equal(error.kind, expected.error);
        assert.match(error.message, /add `name = "[^"]+"` under \[project\]/);
        return;
      }
      const facts = expectOk(result);
      assert.equal(facts.name, expected.name);
      assert.equal(facts.normalizedName, expected.normalizedName);
      assert.equal(facts.nameSource, expected.nameSource);
      assert.equal(facts.backendName, expected.backendName);
      assert.equal(facts.build.kind, expected.build);
      if (expected.version === 'static') {
        assert.equal(facts.version.kind, 'static');
      } else {
        assert.deepEqual(facts.version, { kind: 'dynamic', ...expected.version });
      }
    });
  }
});

describe('readProjectFacts corpus details', () => {
  const facts = (file: string) => expectOk(readProjectFacts(fixtureText(file), `/repo/${file}`));

  it('keeps the written static version', () => {
    assert.deepEqual(facts('0xarchit__tg-logging-handler__root__pyproject.toml').version, { kind: 'static', value: '0.1.0.dev0' });
    assert.deepEqual(facts('langchain-ai__langchain__libs_core__pyproject.toml').version, { kind: 'static', value: '0.3.10' });
    assert.deepEqual(facts('mesonbuild__meson-python__root__pyproject.toml').version, { kind: 'static', value: '0.19.0.dev0' });
  });

  it('reports no build-backend when [build-system] is missing', () => {
    const spectree = facts('0b01001001__spectree__root__pyproject.toml');
    assert.equal(spectree.buildBackend, undefined);
    assert.equal('buildBackend' in spectree, false);
  });

  it('keeps the backend string as written', () => {
    assert.equal(facts('PyO3__maturin__root__pyproject.toml').buildBackend, 'bootstrap');
    assert.equal(facts('mesonbuild__meson-python__root__pyproject.toml').buildBackend, 'mesonpy');
  });

  it('reads requires-python from [project] or converts Poetry\'s python dependency', () => {
    assert.equal(facts('psf__requests__root__pyproject.toml').requiresPython, '>=3.10');
    assert.equal(facts('langchain-ai__langchain__libs_core__pyproject.toml').requiresPython, '>=3.9,<4.0');
    assert.equal(facts('frostming__marko__root__pyproject.toml').requiresPython, '>=2.7,!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.*');
  });

  it('says why a project is compiled', () => {
    assert.deepEqual(facts('0zean__fastgoertzel__root__pyproject.toml').build, {
      kind: 'compiled', builder: 'setuptools-extensions', detail: 'the build requires pybind11',
    });
    assert.deepEqual(facts('PyO3__maturin__root__pyproject.toml').build, {
      kind: 'compiled', builder: 'setuptools-rust', detail: 'the build requires setuptools-rust', rustConfigured: false,
    });
    assert.deepEqual(facts('wjakob__nanobind_example__root__pyproject.toml').build, {
      kind: 'compiled', builder: 'scikit-build-core', detail: 'the scikit-build-core backend builds native code',
    });
  });
});

describe('corpus SOURCES.tsv', () => {
  it('names the repository, path and commit of every copied file', () => {
    const [header, ...rows] = fixtureText('SOURCES.tsv').trimEnd().split('\n').map((line) => line.split('\t'));
    assert.deepEqual(header.slice(0, 4), ['file', 'repo', 'path', 'commit']);
    const byFile = new Map(rows.map((row) => [row[0], row]));
    for (const file of readdirSync(FIXTURES).filter((name) => name.endsWith('.toml'))) {
      const row = byFile.get(`pyproject/${file}`);
      assert.ok(row, `${file} has no row in SOURCES.tsv`);
      assert.match(row[1], /^[^/\s]+\/[^/\s]+$/, `${file}: repo`);
      assert.ok(row[2].endsWith('pyproject.toml'), `${file}: path`);
      assert.match(row[3], /^[0-9a-f]{40}$/, `${file}: commit`);
    }
  });
});
