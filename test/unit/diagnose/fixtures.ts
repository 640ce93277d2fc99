import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

export const DIAGNOSE_FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/diagnose');

/** A log of test/fixtures/diagnose, as stored (timestamps and markers included). */
export const logFixture = (name: string): string => readFileSync(path.join(DIAGNOSE_FIXTURES, name), 'utf8');

export const logFixtureNames = (): string[] => readdirSync(DIAGNOSE_FIXTURES).filter((f) => /\.(log|txt)$/.test(f)).sort();

/** A release workflow with one publish job; `job` replaces the publish job's extra keys (environment, permissions). */
export function releaseWorkflow(options: { jobKeys?: string[]; uses?: string; on?: string[] } = {}): string {
  const jobKeys = options.jobKeys ?? ['environment:', '  name: pypi', 'permissions:', '  id-token: write'];
  return [
    'name: Release',
    '',
    ...(options.on ?? ['on:', '  release:', '    types: [published]']),
    '',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - run: python -m pip install build && python -m build',
    '      - uses: actions/upload-artifact@v4',
    '        with:',
    '          name: dist',
    '          path: dist/',
    '  publish:',
    '    needs: build',
    '    runs-on: ubuntu-latest',
    ...jobKeys.map((l) => `    ${l}`),
    '    steps:',
    '      - uses: actions/download-artifact@v4',
    '        with:',
    '          name: dist',
    '          path: dist/',
    `      - uses: ${options.uses ?? 'pypa/gh-action-pypi-publish@release/v1'}`,
    '',
  ].join('\n');
}
