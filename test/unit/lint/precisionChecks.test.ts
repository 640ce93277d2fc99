import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lintWorkflow } from '../../../src/core/lint';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures');
const read = (file: string) => readFileSync(path.join(fixtures, file), 'utf8');
const jobOf = (message: string) => /job '([^']+)'/i.exec(message)?.[1];

/** Where the token a checkout leaves on disk matters, on real workflows (issue 13, item 6). */
describe('checkout-persists-credentials: only where the token matters', () => {
  const findings = (text: string) => lintWorkflow(text).findings.filter((f) => f.ruleId === 'checkout-persists-credentials');

  it('simonw/llm: the uploading job, not the test job whose workflow token is read-only', () => {
    const found = findings(read('corpus/workflows/simonw__llm__publish.yml'));
    assert.deepEqual(found.map((f) => [jobOf(f.message), f.severity]), [['deploy', 'warning']]);
    assert.match(found[0].message, /^Job 'deploy' uploads the release, and its checkout leaves the GITHUB_TOKEN in \.git\/config\. /);
  });

  it('MyST-Parser sets no permissions: the publishing jobs are warnings, its test jobs information', () => {
    const found = findings(read('real-workflows/executablebooks__MyST-Parser__tests.yml'));
    assert.deepEqual(
      found.map((f) => [jobOf(f.message), f.severity]),
      [
        ['pre-commit', 'info'],
        ['tests', 'info'],
        ['check-myst-docutils', 'info'],
        ['publish', 'warning'],
        ['publish-docutils', 'warning'],
      ],
    );
    assert.match(found[0].message, /leaves a token with the repository's default permissions in \.git\/config\. .*neither the job nor the workflow sets `permissions:`/);
  });

  it("a job outside the release whose token can write says which scope", () => {
    const found = findings(read('lint/checkout-persists-credentials/bad-write-token-other-job-poetry.yml'));
    assert.deepEqual(found.map((f) => [jobOf(f.message), f.severity]), [['upload-github', 'warning']]);
    assert.match(found[0].message, /leaves a token that can write in \.git\/config \(contents: write\)\./);
  });

  it('a build job the upload needs counts as part of the release, whatever its permissions', () => {
    const text = [
      'on: { release: { types: [published] } }',
      'permissions: {}',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: python -m build',
      '      - uses: actions/upload-artifact@v4',
      '        with: { name: dist, path: dist/ }',
      '  docs:',
      '    runs-on: ubuntu-latest',
      '    permissions: { contents: read }',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: make docs',
      '  publish:',
      '    needs: [build]',
      '    runs-on: ubuntu-latest',
      '    permissions: { id-token: write }',
      '    steps:',
      '      - uses: actions/download-artifact@v4',
      '        with: { name: dist, path: dist/ }',
      '      - uses: pypa/gh-action-pypi-publish@release/v1',
      '',
    ].join('\n');
    const found = findings(text);
    assert.deepEqual(found.map((f) => [jobOf(f.message), f.severity]), [['build', 'warning']]);
    assert.match(found[0].message, /^Job 'build' builds the release, and its checkout leaves the GITHUB_TOKEN in \.git\/config\./);
    for (const f of found) assert.ok(f.message.split('. ')[0].length <= 120, f.message);
  });
});

/** template-injection on workflow inputs: who can set the value decides (issue 13, item 14). */
describe('template-injection: workflow inputs by who sets them', () => {
  const findings = (on: string[]) => {
    const text = [
      'on:',
      ...on,
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    permissions: { id-token: write }',
      '    steps:',
      '      - run: echo "${{ inputs.version }}" "${{ inputs.dry-run }}"',
      '      - uses: pypa/gh-action-pypi-publish@release/v1',
      '',
    ].join('\n');
    return lintWorkflow(text).findings.filter((f) => f.ruleId === 'template-injection').map((f) => [f.severity, f.message.split('. ')[1].split(':')[0]]);
  };
  const dispatch = ['  workflow_dispatch:', '    inputs:', '      version: { required: true }', '      dry-run: { type: boolean }'];
  const call = ['  workflow_call:', '    inputs:', '      version: { type: string }', '      dry-run: { type: boolean }'];

  it('a manual run only: information, typed by whoever dispatches', () => {
    assert.deepEqual(findings(dispatch), [['info', 'Whoever starts a manual run types it (write access, or a token with actions']]);
  });

  it('a reusable workflow: a warning, set by the calling workflows', () => {
    assert.deepEqual(findings(call), [['warning', 'The workflows that call this one set it, and may pass on text from a pull request or an issue']]);
  });

  it('both events: a warning that names both', () => {
    assert.deepEqual(findings([...call, ...dispatch]), [['warning', 'The workflows that call this one set it, and may pass on text from a pull request or an issue; whoever starts a manual run types it (write access, or a token with actions']]);
  });
});
