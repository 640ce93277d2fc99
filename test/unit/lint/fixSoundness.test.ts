import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { applyEdits, editsOverlap, fixAll, fixAllEdits, fixesWithFollowUps, ignoreFix, lintWorkflow, type Finding, type LintOptions } from '../../../src/core/lint';

/** Quick fixes that used to damage a workflow, one case each. */

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const findingsOf = (text: string, rule: string, options: LintOptions = {}) => lintWorkflow(text, options).findings.filter((f) => f.ruleId === rule);
const only = (text: string, rule: string, options: LintOptions = {}): Finding => {
  const found = findingsOf(text, rule, options);
  assert.equal(found.length, 1, `one ${rule} finding in:\n${text}`);
  return found[0];
};
const parsed = (text: string) => parseDocument(text).toJS() as { jobs: Record<string, Record<string, unknown>> };
const assertParses = (text: string) => assert.deepEqual(parseDocument(text).errors.map((e) => e.message), [], text);

function publishJob(jobLines: string[], head: string[] = []): string {
  return lines(
    'on:',
    '  push:',
    "    tags: ['v*']",
    'jobs:',
    ...head,
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    environment: pypi',
    ...jobLines,
    '    steps:',
    '      - uses: actions/download-artifact@v4',
    '      - uses: pypa/gh-action-pypi-publish@release/v1',
  );
}

