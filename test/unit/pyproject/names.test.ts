import * as assert from 'node:assert/strict';
import { normalizeName, validateName } from '../../../src/core/pyproject';

describe('normalizeName (PEP 503)', () => {
  const cases: Array<[string, string]> = [
    ['Flask-SQLAlchemy', 'flask-sqlalchemy'],
    ['jaraco.functools', 'jaraco-functools'],
    ['Foo__Bar', 'foo-bar'],
    ['a.-_b', 'a-b'],
    ['zope.interface', 'zope-interface'],
    ['2sio', '2sio'],
  ];
  for (const [name, expected] of cases) {
    it(`${name} -> ${expected}`, () => assert.equal(normalizeName(name), expected));
  }
});

describe('validateName', () => {
  for (const name of ['requests', 'Flask-SQLAlchemy', 'jaraco.functools', '2sio', 'a', 'A1', 'x_y.z-w']) {
    it(`accepts ${name}`, () => assert.equal(validateName(name), undefined));
  }

  const invalid: Array<[string, RegExp]> = [
    ['', /empty/],
    ['my package', /contains a space/],
    [' requests', /white space/],
    ['café', /contains "é"/],
    ['foo/bar', /contains "\/"/],
    ['-foo', /start and end with an ASCII letter or digit/],
    ['foo.', /start and end/],
    ['_', /start and end/],
  ];
  for (const [name, reason] of invalid) {
    it(`rejects ${JSON.stringify(name)}`, () => assert.match(validateName(name) ?? 'accepted', reason));
  }
});
