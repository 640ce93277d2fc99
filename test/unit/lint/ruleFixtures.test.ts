import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { applyEdits, lintWorkflow, RULE_METAS, RULES, YAML_SYNTAX } from '../../../src/core/lint';
import { describeSpan, LINT_FIXTURES, loadFixtures } from './fixtures';

const update = process.env.UPDATE_GOLDEN === '1';
const fixtures = loadFixtures();
const ruleIds = [YAML_SYNTAX.id, ...RULES.map((r) => r.meta.id)];

describe('workflow rules on their fixtures', () => {
  for (const fixture of fixtures) {
    describe(`${fixture.ruleId}/${fixture.name}`, () => {
      const ofRule = () => lintWorkflow(fixture.text, fixture.options).findings.filter((f) => f.ruleId === fixture.ruleId);

      if (fixture.kind === 'good') {
        it('raises no finding of the rule', () => {
          assert.deepEqual(ofRule().map((f) => `${describeSpan(fixture.text, f.range.start, f.range.end)} ${f.message}`), []);
        });
        return;
      }

      it('raises the rule exactly where the .out file says', () => {
        const findings = ofRule();
        assert.ok(findings.length > 0, 'the bad fixture raises the rule');
        const actual = findings.map((f) => describeSpan(fixture.text, f.range.start, f.range.end)).join('\n') + '\n';
        if (update) writeFileSync(fixture.expectedFile, actual);
        assert.ok(existsSync(fixture.expectedFile), `${path.relative(LINT_FIXTURES, fixture.expectedFile)} exists (UPDATE_GOLDEN=1 writes it)`);
        assert.equal(actual, readFileSync(fixture.expectedFile, 'utf8'));
        for (const f of findings) {
          assert.ok(f.range.end > f.range.start && f.range.end <= fixture.text.length, 'a non-empty range inside the file');
          assert.ok(f.message.length > 20, 'a message that says what to do');
        }
      });

      it('has a fix that, applied, clears the rule and keeps the file valid', function () {
        const findings = ofRule();
        const edits = findings.flatMap((f) => f.fixes?.[0]?.edits ?? []);
        if (edits.length === 0) {
          assert.ok(!existsSync(fixture.fixedFile), 'a .fixed file without a fix');
          return this.skip();
        }
        const fixed = applyEdits(fixture.text, edits);
        if (update) writeFileSync(fixture.fixedFile, fixed);
        assert.ok(existsSync(fixture.fixedFile), `${path.basename(fixture.fixedFile)} exists for a rule with a fix (UPDATE_GOLDEN=1 writes it)`);
        assert.equal(fixed, readFileSync(fixture.fixedFile, 'utf8'));
        assert.deepEqual(parseDocument(fixed).errors.map((e) => e.message), [], 'the fixed file parses');
        const again = lintWorkflow(fixed, fixture.options).findings.filter((f) => f.ruleId === fixture.ruleId);
        assert.deepEqual(again.map((f) => f.message), [], 'checking the fixed file again finds nothing of this rule');
        return undefined;
      });

      it('fixes a CRLF copy of the file the same way, keeping CRLF line endings', function () {
        const crlf = fixture.text.replace(/\r?\n/g, '\r\n');
        const edits = lintWorkflow(crlf, fixture.options).findings.filter((f) => f.ruleId === fixture.ruleId).flatMap((f) => f.fixes?.[0]?.edits ?? []);
        if (edits.length === 0 || !existsSync(fixture.fixedFile)) return this.skip();
        const fixed = applyEdits(crlf, edits);
        assert.doesNotMatch(fixed, /(^|[^\r])\n|\r\r/, 'no bare LF or doubled CR');
        assert.equal(fixed, readFileSync(fixture.fixedFile, 'utf8').replace(/\r?\n/g, '\r\n'));
        return undefined;
      });
    });
  }
});

describe('every rule', () => {
  const docs = readFileSync(path.resolve(LINT_FIXTURES, '../../../docs/rules.md'), 'utf8');
  for (const id of ruleIds) {
    it(`${id}: has failing and passing fixtures and a docs section`, () => {
      assert.ok(fixtures.some((f) => f.ruleId === id && f.kind === 'bad'), `test/fixtures/lint/${id}/bad-*.yml`);
      assert.ok(fixtures.some((f) => f.ruleId === id && f.kind === 'good'), `test/fixtures/lint/${id}/good-*.yml`);
      assert.match(docs, new RegExp(`^## ${id}$`, 'm'), `docs/rules.md has a "## ${id}" section`);
    });
  }

  it('has a unique, kebab-case id', () => {
    const ids = [YAML_SYNTAX.id, ...RULE_METAS.map((r) => r.id)];
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has no fixture folder that names an unknown rule', () => {
    for (const f of fixtures) assert.ok(ruleIds.includes(f.ruleId), `test/fixtures/lint/${f.ruleId} names no rule`);
  });
});

describe('the rule registry', () => {
  it('lists every module in src/core/lint/rules (single-file and workspace rules), each named by its rule id', () => {
    const { readdirSync } = require('node:fs') as typeof import('node:fs');
    const dir = path.resolve(LINT_FIXTURES, '../../../src/core/lint/rules');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
    assert.deepEqual(files, RULE_METAS.map((r) => r.id).sort());
  });
});
