import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, lintWorkflow, type LintOptions } from '../../../src/core/lint';

const dir = path.resolve(__dirname, '../../../../test/fixtures/lint/id-token-without-publish');
const fixture = (name: string) => readFileSync(path.join(dir, name), 'utf8');
const ID = 'id-token-without-publish';
const ofRule = (text: string, options: LintOptions = {}) => lintWorkflow(text, options).findings.filter((f) => f.ruleId === ID);

const workflow = (buildPermissions: string, buildSteps = '      - run: pipx run build', publishSteps = '      - uses: pypa/gh-action-pypi-publish@release/v1') => `name: Release
on:
  release:
    types: [published]
${buildPermissions.startsWith('permissions:') ? `${buildPermissions}\n` : ''}jobs:
  build:
    runs-on: ubuntu-latest
${buildPermissions.startsWith('permissions:') ? '' : `${buildPermissions}\n`}    steps:
      - uses: actions/checkout@v4
${buildSteps}
  publish:
    needs: build
    runs-on: ubuntu-latest
    environment: pypi
    permissions:
      id-token: write
    steps:
${publishSteps}
`;

describe('id-token-without-publish', () => {
  it('is an error whose first sentence says what is wrong in at most 120 characters, with the upload related', () => {
    const [finding] = ofRule(workflow('    permissions:\n      id-token: write'));
    assert.equal(finding.severity, 'error');
    const first = finding.message.slice(0, finding.message.indexOf('. ') + 1);
    assert.equal(first, "Job 'build' can request an OIDC token but does not publish: remove `id-token: write`.");
    assert.ok(first.length <= 120);
    assert.match(finding.related![0].message, /upload to PyPI with trusted publishing, in job 'publish'/);
  });

  it('is an info naming the other use when a step needs the token for something else, with no fix', () => {
    const [pages] = ofRule(fixture('bad-pages-info.yml'));
    assert.equal(pages.severity, 'info');
    assert.match(pages.message, /needs the token for a GitHub Pages deployment \(`actions\/deploy-pages`\)/);
    assert.match(pages.message, /register the publisher with environment 'pypi'/);
    assert.equal(pages.fixes, undefined);
    const [structlog] = ofRule(fixture('bad-attestations-info.yml'));
    assert.equal(structlog.severity, 'info');
    assert.match(structlog.message, /build provenance attestations \(`hynek\/build-and-inspect-python-package`\)/);
    for (const [step, use] of [
      ['      - uses: aws-actions/configure-aws-credentials@v4', 'an AWS login'],
      ['      - uses: google-github-actions/auth@v2', 'a Google Cloud login'],
      ['      - uses: azure/login@v2', 'an Azure login'],
      ['      - uses: actions/attest-build-provenance@v2', 'build provenance attestations'],
      ['      - uses: sigstore/gh-action-sigstore-python@v3.0.0', 'Sigstore signing'],
      ['      - uses: codecov/codecov-action@v5\n        with:\n          use_oidc: true', 'a Codecov upload'],
      ['      - run: cosign sign-blob dist/*', 'Sigstore signing'],
    ]) {
      const found = ofRule(workflow('    permissions:\n      id-token: write', `      - run: pipx run build\n${step}`));
      assert.equal(found.length, 1, step);
      assert.equal(found[0].severity, 'info', step);
      assert.ok(found[0].message.includes(use), `${step}: ${found[0].message}`);
    }
  });

  it('Codecov without use_oidc does not need the token: an error', () => {
    const [finding] = ofRule(workflow('    permissions:\n      id-token: write', '      - uses: codecov/codecov-action@v5'));
    assert.equal(finding.severity, 'error');
  });

  it("the user's severity setting wins, as for every rule", () => {
    const options: LintOptions = { rules: { [ID]: 'warning' } };
    assert.equal(ofRule(workflow('    permissions:\n      id-token: write'), options)[0].severity, 'warning');
    assert.equal(ofRule(fixture('bad-pages-info.yml'), options)[0].severity, 'warning');
    assert.deepEqual(ofRule(fixture('bad-pages-info.yml'), { rules: { [ID]: 'off' } }), []);
  });

  it('leaves a workflow-level grant to id-token-workflow-level: one finding per grant', () => {
    const findings = lintWorkflow(workflow('permissions:\n  id-token: write\n  contents: read')).findings;
    assert.deepEqual(findings.filter((f) => f.ruleId === ID), []);
    assert.equal(findings.filter((f) => f.ruleId === 'id-token-workflow-level').length, 1);
  });

  it('says nothing when the workflow does not publish with trusted publishing', () => {
    assert.deepEqual(ofRule(workflow('    permissions:\n      id-token: write', undefined, '      - run: echo nothing to upload')), []);
    const token = '      - uses: pypa/gh-action-pypi-publish@release/v1\n        with:\n          password: ${{ secrets.PYPI_TOKEN }}';
    assert.deepEqual(ofRule(workflow('    permissions:\n      id-token: write', undefined, token)), []);
  });

  it('leaves alone a job whose step may publish (weak evidence) and a job that calls a reusable workflow', () => {
    assert.deepEqual(ofRule(workflow('    permissions:\n      id-token: write', '      - uses: someone/pypi-publish-action@v1')), []);
    assert.deepEqual(ofRule(fixture('good-reusable-workflow-call.yml')), []);
  });

  it('a workflow-level write-all is reported once, naming the jobs that inherit it and do not publish', () => {
    const text = workflow('permissions: write-all', '      - run: pipx run build\n').replace(
      '  publish:\n',
      '  attest:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/attest-build-provenance@v2\n  publish:\n',
    );
    const findings = lintWorkflow(text).findings.filter((f) => f.ruleId.startsWith('id-token'));
    assert.deepEqual(findings.map((f) => f.ruleId), [ID]);
    assert.match(findings[0].message, /^Job 'build' can request an OIDC token but does not publish: `write-all` at workflow level grants it to every job\./);
    assert.equal(findings[0].fixes, undefined);
    assert.deepEqual(ofRule(workflow('permissions: read-all')), []);
  });

  it('a job granted write-all is reported without a fix', () => {
    const [finding] = ofRule(workflow('    permissions: write-all'));
    assert.match(finding.message, /replace `write-all` with the scopes it uses/);
    assert.equal(finding.fixes, undefined);
  });

  it('the fix keeps the other scopes and comments, leaves `{}` rather than an inherited block, and is idempotent', () => {
    const text = workflow('permissions:\n  contents: write\n').replace('    runs-on: ubuntu-latest\n    steps:', '    runs-on: ubuntu-latest\n    permissions:\n      # needed?\n      id-token: write # for PyPI\n    steps:');
    const [finding] = ofRule(text);
    const fixed = applyEdits(text, finding.fixes![0].edits);
    assert.match(fixed, /\n {4}permissions: \{\}\n {6}# needed\?\n {4}steps:/);
    assert.deepEqual(ofRule(fixed), []);
    assert.equal(applyEdits(fixed, ofRule(fixed).flatMap((f) => f.fixes?.[0]?.edits ?? [])), fixed);
  });
});
