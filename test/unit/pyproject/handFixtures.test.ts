import * as assert from 'node:assert/strict';
import { readProjectFacts } from '../../../src/core/pyproject';
import { expectErr, expectOk, fixtureText } from './fixtures';

const read = (file: string) => readProjectFacts(fixtureText(`hand/${file}`), `/repo/${file}`);

describe('readProjectFacts on hand-written fixtures', () => {
  it('hatch-vcs: version from git tags', () => {
    const facts = expectOk(read('hatch-vcs.toml'));
    assert.equal(facts.name, 'Hatch_VCS.Example');
    assert.equal(facts.normalizedName, 'hatch-vcs-example');
    assert.equal(facts.backendName, 'hatchling');
    assert.deepEqual(facts.version, { kind: 'dynamic', provider: 'hatch-vcs', fromVcs: true });
    assert.deepEqual(facts.build, { kind: 'pure' });
  });

  it('pdm-backend scm: version from git tags', () => {
    const facts = expectOk(read('pdm-scm.toml'));
    assert.equal(facts.backendName, 'pdm-backend');
    assert.equal(facts.buildBackend, 'pdm.backend');
    assert.deepEqual(facts.version, { kind: 'dynamic', provider: 'pdm-backend scm', fromVcs: true });
    assert.equal(facts.requiresPython, '>=3.10');
  });

  it('poetry-dynamic-versioning: the placeholder version is not the version', () => {
    const facts = expectOk(read('poetry-dynamic-versioning.toml'));
    assert.equal(facts.name, 'poetry-dv-example');
    assert.equal(facts.nameSource, 'tool.poetry');
    assert.equal(facts.backendName, 'poetry-core');
    assert.deepEqual(facts.version, { kind: 'dynamic', provider: 'poetry-dynamic-versioning', fromVcs: true });
    assert.equal(facts.requiresPython, '>=3.9');
  });

  it('maturin: compiled, version from Cargo.toml', () => {
    const facts = expectOk(read('maturin-rust.toml'));
    assert.equal(facts.normalizedName, 'rusty-tool');
    assert.equal(facts.backendName, 'maturin');
    assert.deepEqual(facts.version, { kind: 'dynamic', provider: 'maturin (Cargo.toml)', fromVcs: false });
    assert.equal(facts.build.kind, 'compiled');
    assert.equal(facts.build.kind === 'compiled' && facts.build.builder, 'maturin');
  });

  it('Poetry 2 with [project]: name and version from [project]', () => {
    const facts = expectOk(read('poetry2-project.toml'));
    assert.deepEqual(facts, {
      name: 'poetry-two',
      normalizedName: 'poetry-two',
      nameSource: 'project',
      version: { kind: 'static', value: '2.1.0' },
      requiresPython: '>=3.9',
      buildBackend: 'poetry.core.masonry.api',
      backendName: 'poetry-core',
      build: { kind: 'pure' },
    });
  });

  it('TOML syntax error: 1-based line and column, and the reason', () => {
    const error = expectErr(read('syntax-error.toml'));
    assert.equal(error.kind, 'TomlSyntax');
    if (error.kind !== 'TomlSyntax') return;
    assert.equal(error.line, 4);
    assert.equal(error.column, 8);
    assert.equal(error.path, '/repo/syntax-error.toml');
    assert.equal(error.message, 'syntax-error.toml is not valid TOML at line 4, column 8: invalid value');
    // The offset points at the same character: the unquoted `m` of `my-package`.
    const text = fixtureText('hand/syntax-error.toml');
    assert.equal(text.slice(error.offset, error.offset + 10), 'my-package');
  });

  it('invalid name: quotes the name and says why', () => {
    const error = expectErr(read('invalid-name.toml'));
    assert.equal(error.kind, 'InvalidName');
    if (error.kind !== 'InvalidName') return;
    assert.equal(error.name, 'my package');
    assert.match(error.message, /"my package"/);
    assert.match(error.message, /contains a space/);
  });

  it('missing name: says where to add it', () => {
    const error = expectErr(read('missing-name.toml'));
    assert.equal(error.kind, 'MissingName');
    assert.match(error.message, /^pyproject\.toml has no \[project\] name: the \[project\] table has no `name`/);
    assert.match(error.message, /add `name = "your-project"` under \[project\]$/);
  });
});