describe('quick fixes that used to damage a workflow', () => {
  describe('missing-id-token on id-token: read or none', () => {
    for (const level of ['read', 'none']) {
      it(`raises id-token: ${level} to write, and Fix All stops there`, () => {
        const text = publishJob(['    permissions:', `      id-token: ${level}  # asked for`, '      contents: read']);
        const fixed = applyEdits(text, only(text, 'missing-id-token').fixes![0].edits);
        assert.match(fixed, /\n {6}id-token: write {2}# asked for\n {6}contents: read\n/);
        assert.deepEqual(findingsOf(fixed, 'missing-id-token'), []);
        const all = fixAll(text);
        assert.equal(all.text, fixed, 'one change, no blank lines');
        assert.equal(fixAll(all.text).text, all.text, 'a second Fix All changes nothing');
      });
    }
  });

  describe('an empty permissions: or needs:', () => {
    it('fills permissions: after the colon, so that it stays the same key', () => {
      for (const text of [publishJob(['    permissions:']), publishJob(['    permissions:   # to do'])]) {
        const fixed = applyEdits(text, only(text, 'missing-id-token').fixes![0].edits);
        assertParses(fixed);
        assert.deepEqual(parsed(fixed).jobs.publish.permissions, { 'id-token': 'write' });
      }
    });

    it('fills needs: after the colon', () => {
      const build = ['  build:', '    runs-on: ubuntu-latest', '    steps:', '      - run: python -m build', '      - uses: actions/upload-artifact@v4'];
      const text = publishJob(['    permissions:', '      id-token: write', '    needs:'], build);
      const fixed = applyEdits(text, only(text, 'publish-without-needs').fixes![0].edits);
      assertParses(fixed);
      assert.deepEqual(parsed(fixed).jobs.publish.needs, ['build']);
    });

    it('counts two insertions at one offset as overlapping, in fix-all and in the editor\'s Fix All', () => {
      assert.ok(editsOverlap({ start: 5, end: 5, newText: 'a' }, { start: 5, end: 5, newText: 'b' }));
      assert.ok(!editsOverlap({ start: 1, end: 3, newText: 'a' }, { start: 3, end: 5, newText: 'b' }));
      // An empty job permissions: in a job that checks out: missing-id-token and permissions-without-contents both
      // write after the colon.
      const text = lines(
        'on:',
        '  release:',
        '    types: [published]',
        'jobs:',
        '  publish:',
        '    runs-on: ubuntu-latest',
        '    environment: pypi',
        '    permissions:',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '        with:',
        '          persist-credentials: false',
        '      - run: python -m build',
        '      - uses: pypa/gh-action-pypi-publish@release/v1',
      );
      const findings = lintWorkflow(text).findings;
      const edits = fixAllEdits(findings);
      assert.equal(edits.length, 1, 'one of the two insertions waits for the next round');
      const all = fixAll(text);
      assertParses(all.text);
      assert.deepEqual(Object.keys(parsed(all.text).jobs.publish.permissions as object).sort(), ['contents', 'id-token']);
      assert.equal(fixAll(all.text).text, all.text);
    });
  });

  describe('Ignore <rule> on this line', () => {
    const injected = (run: string[]) =>
      lines(
        'on:',
        '  release:',
        '    types: [published]',
        'jobs:',
        '  publish:',
        '    runs-on: ubuntu-latest',
        '    environment: pypi',
        '    permissions:',
        '      id-token: write',
        '    steps:',
        '      - run: python -m build',
        '      - name: Announce',
        ...run,
        '      - uses: pypa/gh-action-pypi-publish@release/v1',
      );

    for (const style of ['|', '>-']) {
      it(`goes above the key of a run: ${style} script, not into it`, () => {
        const text = injected([`        run: ${style}`, '          echo "building"', '          echo "${{ github.event.release.name }}"', '          make build']);
        const finding = only(text, 'template-injection');
        const fix = ignoreFix(text, finding)!;
        const fixed = applyEdits(text, fix.edits);
        assert.match(fixed, /\n {6}- name: Announce\n {8}# trusted-publishing: ignore\[template-injection\]\n {8}run: /);
        assert.equal((parsed(fixed).jobs.publish.steps as Array<{ run?: string }>)[1].run, (parsed(text).jobs.publish.steps as Array<{ run?: string }>)[1].run, 'the script is unchanged');
        assert.deepEqual(findingsOf(fixed, 'template-injection'), []);
      });
    }

    it('goes above the key of a plain scalar written over several lines, keeping the file valid', () => {
      const text = injected(['        run: echo', '          ${{ github.event.release.name }}']);
      const fixed = applyEdits(text, ignoreFix(text, only(text, 'template-injection'))!.edits);
      assertParses(fixed);
      assert.deepEqual(findingsOf(fixed, 'template-injection'), []);
    });

    it('keeps CRLF line endings, and joins an ignore comment already above the line', () => {
      const text = crlf(injected(['        run: |', '          echo "${{ github.event.release.name }}"']));
      const fixed = applyEdits(text, ignoreFix(text, only(text, 'template-injection'))!.edits);
      assert.doesNotMatch(fixed, /(^|[^\r])\n/);
      assert.match(fixed, /\r\n {8}# trusted-publishing: ignore\[template-injection\]\r\n {8}run: \|/);
      const moved = fixed.replace('ignore[template-injection]', 'ignore[unpinned-action]');
      const joined = applyEdits(moved, ignoreFix(moved, only(moved, 'template-injection'))!.edits);
      assert.match(joined, /# trusted-publishing: ignore\[unpinned-action, template-injection\]\r\n {8}run: \|/);
      assert.deepEqual(findingsOf(joined, 'template-injection'), []);
    });
  });

  describe('unpinned-action', () => {
    const artifacts = lines(
      'on:',
      '  release:',
      '    types: [published]',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: python -m build',
      '      - uses: actions/upload-artifact@v4',
      '        with:',
      '          name: dist',
      '          path: dist/',
      '  publish:',
      '    needs: [build]',
      '    runs-on: ubuntu-latest',
      '    environment: pypi',
      '    permissions:',
      '      id-token: write',
      '    steps:',
      '      - uses: actions/download-artifact@v4',
      '        with:',
      '          name: dist',
      '          path: dist/',
      '      - uses: pypa/gh-action-pypi-publish@release/v1',
    );

    it('pins to a commit of the major the user wrote', () => {
      const finding = findingsOf(artifacts, 'unpinned-action').find((f) => artifacts.slice(f.range.start, f.range.end).startsWith('pypa/'))!;
      assert.deepEqual(finding.fixes!.map((f) => f.title), ['Pin to v1.14.2 by SHA']);
    });

    it('offers a newer major only as an upgrade that says so, moving upload-artifact and download-artifact together', () => {
      for (const finding of findingsOf(artifacts, 'unpinned-action').filter((f) => /artifact@/.test(artifacts.slice(f.range.start, f.range.end)))) {
        const [fix] = finding.fixes!;
        assert.match(fix.title, /^Upgrade upload-artifact v7\.\d+\.\d+ and download-artifact v8\.\d+\.\d+ together, pinned by SHA \(from v4, a new major: check the release notes\)$/);
        const fixed = applyEdits(artifacts, fix.edits);
        assert.match(fixed, /actions\/upload-artifact@[0-9a-f]{40} # v7\./);
        assert.match(fixed, /actions\/download-artifact@[0-9a-f]{40} # v8\./);
        assert.deepEqual(findingsOf(fixed, 'artifact-mismatch'), []);
      }
    });
  });

  describe('condition fixes on an if: that is not an expression', () => {
    for (const condition of ["${{ github.ref == }}", 'release ${{ github.ref }}', "\"github.event_name == 'push' &&\""]) {
      it(`offers no fix that would wrap ${condition} again`, () => {
        const text = lines(
          'on:',
          '  push:',
          '  pull_request:',
          'jobs:',
          '  publish:',
          '    runs-on: ubuntu-latest',
          '    environment: pypi',
          `    if: ${condition}`,
          '    permissions:',
          '      id-token: write',
          '    steps:',
          '      - uses: pypa/gh-action-pypi-publish@release/v1',
        );
        for (const rule of ['publish-on-pull-request', 'publish-from-any-ref']) {
          for (const finding of findingsOf(text, rule)) {
            for (const fix of finding.fixes ?? []) {
              const fixed = applyEdits(text, fix.edits);
              const again = findingsOf(fixed, rule).flatMap((f) => f.fixes ?? []).find((f) => f.title === fix.title);
              assert.ok(!again || applyEdits(fixed, again.edits) === fixed, `${rule}: "${fix.title}" is not idempotent:\n${fixed}`);
            }
          }
        }
      });
    }

    it('still joins a readable condition', () => {
      const text = lines('on:', '  pull_request:', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    environment: pypi', "    if: github.repository == 'o/r'", '    permissions:', '      id-token: write', '    steps:', '      - uses: pypa/gh-action-pypi-publish@release/v1');
      const fixed = applyEdits(text, only(text, 'publish-on-pull-request').fixes![0].edits);
      assert.match(fixed, /if: \(github\.repository == 'o\/r'\) && github\.event_name != 'pull_request'/);
    });
  });

  describe('fixes that open new findings', () => {
    it('sunset-action-ref pins by SHA where the workflow pins by SHA, and keeps release/v1 in tag mode', () => {
      const sha = publishJob(['    permissions:', '      id-token: write']).replace('pypi-publish@release/v1', 'pypi-publish@master');
      const fixed = applyEdits(sha, only(sha, 'sunset-action-ref').fixes![0].edits);
      assert.match(fixed, /pypa\/gh-action-pypi-publish@[0-9a-f]{40} # v1\.14\.2/);
      assert.ok(!lintWorkflow(fixed).findings.some((f) => f.ruleId === 'unpinned-action' && fixed.slice(f.range.start, f.range.end).startsWith('pypa/')));
      const tags = sha.replace('download-artifact@v4', 'download-artifact@v4.1.8');
      assert.match(applyEdits(tags, only(tags, 'sunset-action-ref').fixes![0].edits), /pypa\/gh-action-pypi-publish@release\/v1\n/);
    });

    it('token-publishing gives the job the environment PyPI has on record, or the one missing-environment proposes', () => {
      const token = (environment: string[]) =>
        lines(
          'on:',
          '  release:',
          '    types: [published]',
          'jobs:',
          ...environment,
          '  publish:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - uses: pypa/gh-action-pypi-publish@release/v1',
          '        with:',
          '          password: ${{ secrets.PYPI_TOKEN }}',
        );
      const options: LintOptions = {
        location: { fileName: 'release.yml', repository: { owner: 'o', repo: 'r' } },
        published: [{ index: 'pypi', version: '1.0', publisher: { kind: 'GitHub', repository: 'o/r', workflow: 'release.yml', environment: 'release' } }],
      };
      const recorded = token([]);
      const migrated = applyEdits(recorded, only(recorded, 'token-publishing', options).fixes![0].edits);
      assert.match(migrated, /environment: release\n/);
      for (const rule of ['missing-environment', 'publisher-drift']) assert.deepEqual(findingsOf(migrated, rule, options), [], rule);
      const elsewhere = token(['  docs:', '    runs-on: ubuntu-latest', '    environment:', '      name: pypi-release', '      url: https://pypi.org/p/x', '    steps:', '      - run: echo']);
      const proposed = applyEdits(elsewhere, only(elsewhere, 'token-publishing').fixes![0].edits);
      assert.match(proposed, /environment: pypi-release\n {4}permissions:/);
      assert.deepEqual(findingsOf(proposed, 'missing-environment'), []);
    });

    it('a fix that leaves findings of another rule names them in its title', () => {
      // Granting id-token: write to a twine job makes it a trusted-publishing job, which then needs an environment.
      const text = lines('on:', '  release:', '    types: [published]', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    permissions:', '      id-token: read', '    steps:', '      - run: twine upload dist/*');
      const findings = lintWorkflow(text).findings;
      const finding = findings.find((f) => f.ruleId === 'missing-id-token')!;
      const [fix] = fixesWithFollowUps(text, {}, findings, finding);
      assert.equal(fix.title, "Grant id-token: write to job 'publish' (leaves missing-environment to fix next)");
    });
  });

  it('yaml-syntax findings stay inside the text', () => {
    for (const text of ['on: [push', 'jobs:\n  a: "x', 'a: b: c', "on:\n  push:\n    branches: ['main"]) {
      for (const f of lintWorkflow(text).findings) assert.ok(0 <= f.range.start && f.range.start < f.range.end && f.range.end <= text.length, `${JSON.stringify(text)}: ${JSON.stringify(f.range)}`);
    }
  });
});
