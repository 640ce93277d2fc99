import * as assert from 'node:assert/strict';
import { formatText, plainMessage, type LocatedFinding } from '../../../src/core/lint';

const finding = (severity: LocatedFinding['severity'], message: string): LocatedFinding => ({
  file: 'release.yml',
  ruleId: 'missing-id-token',
  severity,
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 9,
  message,
});

describe('report wording', () => {
  it('code spans are quoted, not shown with raw backticks', () => {
    assert.equal(plainMessage('Grant `id-token: write` to job `publish`.'), "Grant 'id-token: write' to job 'publish'.");
  });

  it('the text summary counts in words a person reads: one error, two notes', () => {
    const text = formatText([finding('error', 'Grant `id-token: write`.'), finding('info', 'a'), finding('info', 'b')]);
    assert.match(text, /release\.yml:3:5: error \[missing-id-token\] Grant 'id-token: write'\./);
    assert.match(text, /: note \[missing-id-token\] a/);
    assert.match(text, /\n3 problems \(1 error, 0 warnings, 2 notes\)\n$/);
    assert.match(formatText([finding('warning', 'x')]), /\n1 problem \(0 errors, 1 warning, 0 notes\)\n$/);
  });
});
