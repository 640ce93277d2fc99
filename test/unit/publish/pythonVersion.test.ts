import * as assert from 'node:assert/strict';
import { choosePythonVersion, DEFAULT_BUILD_PYTHON, PYTHON_MINORS } from '../../../src/core/publish';

describe('choosePythonVersion', () => {
  const newest = PYTHON_MINORS[PYTHON_MINORS.length - 1];

  const cases: Array<[string | undefined, string]> = [
    [undefined, newest],
    ['', newest],
    ['*', newest],
    ['>=3.9', newest],
    ['>= 3.9', newest],
    ['>=3.8', newest],
    ['>3.10', newest],
    ['<3.13', '3.12'],
    ['<=3.12', '3.12'],
    ['<=3.12.4', '3.11'],
    ['<3.12.2', '3.11'],
    ['>=3.9,<3.12', '3.11'],
    ['>=3.9, <3.12', '3.11'],
    [' >= 3.9 , < 3.12 ', '3.11'],
    ['>=3.10,<4', newest],
    ['>=3.10,<4.0', newest],
    ['==3.11.*', '3.11'],
    ['==3.11', '3.11'],
    ['==3.11.4', '3.11'],
    ['===3.10', '3.10'],
    ['==3.*', newest],
    ['~=3.10', newest],
    ['~=3.10.2', '3.10'],
    ['!=3.14.*', '3.13'],
    ['>=3.9,!=3.14.*,!=3.13.*', '3.12'],
    ['!=3.14', '3.13'],
    ['!=3.14.1', newest],
    ['>3.9,<3.10.5', '3.9'],
    ['<=3', newest],
    ['>=3', newest],
    // Poetry's python constraint, which the reader may pass through.
    ['^3.10', newest],
    ['~3.11', '3.11'],
    ['^3.9,<3.13', '3.12'],
  ];
  for (const [spec, expected] of cases) {
    it(`${JSON.stringify(spec)} -> ${expected}`, () => assert.equal(choosePythonVersion(spec), expected));
  }

  it('returns the lower bound when the project needs a Python newer than the list', () => {
    assert.equal(choosePythonVersion('>=3.15'), '3.15');
    assert.equal(choosePythonVersion('==3.16.*'), '3.16');
  });

  for (const bad of ['>=3.9 || <2', 'python3', '>=three', '~=3', '>=3.9.*', 'latest', '3.9', '>=3.10rc1', '>=3.9,,<4']) {
    it(`falls back to ${DEFAULT_BUILD_PYTHON} for unparseable ${JSON.stringify(bad)}`, () => {
      assert.equal(choosePythonVersion(bad), DEFAULT_BUILD_PYTHON);
    });
  }

  it('falls back when nothing satisfies and no newer lower bound exists', () => {
    assert.equal(choosePythonVersion('<3.8'), DEFAULT_BUILD_PYTHON);
    assert.equal(choosePythonVersion('>=3.12,<3.11'), DEFAULT_BUILD_PYTHON);
  });

  it('keeps the list sorted and the default in it', () => {
    const keys = PYTHON_MINORS.map((v) => Number(v.split('.')[1]));
    assert.deepEqual(keys, [...keys].sort((a, b) => a - b));
    assert.ok(PYTHON_MINORS.includes(DEFAULT_BUILD_PYTHON));
  });
});
