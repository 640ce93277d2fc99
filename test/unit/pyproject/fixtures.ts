import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import type { Result } from '../../../src/core/result';

/** test/fixtures/pyproject, found from the compiled test in out/test/unit/pyproject. */
export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/pyproject');

export function fixtureText(relativePath: string): string {
  return readFileSync(path.join(FIXTURES, relativePath), 'utf8');
}

/** The value of an ok result; fails the test with the error when it is not ok. */
export function expectOk<T, E>(result: Result<T, E>): T {
  if (!result.ok) assert.fail(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The error of a failed result; fails the test with the value when it is ok. */
export function expectErr<T, E>(result: Result<T, E>): E {
  if (result.ok) assert.fail(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}
