import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fixAllEdits, fixesWithFollowUps, ignoreFix, lintWorkflow, summarizePublishing, type Finding } from '../../../src/core/lint';
import { withoutFixes } from '../../../src/core/lint/worker/protocol';
import { WORKER_THRESHOLD, WorkerChecks, type CheckOutcome } from '../../../src/core/lint/worker/workerChecks';

/** The worker's script as compiled next to this test (the extension uses dist/extension.js, which serves the same way). */
const SCRIPT = path.resolve(__dirname, '../../../src/core/lint/worker/main.js');
/** A real release workflow with many findings, most with fixes (test/fixtures/corpus/workflows/SOURCES.tsv). */
const WORKFLOW = readFileSync(path.resolve(__dirname, '../../../../test/fixtures/corpus/workflows/AndrewAnnex__SpiceyPy__publish-to-test-pypi.yml'), 'utf8');

/** The workflow with its jobs copied as often as fits in `bytes` (job ids renamed so that they stay unique). */
function largeWorkflow(bytes: number): string {
  const jobs = /^jobs:[ \t]*\r?\n/m.exec(WORKFLOW)!;
  const at = jobs.index + jobs[0].length;
  const block = WORKFLOW.slice(at);
  const copies: string[] = [];
  for (let i = 0, length = at; ; i++) {
    const copy = `${block.replace(/^( {2})([\w-]+):/gm, (_, indent: string, id: string) => `${indent}${id}-${i}:`)}\n`;
    if (length + copy.length > bytes) break;
    copies.push(copy);
    length += copy.length;
  }
  return WORKFLOW.slice(0, at) + copies.join('');
}

const plain = (findings: Finding[]) => findings.map(withoutFixes);

