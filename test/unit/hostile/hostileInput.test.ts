import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { globsIntersect } from '../../../src/core/lint/analysis/artifacts';
import { lintWorkflow, locate } from '../../../src/core/lint';
import { capQuotes, MAX_QUOTED_LENGTH } from '../../../src/core/lint/engine/lintWorkflow';

/** A release workflow whose artifact names are whatever a hostile file wants them to be. */
const artifactWorkflow = (uploadName: string, downloadPattern: string) => `on:
  release:
    types: [published]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: python -m build
      - uses: actions/upload-artifact@v4
        with:
          name: "${uploadName}"
          path: dist/
  publish:
    needs: [build]
    runs-on: ubuntu-latest
    environment: pypi
    permissions:
      id-token: write
    steps:
      - uses: actions/download-artifact@v4
        with:
          pattern: "${downloadPattern}"
          path: dist/
      - uses: pypa/gh-action-pypi-publish@release/v1
`;

describe('hostile input: artifact-name globs', () => {
  it('long star-heavy globs are compared in bounded time and without deep recursion', () => {
    const star = 'a*'.repeat(4250); // 8.5 KB: took 50 s and 2.4 GB with the recursive matcher
    const started = Date.now();
    assert.equal(globsIntersect(star, 'b*'.repeat(5250)), true, 'past the length bound a glob counts as *');
    lintWorkflow(artifactWorkflow(star, 'a*'.repeat(5250)));
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('brace alternatives are bounded too', () => {
    const braces = '{a,b}'.repeat(40); // 2^40 alternatives if expanded
    const started = Date.now();
    assert.equal(globsIntersect(braces, 'zzz'), true, 'too many alternatives: counts as *');
    assert.ok(Date.now() - started < 500);
  });

  it('the bounded matcher still tells real names apart', () => {
    assert.equal(globsIntersect('wheels-{linux,macos}-*', 'wheels-windows-x64'), false);
    assert.equal(globsIntersect(`${'x'.repeat(200)}*`, `${'x'.repeat(200)}-sdist`), true);
    assert.equal(globsIntersect(`${'x'.repeat(200)}-a*`, `${'x'.repeat(200)}-b`), false);
  });
});

/** `copies` renamed copies of a real release workflow's jobs (hynek/structlog, test/fixtures/corpus). */
function manyJobs(copies: number): string {
  const base = readFileSync(path.resolve(__dirname, '../../../../test/fixtures/corpus/workflows/hynek__structlog__pypi-package.yml'), 'utf8');
  const at = base.indexOf('jobs:') + 'jobs:\n'.length;
  const jobs = base.slice(at);
  let text = base.slice(0, at);
  for (let i = 0; i < copies; i++) text += jobs.replace(/^ {2}([a-z][\w-]*):/gm, (_, id) => `  ${id}-${i}:`).replace(/needs: ([\w-]+)/g, (_, id) => `needs: ${id}-${i}`);
  return text;
}

/** The least CPU time of a few runs, in ms: the other runs' noise (GC, a busy machine) only ever adds. */
function cpuMs(run: () => void, times = 5): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const before = process.cpuUsage();
    run();
    best = Math.min(best, process.cpuUsage(before).user / 1000);
  }
  return best;
}

