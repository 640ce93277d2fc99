import * as assert from 'node:assert/strict';
import { ENVIRONMENT_NAME_MAX, validateEnvironmentName } from '../../../src/core/publish';

describe('validateEnvironmentName (mirrors PyPI\'s GitHub publisher form)', () => {
  for (const ok of ['', 'pypi', 'testpypi', 'release', 'PyPI Production', 'prod/eu-1', 'release (manual)', 'déploiement', 'a'.repeat(255)]) {
    it(`accepts ${JSON.stringify(ok.length > 40 ? `${ok.slice(0, 10)}… (${ok.length})` : ok)}`, () => {
      assert.equal(validateEnvironmentName(ok), undefined);
    });
  }

  it('rejects names longer than 255 characters, counting code points', () => {
    assert.match(validateEnvironmentName('a'.repeat(ENVIRONMENT_NAME_MAX + 1)) ?? '', /too long/);
    // 255 emoji are 510 UTF-16 units but 255 characters for PyPI.
    assert.equal(validateEnvironmentName('🚀'.repeat(255)), undefined);
  });

  it('rejects leading and trailing spaces', () => {
    assert.match(validateEnvironmentName(' pypi') ?? '', /start with whitespace/);
    assert.match(validateEnvironmentName('pypi ') ?? '', /end with whitespace/);
  });

  for (const ch of ["'", '"', '`', ',', ';', '\\', '\t', '\n', '\x00', '\x1f', '\x7f']) {
    it(`rejects ${JSON.stringify(ch)}`, () => {
      assert.match(validateEnvironmentName(`py${ch}pi`) ?? '', /must not contain/);
    });
  }

  it('names punctuation in words: no "(found ,)" that reads as an empty list', () => {
    assert.match(validateEnvironmentName('py,pi') ?? '', /\(it has a comma\)\.$/);
    assert.match(validateEnvironmentName('py;pi') ?? '', /\(it has a semicolon\)\.$/);
    assert.doesNotMatch(validateEnvironmentName('py,pi') ?? '', /found/);
  });

  it('names a control character by its code point', () => {
    assert.match(validateEnvironmentName('a\tb') ?? '', /U\+0009/);
  });
});