describe('checks of large workflows in a worker thread', function () {
  // A megabyte is checked twice here (in the worker and inline), on a machine other work shares.
  this.timeout(120_000);
  // Just under the size past which only the syntax is checked (MAX_CHECKED_LENGTH, 1 MiB).
  const megabyte = largeWorkflow(1024 * 1024);
  let checks: WorkerChecks;
  const logged: string[] = [];
  beforeEach(() => {
    logged.length = 0;
    checks = new WorkerChecks({ script: SCRIPT, log: (line) => logged.push(line) });
  });
  afterEach(() => checks.dispose());

  it('a 1 MB workflow checked in the worker gets the findings and the summary of a check on the main thread, and the main thread stays free', async () => {
    assert.ok(megabyte.length > 1_000_000 && megabyte.length <= 1024 * 1024, `${megabyte.length} characters`);
    // The worker started (and its code loaded) before the timing: what is timed is one check.
    await checks.check('warm-up', WORKFLOW, {});

    // The least of three tries: on a busy machine the thread can wait for a core whatever it runs, which a monitor
    // counts as delay too; a check that held the loop could not look free in any try.
    let first: CheckOutcome | undefined;
    let workerMs = Infinity;
    for (let attempt = 0; attempt < 3 && workerMs >= 50; attempt++) {
      const inWorker = monitorEventLoopDelay({ resolution: 5 });
      inWorker.enable();
      const outcome = await checks.check('release.yml', `${megabyte}${' '.repeat(attempt)}`, {}, 'release.yml');
      inWorker.disable();
      workerMs = Math.min(workerMs, inWorker.max / 1e6);
      first ??= outcome;
    }

    const inline = monitorEventLoopDelay({ resolution: 5 });
    inline.enable();
    // Inline as the editor did before: a check in a timer callback, the loop waiting behind it.
    const expected = await new Promise<Finding[]>((resolve) => setTimeout(() => resolve(lintWorkflow(megabyte).findings), 10));
    await new Promise((resolve) => setTimeout(resolve, 10));
    inline.disable();

    assert.equal(first?.kind, 'checked');
    if (first?.kind !== 'checked') return;
    assert.ok(expected.length > 1000, `${expected.length} findings`);
    assert.deepEqual(first.findings, plain(expected));
    assert.deepEqual(first.summary, summarizePublishing('release.yml', megabyte));
    const inlineMs = inline.max / 1e6;
    // Not an absolute timing (the machine is shared): the check in the worker leaves the loop free enough for typing,
    // the same check inline holds it for its whole length.
    assert.ok(inlineMs > 3 * workerMs && inlineMs > 200, `inline held the loop ${inlineMs.toFixed(0)} ms, the worker ${workerMs.toFixed(0)} ms`);
  });

  it("builds a finding's fixes, its ignore fix, Fix All and the publishing summary in the worker, as the main thread would", async () => {
    const text = largeWorkflow(WORKER_THRESHOLD + 1000);
    const outcome = await checks.check('release.yml', text, {});
    assert.equal(outcome.kind, 'checked');
    const main = lintWorkflow(text).findings;
    const fixable = main.filter((f) => f.fixes?.length).slice(0, 3);
    assert.ok(fixable.length > 0);
    for (const finding of fixable) {
      const built = await checks.actions(text, {}, [], { ruleId: finding.ruleId, ...finding.range });
      assert.deepEqual(built?.fixes, fixesWithFollowUps(text, {}, main, finding), finding.ruleId);
      assert.deepEqual(built?.ignore, ignoreFix(text, finding));
    }
    assert.deepEqual(await checks.fixAll(text, {}, []), fixAllEdits(main));
    // What it publishes, for the comparison with the other workflows of its folder.
    assert.deepEqual(await checks.summary(text, 'publish.yml'), summarizePublishing('publish.yml', text));
  });

  it('a newer text of a file replaces the one waiting; a result already stale is dropped', async () => {
    const text = largeWorkflow(WORKER_THRESHOLD * 4);
    const outcomes: Array<Promise<CheckOutcome>> = [];
    for (let i = 0; i < 4; i++) outcomes.push(checks.check('release.yml', `${text}${'\n'.repeat(i)}`, {}));
    const kinds = (await Promise.all(outcomes)).map((o) => o.kind);
    // The first was in the worker when the others came: only the newest text's findings are given.
    assert.deepEqual(kinds, ['superseded', 'superseded', 'superseded', 'checked']);
    // Another file is not held back by this one.
    const [one, other] = await Promise.all([checks.check('a.yml', text, {}), checks.check('b.yml', text, {})]);
    assert.deepEqual([one.kind, other.kind], ['checked', 'checked']);
  });

  it('options that cannot cross to the worker fail that check only', async () => {
    const outcome = await checks.check('release.yml', WORKFLOW, { project: { name: 'x', normalizedName: 'x', compiled: (() => true) as unknown as boolean } });
    assert.equal(outcome.kind, 'failed');
    assert.equal((await checks.check('release.yml', WORKFLOW, {})).kind, 'checked');
  });

  describe('a worker that fails', () => {
    let scratch: string;
    before(() => (scratch = mkdtempSync(path.join(tmpdir(), 'check-worker-'))));
    after(() => rmSync(scratch, { recursive: true, force: true }));
    const script = (name: string, source: string) => {
      const file = path.join(scratch, name);
      writeFileSync(file, source);
      return file;
    };

    it('crashes: the check fails with a log line, and the next check starts a new worker', async () => {
      const crashing = new WorkerChecks({ script: script('crash.js', "throw new Error('out of luck');"), log: (line) => logged.push(line) });
      const outcome = await crashing.check('release.yml', WORKFLOW, {});
      assert.deepEqual(outcome.kind, 'failed');
      assert.match(logged.join('\n'), /the check worker crashed: out of luck/);
      assert.equal((await crashing.check('release.yml', WORKFLOW, {})).kind, 'failed');
      crashing.dispose();
    });

    it('exits in the middle of a check: the check fails', async () => {
      const exiting = new WorkerChecks({ script: script('exit.js', "require('worker_threads').parentPort.on('message', () => process.exit(3));") });
      const outcome = await exiting.check('release.yml', WORKFLOW, {});
      assert.deepEqual(outcome, { kind: 'failed', message: 'the check worker exited (code 3)' });
      exiting.dispose();
    });

    it('never answers: the check fails after the timeout, never hangs', async () => {
      const hung = new WorkerChecks({ script: script('hang.js', "require('worker_threads').parentPort.on('message', () => { for (;;); });"), timeoutMs: 300, log: (line) => logged.push(line) });
      const outcome = await hung.check('release.yml', WORKFLOW, {});
      assert.deepEqual(outcome, { kind: 'failed', message: 'a check took more than 0.3 s' });
      assert.match(logged.join('\n'), /took more than 0\.3 s/);
      hung.dispose();
    });

    it('is stopped (the extension deactivates): waiting checks fail, later ones too', async () => {
      const pending = checks.check('release.yml', largeWorkflow(WORKER_THRESHOLD * 4), {});
      checks.dispose();
      assert.deepEqual(await pending, { kind: 'failed', message: 'the checks were stopped' });
      assert.equal((await checks.check('release.yml', WORKFLOW, {})).kind, 'failed');
    });
  });
});
