import * as assert from 'node:assert/strict';
import { readProjectFacts } from '../../../src/core/pyproject';
import { expectErr, expectOk } from './fixtures';

const read = (toml: string) => readProjectFacts(toml, '/repo/pyproject.toml');

describe('where the name comes from', () => {
  it('[project] wins over [tool.poetry]', () => {
    const facts = expectOk(read('[project]\nname = "new"\nversion = "1"\n[tool.poetry]\nname = "old"\n'));
    assert.equal(facts.name, 'new');
    assert.equal(facts.nameSource, 'project');
  });

  it('old flit: dist-name, else the module', () => {
    assert.equal(expectOk(read('[tool.flit.metadata]\nmodule = "demo_mod"\n')).name, 'demo_mod');
    const facts = expectOk(read('[tool.flit.metadata]\nmodule = "demo_mod"\ndist-name = "demo-dist"\nrequires-python = ">=3.6"\n'));
    assert.equal(facts.name, 'demo-dist');
    assert.equal(facts.nameSource, 'tool.flit.metadata');
    assert.equal(facts.requiresPython, '>=3.6');
    assert.deepEqual(facts.version, { kind: 'dynamic', provider: 'attr', fromVcs: false });
  });

  it('an empty file has no name', () => {
    const error = expectErr(read(''));
    assert.equal(error.kind, 'MissingName');
    assert.match(error.message, /no \[project\] table/);
  });

  it('a name that is not a string is invalid', () => {
    const error = expectErr(read('[project]\nname = 42\n'));
    assert.equal(error.kind, 'InvalidName');
    assert.match(error.message, /\[project\] name is 42, not a string/);
  });

  it('a legacy name is validated too', () => {
    const error = expectErr(read('[tool.poetry]\nname = "bad name!"\nversion = "1"\n'));
    assert.equal(error.kind, 'InvalidName');
    assert.match(error.message, /\[tool\.poetry\] name "bad name!"/);
  });

  it('a syntax error on a CRLF file still has the right position', () => {
    const text = '[project]\r\nname = "x"\r\nversion = 1.0.0\r\n';
    const error = expectErr(read(text));
    assert.equal(error.kind, 'TomlSyntax');
    if (error.kind !== 'TomlSyntax') return;
    assert.equal(error.line, 3);
    assert.equal(text.split(/\r?\n/)[2][error.column - 1], text[error.offset]);
    assert.match(error.message, /^pyproject\.toml is not valid TOML at line 3, column \d+: /);
  });
});
