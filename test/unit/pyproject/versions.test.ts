import * as assert from 'node:assert/strict';
import { canonicalVersion, findVersion } from '../../../src/core/pyproject/versions';

// Expected forms as packaging.utils.canonicalize_version writes them (what warehouse compares releases by).
describe('canonicalVersion (PEP 440)', () => {
  it('one release, however it is spelled', () => {
    for (const spelling of ['1.0', '1.0.0', 'v1.0', 'V1.0.0', ' 1.00.0 ', '0!1.0', '01.0']) assert.equal(canonicalVersion(spelling), '1', spelling);
    assert.equal(canonicalVersion('1.10'), '1.10', 'a trailing zero inside a number is not a trailing .0');
    assert.equal(canonicalVersion('2!1.0'), '2!1');
  });

  it('pre-, post- and development releases in their one spelling', () => {
    const cases: Array<[string, string]> = [
      ['1.0RC1', '1rc1'],
      ['1.0-rc.1', '1rc1'],
      ['1.0c1', '1rc1'],
      ['1.0.0-preview2', '1rc2'],
      ['1.0alpha', '1a0'],
      ['1.0-beta-3', '1b3'],
      ['1.0-1', '1.post1'],
      ['1.0.post', '1.post0'],
      ['1.0-r2', '1.post2'],
      ['1.0rev03', '1.post3'],
      ['1.0.dev', '1.dev0'],
      ['1.0-dev-05', '1.dev5'],
      ['1.0a1.post2.dev3', '1a1.post2.dev3'],
      ['1.0+Ubuntu-1', '1+ubuntu.1'],
      ['1.0+abc.007', '1+abc.7'],
    ];
    for (const [spelling, canonical] of cases) assert.equal(canonicalVersion(spelling), canonical, spelling);
  });

  it('keeps different releases apart', () => {
    const distinct = ['1.0', '1.0.1', '1.0a1', '1.0b1', '1.0rc1', '1.0.post1', '1.0.dev1', '1.0+local', '1!1.0'];
    assert.equal(new Set(distinct.map(canonicalVersion)).size, distinct.length);
  });

  it('compares a string that is not a PEP 440 version as written, without case', () => {
    assert.equal(canonicalVersion(' Nightly-2024 '), 'nightly-2024');
    assert.equal(canonicalVersion('1.0-foo'), '1.0-foo');
  });
});

describe('findVersion', () => {
  it('finds an older release under another spelling, as the index spells it', () => {
    const released = ['0.9', '1.0', '1.1.0rc1', '1.2.0'];
    assert.equal(findVersion('1.0.0', released), '1.0');
    assert.equal(findVersion('1.1.0-rc.1', released), '1.1.0rc1');
    assert.equal(findVersion('1.1.0', released), undefined);
    assert.equal(findVersion('1.3.0', released), undefined);
  });
});
