import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { memoryFiles } from '../../../src/core/files';
import { readProjectFacts, readPyprojectFile } from '../../../src/core/pyproject';
import { readProjectFiles, readSetupCfg, readSetupPy } from '../../../src/core/pyproject/setupFiles';
import { expectOk } from './fixtures';

const hatch = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "thing"\nversion = "1.0"\n';
const setuptools = (extra = '') => `[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "thing"\nversion = "1.0"\n${extra}`;

describe('setup.py and setup.cfg, read without running them', () => {
  it('finds extension modules the ways setup.py declares them', () => {
    assert.match(readSetupPy('from setuptools import Extension, setup\nsetup(ext_modules=[Extension("a._b", ["src/a/_b.c"])])\n').compiled ?? '', /declares Extension\("a\._b", \["src\/a\/_b\.c"\]\)/);
    assert.match(readSetupPy('from pybind11.setup_helpers import Pybind11Extension\nsetup(ext_modules=[Pybind11Extension("x", ["x.cpp"])])').compiled ?? '', /Pybind11Extension/);
    assert.match(readSetupPy('from Cython.Build import cythonize\nsetup(ext_modules=cythonize("src/*.pyx"))').compiled ?? '', /cythonize/);
    assert.match(readSetupPy('setup(cffi_modules=["build_ffi.py:ffi"])').compiled ?? '', /cffi/);
    assert.match(readSetupPy('exts = make_extensions()\nsetup(ext_modules=exts)').compiled ?? '', /ext_modules=/);
    const rust = readSetupPy('from setuptools_rust import RustExtension\nsetup(rust_extensions=[RustExtension("x._x")])');
    assert.equal(rust.rust, true);
  });

  it('does not take a plain setup.py, an empty ext_modules or a commented-out extension for compiled code', () => {
    assert.equal(readSetupPy('from setuptools import setup\n\nsetup()\n').compiled, undefined);
    assert.equal(readSetupPy('setup(ext_modules=[])').compiled, undefined);
    assert.equal(readSetupPy('# setup(ext_modules=[Extension("a", ["a.c"])])\nsetup()').compiled, undefined);
    // A class deriving from Extension is a kind of extension; only a call declares one.
    assert.equal(readSetupPy('class CMakeExtension(Extension):\n    pass\nsetup()').compiled, undefined);
    assert.match(readSetupPy('class CMakeExtension(Extension):\n    pass\nsetup(ext_modules=[CMakeExtension("x")])').compiled ?? '', /CMakeExtension\("x"\)/);
  });

  it('reads [metadata] name, a literal version and classifiers from setup.cfg', () => {
    const cfg = readSetupCfg('[metadata]\nname = pkg-x\nversion = attr: pkg.__version__\nclassifiers =\n    Programming Language :: C\n    Programming Language :: Python :: 3\n\n[options]\nname = not-this\n');
    assert.deepEqual(cfg, { name: 'pkg-x', classifiers: ['Programming Language :: C', 'Programming Language :: Python :: 3'] });
    assert.equal(readSetupCfg('[metadata]\nname: pkg\nversion: 2.0\n').version, '2.0');
  });

  it('only reads setup.py when setuptools builds the project', () => {
    const setupPy = 'setup(ext_modules=[Extension("a", ["a.c"])])';
    assert.equal(expectOk(readProjectFacts(setuptools(), '/p/pyproject.toml', { setupPy, nativeSources: ['a.c'] })).build.kind, 'compiled');
    const other = expectOk(readProjectFacts(hatch, '/p/pyproject.toml', { setupPy, nativeSources: [] })).build;
    assert.deepEqual(other, { kind: 'pure' });
  });

  it('asks instead of deciding on weak signs: a C classifier, or C sources nothing builds', () => {
    const classifier = expectOk(readProjectFacts(setuptools('classifiers = ["Programming Language :: C"]\n'), '/p/pyproject.toml', { nativeSources: [] })).build;
    assert.equal(classifier.kind, 'pure');
    assert.match(classifier.kind === 'pure' ? (classifier.doubt ?? '') : '', /classifier "Programming Language :: C"/);
    const sources = expectOk(readProjectFacts(hatch, '/p/pyproject.toml', { nativeSources: ['src/thing/fast.c'] })).build;
    assert.match(sources.kind === 'pure' ? (sources.doubt ?? '') : '', /src\/thing\/fast\.c/);
    assert.deepEqual(expectOk(readProjectFacts(hatch, '/p/pyproject.toml', { nativeSources: [] })).build, { kind: 'pure' });
  });

  it('scans the package folder for sources, skipping tests, docs and hidden folders, and counts Rust only with a Cargo.toml', async () => {
    const root = path.resolve('/repo');
    const files = memoryFiles({
      [path.join(root, 'pyproject.toml')]: hatch,
      [path.join(root, 'src', 'thing', 'fast.pyx')]: '',
      [path.join(root, 'tests', 'fixture.c')]: '',
      [path.join(root, '.venv', 'lib', 'x.c')]: '',
      [path.join(root, 'tools', 'script.rs')]: '',
    });
    const found = await readProjectFiles(path.join(root, 'pyproject.toml'), files);
    assert.deepEqual(found.nativeSources, ['src/thing/fast.pyx']);
    const facts = expectOk(await readPyprojectFile(path.join(root, 'pyproject.toml'), files));
    assert.match(facts.build.kind === 'pure' ? (facts.build.doubt ?? '') : '', /fast\.pyx/);
  });
});
