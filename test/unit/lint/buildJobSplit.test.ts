import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { applyEdits, lintWorkflow } from '../../../src/core/lint';

/**
 * build-in-publish-job's fix: the build moves into a job of its own, as the PyPA guide lays a release out. What a
 * maintainer would check in the result: the upload job waits for the build, takes its files from it under one name,
 * keeps what its own steps still read, and nothing of the move happens where it needs their decision.
 */
const RULE = 'build-in-publish-job';
const lines = (...l: string[]) => `${l.join('\n')}\n`;
const head = ['on:', '  push:', "    tags: ['v*']", 'jobs:'];
const fixOf = (text: string) => lintWorkflow(text).findings.find((f) => f.ruleId === RULE)?.fixes?.[0];

function applied(text: string): string {
  const fix = fixOf(text);
  assert.ok(fix, 'a fix is offered');
  const fixed = applyEdits(text, fix.edits);
  assert.deepEqual(parseDocument(fixed).errors, []);
  assert.deepEqual(lintWorkflow(fixed).findings.filter((f) => f.ruleId === RULE), [], 'the finding is gone');
  assert.deepEqual(lintWorkflow(fixed).findings.filter((f) => f.ruleId === 'artifact-mismatch' || f.ruleId === 'publish-without-needs'), []);
  return fixed;
}

describe('build-in-publish-job: moving the build into its own job', () => {
  it('with the PyPA action, the upload job keeps only the download and what follows the build', () => {
    const text = lines(
      ...head,
      '  # Publishes on tags',
      '  pypi:',
      '    runs-on: ubuntu-latest',
      '    environment: pypi',
      '    permissions:',
      '      id-token: write',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: pipx run build',
      '      # the upload',
      '      - uses: pypa/gh-action-pypi-publish@release/v1',
    );
    const fixed = applied(text);
    const [build, pypi] = fixed.split('  # Publishes on tags\n');
    assert.match(build, /  build:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - uses: actions\/checkout@v4\n        with:\n          persist-credentials: false\n      - run: pipx run build\n      - uses: actions\/upload-artifact@/);
    assert.doesNotMatch(build, /id-token|environment/, 'the build job gets no publishing permission or environment');
    // The comment above the upload job stays above it, and the one above the upload step too.
    assert.match(pypi, /^  pypi:\n/);
    assert.match(pypi, /needs: \[build\]/);
    assert.match(pypi, /steps:\n      - uses: actions\/download-artifact@[0-9a-f]{40} # v[\d.]+\n        with:\n          name: python-package-distributions\n          path: dist\/\n      # the upload\n      - uses: pypa\/gh-action-pypi-publish@release\/v1\n$/);
  });

  it('with twine, the upload job keeps the steps that install it, and the folder twine uploads from is handed over', () => {
    const text = lines(
      ...head,
      '  release:',
      '    runs-on: ubuntu-22.04',
      '    needs: test',
      "    if: github.repository == 'o/r'",
      '    steps:',
      '      - uses: actions/setup-python@v5',
      '      - run: pip install build twine',
      '      - run: python -m build --outdir wheelhouse',
      '      - run: twine upload --skip-existing wheelhouse/*',
      '        env:',
      '          TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: pytest',
    );
    const fixed = applied(text);
    assert.match(fixed, /  build:\n    runs-on: ubuntu-22.04\n    needs: test\n    if: github.repository == 'o\/r'\n    permissions:\n      contents: read\n/);
    assert.match(fixed, /path: wheelhouse\/\n[\s\S]*  release:[\s\S]*needs: \[test, build\][\s\S]*- uses: actions\/setup-python@v5\n      - run: pip install build twine\n      - uses: actions\/download-artifact@[\s\S]*path: wheelhouse\/\n      - run: twine upload/);
    assert.doesNotMatch(fixed.slice(0, fixed.indexOf('  release:')), /secrets\./, 'the token stays with the upload');
  });

  it('keeps a step whose outputs a later step reads in the upload job', () => {
    const text = lines(
      ...head,
      '  publish:',
      '    runs-on: ubuntu-latest',
      '    permissions:',
      '      id-token: write',
      '    environment: pypi',
      '    steps:',
      '      - id: meta',
      '        run: echo "url=https://pypi.org/p/x" >> "$GITHUB_OUTPUT"',
      '      - run: uv build',
      '      - uses: pypa/gh-action-pypi-publish@release/v1',
      '      - run: echo "${{ steps.meta.outputs.url }}"',
    );
    const fixed = applied(text);
    const publish = fixed.slice(fixed.indexOf('  publish:'));
    assert.match(publish, /- id: meta\n[\s\S]*- uses: actions\/download-artifact@/);
    assert.doesNotMatch(publish, /uv build/);
  });

  const declined: Array<[string, string[]]> = [
    ['a matrix', ['    strategy:', '      matrix:', '        os: [ubuntu-latest]', '    runs-on: ${{ matrix.os }}', '    steps:', '      - run: python -m build', '      - uses: pypa/gh-action-pypi-publish@release/v1']],
    ['a job env holding a secret', ['    runs-on: ubuntu-latest', '    env:', '      TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}', '    steps:', '      - run: python -m build', '      - run: twine upload dist/*']],
    ['the build and the upload in one step', ['    runs-on: ubuntu-latest', '    steps:', '      - run: |', '          python -m build', '          twine upload dist/*', '        env:', '          TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}']],
    ['an upload that builds by itself', ['    runs-on: ubuntu-latest', '    steps:', '      - run: pip install flit', '      - run: flit build', '      - run: flit publish', '        env:', '          FLIT_PASSWORD: ${{ secrets.PYPI_TOKEN }}']],
  ];
  for (const [what, job] of declined) {
    it(`offers no move for ${what}`, () => {
      const text = lines(...head, '  publish:', ...job);
      assert.ok(lintWorkflow(text).findings.some((f) => f.ruleId === RULE), 'the rule fires');
      assert.equal(fixOf(text), undefined);
    });
  }
});
