import * as assert from 'node:assert/strict';
import { poetryToSpecifier } from '../../../src/core/pyproject/requiresPython';

describe('poetryToSpecifier', () => {
  const cases: Array<[string, string | undefined]> = [
    ['^3.9', '>=3.9'],
    ['^3.8.1', '>=3.8.1'],
    ['~3.9', '>=3.9,<3.10'],
    ['~=3.9', '~=3.9'],
    ['>=3.9,<4.0', '>=3.9,<4.0'],
    ['>=3.8 <4.0', '>=3.8,<4.0'],
    ['>= 3.8, < 4', '>=3.8,<4'],
    ['3.11', '==3.11'],
    ['3.11.*', '==3.11.*'],
    ['=3.10', '==3.10'],
    ['^2.7 || ^3.6', '>=2.7'],
    ['*', undefined],
    ['', undefined],
  ];
  for (const [constraint, expected] of cases) {
    it(`${JSON.stringify(constraint)} -> ${expected}`, () => assert.equal(poetryToSpecifier(constraint), expected));
  }
});
