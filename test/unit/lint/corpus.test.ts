import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { applyEdits, lintWorkflow } from '../../../src/core/lint';

/**
 * Real publishing workflows with a reviewer's labels (test/fixtures/corpus/workflows/SOURCES.tsv names the source
 * repository and commit of each). The checks must not crash on any of them, and must agree with the reviewer's notes.
 */
const dir = path.resolve(__dirname, '../../../../test/fixtures/corpus/workflows');
const [header, ...rows] = readFileSync(path.join(dir, 'SOURCES.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
const column = (row: string[], name: string) => row[header.indexOf(name)];
const corpus = rows.map((row) => {
  const file = path.basename(column(row, 'file'));
  const text = readFileSync(path.join(dir, file), 'utf8');
  return { file, row, text, findings: lintWorkflow(text).findings };
});
const ruleIdsOf = (file: string) => new Set(corpus.find((c) => c.file.startsWith(file))!.findings.map((f) => f.ruleId));

/** What the reviewer's notes say, as rules that must (or must not) fire. */
const expectations: Array<{ file: string; note: string; fires?: string[]; silent?: string[] }> = [
  { file: 'psf__black', note: 'token secret; build and publish in one job; each matrix job uploads', fires: ['token-publishing', 'build-in-publish-job', 'publish-in-matrix'] },
  {
    file: 'jazzband__pip-tools',
    // On @master `repository_url` is the only spelling (kebab-case came in v1.7.0): sunset-action-ref's fix renames it.
    note: 'uploads to the Jazzband index, not PyPI; @master; repository_url; actions/cache',
    fires: ['sunset-action-ref', 'cache-in-release-workflow'],
    silent: ['token-publishing', 'missing-id-token', 'deprecated-action-input'],
  },
  { file: 'python-poetry__poetry', note: 'none significant (hardened)', silent: ['missing-id-token', 'missing-environment', 'checkout-persists-credentials', 'unpinned-action', 'build-in-publish-job'] },
  { file: 'tox-dev__tox', note: 'none significant (hardened)', silent: ['missing-id-token', 'missing-environment', 'checkout-persists-credentials', 'unpinned-action', 'cache-in-release-workflow', 'build-in-publish-job'] },
  {
    file: 'pallets__flask',
    // The action is pinned at b7f401de (v1.8.10, before attestations) and uploads to two indexes: the second upload
    // does not fail, so no double-publish-same-job (issue 13).
    note: 'TestPyPI and PyPI in one job; pip cache; persist-credentials',
    fires: ['cache-in-release-workflow', 'checkout-persists-credentials'],
    silent: ['double-publish-same-job'],
  },
  { file: '0xarchit__tg-logging-handler', note: 'id-token: write at workflow level', fires: ['id-token-workflow-level'], silent: ['id-token-without-publish'] },
  { file: 'hynek__structlog', note: 'the build job has id-token: write for its provenance attestations', fires: ['id-token-without-publish'] },
  { file: '2s-io__sdk', note: 'token next to id-token: write', fires: ['token-overrides-oidc'] },
  { file: 'AndrewAnnex__SpiceyPy', note: 'Windows publish runner, matrix uploads, tag push and release', fires: ['non-linux-publish-runner', 'publish-in-matrix', 'duplicate-release-trigger', 'sunset-action-ref'] },
  { file: 'pyca__cryptography', note: 'workflow_run and dists from another run; the minted token goes to GITHUB_ENV', fires: ['workflow-run-publish', 'pypi-token-exported'], silent: ['token-publishing'] },
  { file: 'OpenAstronomy__github-actions-workflows', note: 'inputs pasted into a script; token in a reusable workflow', fires: ['template-injection', 'token-publishing'] },
  {
    file: 'ALERTua__rozetka_api',
    note: 'JRubics/poetry-publish builds and uploads with a pypi_token secret',
    fires: ['token-publishing', 'build-in-publish-job'],
    silent: ['tool-without-trusted-publishing', 'missing-id-token', 'attestations-ignored'],
  },
  { file: '3dgeo-heidelberg__py4dgeo', note: 'no environment; manual runs from any branch', fires: ['missing-environment', 'publish-from-any-ref'] },
];

describe('checks on the reviewed corpus of real workflows', () => {
  it('reads every file, reports nothing as invalid YAML, and keeps every range inside the file', () => {
    assert.equal(corpus.length, readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).length);
    for (const { file, text, findings } of corpus) {
      assert.ok(!findings.some((f) => f.ruleId === 'yaml-syntax'), file);
      for (const f of findings) assert.ok(f.range.start < f.range.end && f.range.end <= text.length, `${file}: ${f.ruleId}`);
    }
  });

  it('offers only fixes that leave valid YAML and clear their own finding', () => {
    for (const { file, text, findings } of corpus) {
      for (const finding of findings) {
        const fix = finding.fixes?.[0];
        if (!fix) continue;
        const fixed = applyEdits(text, fix.edits);
        assert.deepEqual(parseDocument(fixed).errors.map((e) => e.message), [], `${file}: ${fix.title}`);
        const again = lintWorkflow(fixed).findings.filter((f) => f.ruleId === finding.ruleId && f.message === finding.message && f.range.start === finding.range.start);
        assert.equal(again.length, 0, `${file}: "${fix.title}" leaves its finding`);
      }
    }
  });

  it('never says a workflow with id-token: write lacks it', () => {
    for (const { file, row, findings } of corpus) {
      if (column(row, 'has_id_token_write') === 'none') continue;
      assert.ok(!findings.some((f) => f.ruleId === 'missing-id-token'), file);
    }
  });

  for (const expected of expectations) {
    it(`${expected.file}: ${expected.note}`, () => {
      const fired = ruleIdsOf(expected.file);
      for (const id of expected.fires ?? []) assert.ok(fired.has(id), `${id} fires (fired: ${[...fired].join(', ')})`);
      for (const id of expected.silent ?? []) assert.ok(!fired.has(id), `${id} stays silent`);
    });
  }
});
