import * as assert from 'node:assert/strict';
import { lintWorkflow } from '../../../src/core/lint';

const workflow = (versionLine: string) => `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-python@v5
        with:
${versionLine}
`;

const ids = (text: string, options = {}) => lintWorkflow(text, options).findings.map((f) => `${f.ruleId}:${f.severity}`);

describe('lint engine', () => {
  it('reports a finding with its rule id, default severity and exact range', () => {
    const text = workflow('          python-version: 3.10');
    const [finding] = lintWorkflow(text).findings;
    assert.equal(finding.ruleId, 'float-python-version');
    assert.equal(finding.severity, 'error');
    assert.equal(text.slice(finding.range.start, finding.range.end), '3.10');
  });

  it('honours an ignore comment at the end of the line or on the line above, for the named rule only', () => {
    assert.deepEqual(ids(workflow('          python-version: 3.10  # trusted-publishing: ignore[float-python-version]')), []);
    assert.deepEqual(ids(workflow('          # trusted-publishing: ignore[float-python-version]\n          python-version: 3.10')), []);
    assert.deepEqual(ids(workflow('          python-version: 3.10  # trusted-publishing: ignore[unpinned-action]')), ['float-python-version:error']);
  });

  it('applies severity settings and turns rules off', () => {
    const text = workflow('          python-version: 3.10');
    assert.deepEqual(ids(text, { rules: { 'float-python-version': 'info' } }), ['float-python-version:info']);
    assert.deepEqual(ids(text, { rules: { 'float-python-version': 'off' } }), []);
  });

  it('builds a fix when it is first read, once, and shows it like any other field', () => {
    // missing-id-token's fix is built on read: the job has no permissions block.
    const text = 'on:\n  release:\n    types: [published]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n';
    const finding = lintWorkflow(text).findings.find((f) => f.ruleId === 'missing-id-token')!;
    assert.deepEqual(Object.keys(finding).includes('fixes'), true);
    assert.deepEqual(Object.getOwnPropertySymbols(finding).filter((s) => Object.prototype.propertyIsEnumerable.call(finding, s)), []);
    const fixes = finding.fixes!;
    assert.equal(fixes[0].title, "Grant id-token: write to job 'publish'");
    assert.equal(finding.fixes, fixes, 'read twice, built once');
    assert.deepEqual(JSON.parse(JSON.stringify(finding)).fixes, JSON.parse(JSON.stringify(fixes)));
    assert.deepEqual({ ...finding }.fixes, fixes);
    finding.fixes = undefined;
    assert.equal(finding.fixes, undefined, 'setting fixes replaces what was built');
  });

  it('turns a YAML syntax error into one finding and runs no rule on the broken file', () => {
    const { findings } = lintWorkflow('on: push\njobs:\n  a: [1, 2\n');
    assert.deepEqual(findings.map((f) => f.ruleId), ['yaml-syntax']);
    assert.match(findings[0].message, /Not valid YAML/);
  });

  it('takes a workflow with no jobs, an empty file or a list at the top without failing', () => {
    for (const text of ['', 'on: push\n', '- a\n- b\n', 'jobs: 3\n', 'jobs:\n  x: 1\n']) assert.doesNotThrow(() => lintWorkflow(text), text);
  });
});
