import * as assert from 'node:assert/strict';
import { globsIntersect } from '../../../src/core/lint/artifacts';
import { lintWorkflow } from '../../../src/core/lint';

/** A release workflow whose artifact names are whatever a hostile file wants them to be. */
const artifactWorkflow = (uploadName: string, downloadPattern: string) => `on:
  release:
    types: [published]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: python -m build
      - uses: actions/upload-artifact@v4
        with:
          name: "${uploadName}"
          path: dist/
  publish:
    needs: [build]
    runs-on: ubuntu-latest
    environment: pypi
    permissions:
      id-token: write
    steps:
      - uses: actions/download-artifact@v4
        with:
          pattern: "${downloadPattern}"
          path: dist/
      - uses: pypa/gh-action-pypi-publish@release/v1
`;

describe('hostile input: artifact-name globs', () => {
  it('long star-heavy globs are compared in bounded time and without deep recursion', () => {
    const star = 'a*'.repeat(4250); // 8.5 KB: took 50 s and 2.4 GB with the recursive matcher
    const started = Date.now();
    assert.equal(globsIntersect(star, 'b*'.repeat(5250)), true, 'past the length bound a glob counts as *');
    lintWorkflow(artifactWorkflow(star, 'a*'.repeat(5250)));
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('brace alternatives are bounded too', () => {
    const braces = '{a,b}'.repeat(40); // 2^40 alternatives if expanded
    const started = Date.now();
    assert.equal(globsIntersect(braces, 'zzz'), true, 'too many alternatives: counts as *');
    assert.ok(Date.now() - started < 500);
  });

  it('the bounded matcher still tells real names apart', () => {
    assert.equal(globsIntersect('wheels-{linux,macos}-*', 'wheels-windows-x64'), false);
    assert.equal(globsIntersect(`${'x'.repeat(200)}*`, `${'x'.repeat(200)}-sdist`), true);
    assert.equal(globsIntersect(`${'x'.repeat(200)}-a*`, `${'x'.repeat(200)}-b`), false);
  });
});