describe('hostile input: size', function () {
  this.timeout(60_000);

  // Four times the jobs: linear growth costs ~4x, one quadratic rule 16x. Measured in a fresh Node process: in the
  // suite's own process the other tests' heap makes garbage collection, not the checks, dominate the figures.
  it('checking grows about linearly with the workflow: four times the jobs, under 8x the time (linear: about 4.3x; quadratic: 16x)', () => {
    const script = `
      const { lintWorkflow } = require(${JSON.stringify(require.resolve('../../../src/core/lint'))});
      const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      const once = (text) => { const before = process.cpuUsage(); lintWorkflow(text, { project: { name: 's', normalizedName: 's' } }); return process.cpuUsage(before).user; };
      // The JIT keeps improving for several runs: warm up on both, then measure them in turns and keep the best.
      for (let i = 0; i < 8; i++) once(texts[0]);
      once(texts[1]);
      once(texts[1]);
      let small = Infinity, large = Infinity;
      for (let i = 0; i < 5; i++) { small = Math.min(small, once(texts[0])); large = Math.min(large, once(texts[1])); }
      process.stdout.write(String(large / small));`;
    const ratio = Number(execFileSync(process.execPath, ['-e', script], { input: JSON.stringify([manyJobs(40), manyJobs(160)]), encoding: 'utf8' }));
    assert.ok(ratio < 8, `four times the jobs took ${ratio.toFixed(2)}x the time`);
  });

  it('a workflow over 1 MB gets its YAML checked and a note saying why nothing else was', () => {
    const text = manyJobs(600);
    assert.ok(text.length > 1024 * 1024);
    const started = Date.now();
    const { findings } = lintWorkflow(text);
    assert.ok(Date.now() - started < 10_000);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [['yaml-syntax', 'info']]);
    assert.match(findings[0].message, /Only the YAML syntax of this workflow was checked: it is \d+\.\d MB/);
    const broken = `${text}\n  bad: [unclosed\n`;
    assert.ok(lintWorkflow(broken).findings.some((f) => f.ruleId === 'yaml-syntax' && f.severity === 'error'), 'syntax errors are still reported');
  });

  it('positions of many findings in a large file are found by halves, and are right', () => {
    const text = manyJobs(300);
    const { findings } = lintWorkflow(text);
    assert.ok(findings.length > 300);
    for (const finding of findings.slice(-5)) {
      const { line, column } = locate(text, finding.range.start);
      const before = text.slice(0, finding.range.start);
      assert.equal(line, before.split('\n').length);
      assert.equal(column, finding.range.start - before.lastIndexOf('\n'));
    }
    assert.ok(cpuMs(() => findings.forEach((f) => locate(text, f.range.start)), 3) < 200);
  });
});

describe('hostile input: messages', () => {
  it('quote the workflow at most ~120 characters at a time, keeping both ends', () => {
    const job = `publish-${'x'.repeat(900)}-end`; // YAML allows keys up to 1024 characters
    const text = `on:\n  release:\n    types: [published]\njobs:\n  ${job}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n`;
    const { findings } = lintWorkflow(text);
    assert.ok(findings.length > 0);
    for (const finding of findings) {
      assert.ok(!finding.message.includes('x'.repeat(121)), `${finding.ruleId}: ${finding.message.length} characters`);
      for (const related of finding.related ?? []) assert.ok(!related.message.includes('x'.repeat(121)));
    }
    assert.ok(findings.some((f) => /publish-x+…x+-end/.test(f.message)), 'the start and the end of the quoted id stay');
  });

  it('are cut exactly where the quoting pattern alone would cut them (the quick look first misses none)', () => {
    // The pattern capQuotes applies, run on every message: the reference the quick look must agree with.
    const reference = (message: string) =>
      message.replace(/`[^`\n]*`|(?<![\w'])'[^'\n]*'(?![\w'])/g, (quoted) =>
        quoted.length - 2 <= MAX_QUOTED_LENGTH ? quoted : `${quoted[0]}${quoted.slice(1, 61)}…${quoted.slice(-60, -1)}${quoted[0]}`,
      );
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const pieces = ['`', "'", ' ', '\n', "repository's", "'s", 'word', '_', '9', 'x'.repeat(40), 'y'.repeat(130), ' job ', "''"];
    let cut = 0;
    for (let i = 0; i < 5000; i++) {
      const message = Array.from({ length: 3 + random(25) }, () => pieces[random(pieces.length)]).join('');
      const expected = reference(message);
      if (expected !== message) cut++;
      assert.equal(capQuotes(message), expected, JSON.stringify(message));
    }
    assert.ok(cut > 200, `only ${cut} of the messages needed a cut: the test would not notice a quick look that misses`);
  });

  it('leave prose between a quoted name and an apostrophe whole', () => {
    const message = `Job 'publish' appears to upload to PyPI: ${'words '.repeat(40)}then delete the secret X from the repository's settings.`;
    assert.equal(capQuotes(message), message);
    const between = `runs \`scripts/build\` before the upload, ${'and more '.repeat(20)}then \`scripts/publish\` uploads`;
    assert.equal(capQuotes(between), between);
  });
});
