import * as assert from 'node:assert/strict';
import { formatGithub, formatText, plainMessage, twoLineMessage, type LocatedFinding } from '../../../src/core/lint';

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

  it('the text format prints what is wrong on the finding\'s line and why and how indented below, wrapped', () => {
    const why = 'GitHub issues one only to a job granted `id-token: write`, and no permissions block grants it. ' + 'Add `id-token: write` to this job\'s permissions (only to this job). '.repeat(2);
    const text = formatText([finding('error', `Job 'publish' cannot get an OIDC token. ${why.trim()}`), finding('warning', 'One sentence only.')]);
    const lines = text.split('\n');
    assert.equal(lines[0], "release.yml:3:5: error [missing-id-token] Job 'publish' cannot get an OIDC token.");
    const detail = lines.slice(1, lines.findIndex((l) => l.startsWith('release.yml:3:5: warning')));
    assert.ok(detail.length >= 2, 'the rest wraps over several lines');
    for (const line of detail) assert.ok(line.startsWith('    ') && line.length <= 100, line);
    assert.equal(detail.map((l) => l.trim()).join(' '), plainMessage(why.trim()));
    assert.ok(lines.includes('release.yml:3:5: warning [missing-id-token] One sentence only.'), 'a one-sentence message has no indented lines');
  });

  it('the editor and GitHub annotations show the first sentence on a line of its own', () => {
    assert.equal(twoLineMessage('Job x fails. Because y. Fix z.'), 'Job x fails.\nBecause y. Fix z.');
    assert.equal(twoLineMessage('Only this.'), 'Only this.');
    assert.match(formatGithub([finding('error', 'Job x fails. Because y.')]), /::Job x fails\.%0ABecause y\.\n$/);
  });
});
