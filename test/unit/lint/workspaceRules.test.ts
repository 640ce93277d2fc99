import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { lintWorkspace, WORKSPACE_RULES } from '../../../src/core/lint';
import { describeSpan, LINT_FIXTURES, loadWorkspaceFixtures } from './fixtures';

const update = process.env.UPDATE_GOLDEN === '1';
const fixtures = loadWorkspaceFixtures();

describe('workspace rules on their fixtures (several workflows of one repository)', () => {
  for (const fixture of fixtures) {
    describe(`${fixture.ruleId}/${fixture.name}`, () => {
      const ofRule = () =>
        [...lintWorkspace(fixture.files).entries()].flatMap(([file, findings]) =>
          findings.filter((f) => f.ruleId === fixture.ruleId).map((finding) => ({ file, finding, text: fixture.files.find((f) => f.file === file)!.text })),
        );

      it('has a SOURCES.tsv naming where each workflow file comes from', () => {
        const sources = readFileSync(path.join(fixture.dir, 'SOURCES.tsv'), 'utf8');
        for (const { file } of fixture.files) assert.match(sources, new RegExp(`^${file.replace(/\./g, '\\.')}\\t\\S.*\\t[0-9a-f]{40}$`, 'm'), `${file} in SOURCES.tsv`);
      });

      if (fixture.kind === 'good') {
        it('raises no finding of the rule', () => {
          assert.deepEqual(ofRule().map(({ file, finding }) => `${file} ${finding.message}`), []);
        });
        return;
      }

      it('raises the rule on each file exactly where expected.out says, pointing at the other file', () => {
        const found = ofRule();
        assert.ok(found.length > 0, 'the bad fixture raises the rule');
        const actual = found.map(({ file, finding, text }) => `${file} ${describeSpan(text, finding.range.start, finding.range.end)}`).join('\n') + '\n';
        if (update) writeFileSync(fixture.expectedFile, actual);
        assert.ok(existsSync(fixture.expectedFile), `${path.relative(LINT_FIXTURES, fixture.expectedFile)} exists (UPDATE_GOLDEN=1 writes it)`);
        assert.equal(actual, readFileSync(fixture.expectedFile, 'utf8'));
        for (const { file, finding, text } of found) {
          assert.ok(finding.range.end > finding.range.start && finding.range.end <= text.length, 'a non-empty range inside the file');
          const firstSentence = finding.message.split(/(?<=\.) /)[0];
          assert.ok(firstSentence.length <= 120, `first sentence within 120 characters: ${firstSentence}`);
          const other = finding.related?.find((r) => r.file && r.file !== file);
          assert.ok(other, 'a related location in the other workflow');
          assert.ok(finding.message.includes(other.file!), 'the message names the other workflow');
          assert.equal(finding.severity, 'warning');
        }
      });
    });
  }
});

describe('every workspace rule', () => {
  const docs = readFileSync(path.resolve(LINT_FIXTURES, '../../../docs/rules.md'), 'utf8');
  for (const rule of WORKSPACE_RULES) {
    it(`${rule.meta.id}: has failing and passing fixtures and a docs section`, () => {
      assert.ok(fixtures.some((f) => f.ruleId === rule.meta.id && f.kind === 'bad'), `test/fixtures/lint/${rule.meta.id}/bad-*/`);
      assert.ok(fixtures.some((f) => f.ruleId === rule.meta.id && f.kind === 'good'), `test/fixtures/lint/${rule.meta.id}/good-*/`);
      assert.match(docs, new RegExp(`^## ${rule.meta.id}$`, 'm'), `docs/rules.md has a "## ${rule.meta.id}" section`);
    });
  }
});
