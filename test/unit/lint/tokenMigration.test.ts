import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { applyEdits, lintWorkflow, type Finding } from '../../../src/core/lint';

/**
 * One root cause, one finding (issue 13, item 9): a job that uploads with a token, builds the project and keeps the
 * GITHUB_TOKEN on disk is one move to trusted publishing. Real workflows with all three (sources in
 * test/fixtures/corpus/workflows/SOURCES.tsv and test/fixtures/real-workflows/MANIFEST.tsv).
 */
const fixtures = path.resolve(__dirname, '../../../../test/fixtures');
const REAL = [
  'corpus/workflows/APSL__django-kaio__pypi.yml',
  'corpus/workflows/2bndy5__CircuitPython-mocks__python-publish.yml',
  'corpus/workflows/fsspec__filesystem_spec__pypipublish.yaml',
  'corpus/workflows/frostming__marko__release.yml',
  'corpus/workflows/pdm-project__pdm__release.yml',
  'real-workflows/pdm-project__pdm-backend__release.yml',
];
/** Builds and uploads in one `run:` step: moving the build out needs the step split, which is the user's to do. */
const BUILDS_IN_UPLOAD_STEP = new Set(['corpus/workflows/fsspec__filesystem_spec__pypipublish.yaml']);
const THREE = ['token-publishing', 'build-in-publish-job', 'checkout-persists-credentials'];
const byRule = (findings: Finding[], id: string) => findings.filter((f) => f.ruleId === id);
const sameRange = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start === b.start && a.end === b.end;

describe('a token upload that builds and persists credentials in one job', () => {
  for (const file of REAL) {
    describe(path.basename(file), () => {
      const text = readFileSync(path.join(fixtures, file), 'utf8');
      const findings = lintWorkflow(text).findings;
      const [token] = byRule(findings, 'token-publishing');
      const [build] = byRule(findings, 'build-in-publish-job');
      const [checkout] = byRule(findings, 'checkout-persists-credentials');

      it('reads as three findings of one job', () => {
        for (const id of THREE) assert.equal(byRule(findings, id).length, 1, id);
      });

      it('the token finding points at the build and the checkout', () => {
        const related = token.related ?? [];
        assert.ok(related.some((r) => sameRange(r.range, build.range) && /build-in-publish-job/.test(r.message)), 'the build');
        assert.ok(related.some((r) => sameRange(r.range, checkout.range) && /checkout-persists-credentials/.test(r.message)), 'the checkout');
      });

      it('the other two say they are part of the same move, and point at the token', () => {
        for (const other of [build, checkout]) {
          assert.match(other.message, /Part of the move to trusted publishing that token-publishing proposes/);
          assert.ok(other.related?.some((r) => sameRange(r.range, token.range) && /token-publishing/.test(r.message)), other.ruleId);
        }
      });

      const split = !BUILDS_IN_UPLOAD_STEP.has(file);
      it(split ? 'the migration clears all three: the token, the persisted checkout and the build, which moves to a job of its own' : 'the migration clears the token and the persisted checkout, and its title says the build is left', () => {
        const fix = token.fixes![0];
        const fixed = applyEdits(text, fix.edits);
        assert.deepEqual(parseDocument(fixed).errors, []);
        const after = lintWorkflow(fixed).findings;
        assert.deepEqual(byRule(after, 'token-publishing'), []);
        assert.deepEqual(byRule(after, 'checkout-persists-credentials'), []);
        if (split) {
          assert.match(fix.title, /set persist-credentials: false, move the build into a new job 'build'$/);
          assert.deepEqual(byRule(after, 'build-in-publish-job'), []);
          // The upload job waits for the build job and takes its files from it, under one artifact name.
          const build = /^  build:\n[\s\S]*?actions\/upload-artifact@[0-9a-f]{40} # v[\d.]+\n\s+with:\n\s+name: (\S+)\n\s+path: (\S+)\n/m.exec(fixed);
          assert.ok(build, `a build job that uploads the distributions:\n${fixed}`);
          const download = new RegExp(`needs: \\[build\\][\\s\\S]*actions/download-artifact@[0-9a-f]{40} # v[\\d.]+\\n\\s+with:\\n\\s+name: ${build[1]}\\n\\s+path: ${build[2]}\\n`);
          assert.match(fixed, download);
          assert.deepEqual(byRule(after, 'artifact-mismatch'), []);
          assert.deepEqual(byRule(after, 'id-token-without-publish'), []);
        } else {
          assert.match(fix.title, /set persist-credentials: false \(building in job '[\w-]+' is left: see build-in-publish-job\)$/);
          const [left] = byRule(after, 'build-in-publish-job');
          assert.ok(left, 'moving the build to its own job is left to build-in-publish-job');
          assert.doesNotMatch(left.message, /token-publishing/, 'no token left to speak of');
        }
      });
    });
  }

  it('leaves a checkout alone, in the fix and the relation, when a script of the job may push with its token', () => {
    const text = [
      'on:',
      '  release:',
      '    types: [published]',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: python -m build',
      '      - name: Deploy docs',
      '        run: scripts/publish-docs',
      '      - uses: pypa/gh-action-pypi-publish@release/v1',
      '        with:',
      '          password: ${{ secrets.PYPI_API_TOKEN }}',
      '',
    ].join('\n');
    const findings = lintWorkflow(text).findings;
    const [token] = byRule(findings, 'token-publishing');
    assert.ok(!token.related?.some((r) => /checkout-persists-credentials/.test(r.message)));
    assert.doesNotMatch(token.fixes![0].title, /persist-credentials/);
    assert.doesNotMatch(byRule(findings, 'checkout-persists-credentials')[0].message, /token-publishing/);
  });
});
